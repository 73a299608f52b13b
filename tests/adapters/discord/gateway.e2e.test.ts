/**
 * The real discord.js client, started by startDiscord, against the local fake Discord: what reaches
 * "Discord" (callbacks, channel messages) is asserted from the recorded REST requests.
 */

import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DiscordHandle, startDiscord } from '../../../src/adapters/discord/start-discord.js'
import type { AnswerItem } from '../../../src/answers/answer.js'
import type { Bot } from '../../../src/bot/bot.js'
import { cardAltText } from '../../../src/cards/content.js'
import { pngSize } from '../../cards/png.js'
import { FakeDiscord, HUMAN, IDS, type RecordedRequest } from '../../helpers/fake-discord.js'
import { gatedCards } from '../../helpers/gated-cards.js'
import { expectWithinLimits, plainText } from './discord-limits.js'
import { createTestBot, EDITORS_PHRASE, THREATENED_PHRASE } from './test-bot.js'

const logs: Array<{ level: number; msg: string; error?: { code?: unknown } }> = []
const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) })

let fake: FakeDiscord
let discord: DiscordHandle
let bot: Bot

const { cards, renderer, hold } = gatedCards()

/** Lets any pending gateway event be handled, then gives a REST call time to arrive. */
const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms))

function channelPosts(channelId: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`)
}

function buttonIds(body: {
  components?: Array<{ components: Array<{ custom_id: string; label: string }> }>
}) {
  return (body.components ?? []).flatMap((row) => row.components)
}

beforeAll(async () => {
  fake = await FakeDiscord.start()
  bot = await createTestBot()
  discord = await startDiscord(bot, { token: 'fake-token', apiUrl: fake.apiUrl }, logger, {
    readyTimeoutMs: 5000,
    deferAfterMs: 1000,
    cards,
    warmUp: await createTestBot(),
  })
}, 15_000)

afterAll(async () => {
  await discord?.stop()
  await fake?.close()
})

describe('gateway connection', () => {
  it('identifies with Guilds, GuildMessages and DirectMessages only (no privileged intent)', () => {
    const identify = fake.gatewayFrames.find((frame) => frame.op === 2)
    const intents = (identify?.d as { intents?: number } | undefined)?.intents ?? -1
    expect(intents).toBe(1 | (1 << 9) | (1 << 12))
    expect(intents & (1 << 15)).toBe(0) // MessageContent
    expect(intents & (1 << 1)).toBe(0) // GuildMembers
    expect(intents & (1 << 8)).toBe(0) // GuildPresences
  })

  it('never registers commands at start', () => {
    expect(fake.requests.some((r) => r.path.includes('/commands'))).toBe(false)
    expect(discord.client.isReady()).toBe(true)
  })
})

describe('slash command', () => {
  it('answers /ia-cinema question:monteur privately with the editors passage, in one callback', async () => {
    const interaction = fake.slashCommand('monteur')
    const callback = await fake.callbackFor(interaction)
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] })
    expect(plainText(callback.body.data)).toContain(EDITORS_PHRASE)
    expectWithinLimits(callback.body.data)
    // Matched words are bold, and the passage links to its source.
    const embeds = callback.body.data.embeds as Array<{
      description?: string
      url?: string
      footer?: { text: string }
    }>
    expect(embeds.some((embed) => /\*\*[^*]+\*\*/.test(embed.description ?? ''))).toBe(true)
    expect(
      embeds.some((embed) => embed.url?.startsWith('http') && embed.footer?.text.startsWith('Source')),
    ).toBe(true)
  })

  it('answers the questions about threatened jobs', async () => {
    const callback = await fake.callbackFor(fake.slashCommand('quels métiers sont menacés ?'))
    expect(plainText(callback.body.data)).toContain(THREATENED_PHRASE)
  })

  it.each([
    ['mentions', '@everyone <@&1> <@123> @here monteur'],
    ['a 6,000-character question', `monteur ${'cinéma '.repeat(857)}`.slice(0, 6000)],
    ['__proto__', '__proto__'],
    ['markdown', '**gras** `code` ||spoiler|| > citation [lien](https://evil.example) monteur'],
    ['an empty question', ''],
  ])('answers %s with a private message within limits that pings nobody', async (_name, question) => {
    const callback = await fake.callbackFor(fake.slashCommand(question))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] })
    expectWithinLimits(callback.body.data)
    const raw = JSON.stringify(callback.body.data)
    expect(raw).not.toMatch(/@everyone|@here|<@&?\d+>/)
    expect(raw).not.toContain('[lien](https://evil.example)')
  })

  it.each(['aide', 'metiers', 'sources', 'citation', 'parcours', 'citation miyazaki', 'xyzzy'])(
    'renders the real answer to "%s" within limits',
    async (question) => {
      const callback = await fake.callbackFor(fake.slashCommand(question))
      expect(callback.body.type).toBe(4)
      expect(callback.body.data.flags & 64).toBe(64)
      expect(callback.body.data.embeds.length).toBeGreaterThan(0)
      expectWithinLimits(callback.body.data)
    },
  )

  it('answers a malformed option (a number where a string is expected) like any question', async () => {
    const callback = await fake.callbackFor(fake.slashCommand(42))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expectWithinLimits(callback.body.data)
  })

  it('tells the user when the command name is unknown (stale registration)', async () => {
    const callback = await fake.callbackFor(fake.slashCommand('monteur', 'ancienne-commande'))
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.content).toContain('/ia-cinema')
  })

  it('shows a French error, privately, when the core throws', async () => {
    const callback = await fake.callbackFor(fake.slashCommand('test:boom'))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.content).toBe('Désolé, une erreur est survenue. Réessayez dans un instant.')
    expect(logs.some((line) => line.msg === 'discord interaction failed')).toBe(true)
  })

  it('defers a slow answer (ephemeral) and then edits the original', async () => {
    const interaction = fake.slashCommand('test:slow monteur')
    const callback = await fake.callbackFor(interaction)
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } })
    const edit = await fake.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${IDS.application}/${interaction.token}/messages/@original`,
    )
    expect(plainText(edit.body)).toContain(EDITORS_PHRASE)
    expect(edit.body.allowed_mentions).toEqual({ parse: [] })
    expectWithinLimits(edit.body)
  })

  it.each([
    [10062, 404, 'Unknown interaction'],
    [40060, 400, 'Interaction has already been acknowledged.'],
  ])('logs Discord error %i on the callback and keeps running', async (code, status, message) => {
    fake.failNext((r) => r.path.endsWith('/callback'), status, code, message)
    const interaction = fake.slashCommand('monteur')
    await fake.callbackFor(interaction)
    await settle()
    const warning = logs.find(
      (line) => line.msg === 'discord interaction expired or already answered' && line.error?.code === code,
    )
    expect(warning?.level).toBe(40)
    // Nothing else was attempted on that interaction: no error message, no follow-up.
    expect(fake.requests.filter((r) => r.path.includes(interaction.token))).toHaveLength(1)
    const next = await fake.callbackFor(fake.slashCommand('monteur'))
    expect(next.body.type).toBe(4)
  })
})

describe('autocomplete', () => {
  it('suggests completions for "mont" in one type-8 callback, within limits', async () => {
    const callback = await fake.callbackFor(fake.autocomplete('mont'))
    expect(callback.body.type).toBe(8)
    const choices = callback.body.data.choices as Array<{ name: string; value: string }>
    expect(choices.length).toBeGreaterThanOrEqual(1)
    expect(choices.length).toBeLessThanOrEqual(25)
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1)
      expect(choice.name.length).toBeLessThanOrEqual(100)
      expect(choice.value.length).toBeGreaterThanOrEqual(1)
      expect(choice.value.length).toBeLessThanOrEqual(100)
    }
    expect(choices.some((choice) => choice.value.toLowerCase().includes('mont'))).toBe(true)
  })

  it('answers a huge partial value too', async () => {
    const callback = await fake.callbackFor(fake.autocomplete('m'.repeat(6000)))
    expect(callback.body.type).toBe(8)
    expect(callback.body.data.choices.length).toBeLessThanOrEqual(25)
  })
})

describe('buttons', () => {
  async function monteurAnswer() {
    const callback = await fake.callbackFor(fake.slashCommand('monteur'))
    return buttonIds(callback.body.data)
  }

  it('posts a shared passage publicly, naming the sharer without pinging anyone', async () => {
    const share = (await monteurAnswer()).find((button) => button.custom_id.startsWith('iac:share:'))
    expect(share).toBeDefined()
    const callback = await fake.callbackFor(fake.buttonClick(share?.custom_id ?? ''))
    expect(callback.body.type).toBe(4)
    expect((callback.body.data.flags ?? 0) & 64).toBe(0)
    expect(callback.body.data.content).toContain('Partagé par')
    expect(callback.body.data.content).toContain(HUMAN.id)
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] })
    const text = plainText(callback.body.data)
    expect(text).toContain(EDITORS_PHRASE)
    expect(text).toMatch(/Source/)
    expectWithinLimits(callback.body.data)
  })

  it('replaces the private answer with the next page on "Plus de résultats"', async () => {
    const more = (await monteurAnswer()).find((button) => button.custom_id.startsWith('iac:more:'))
    expect(more).toBeDefined()
    const callback = await fake.callbackFor(fake.buttonClick(more?.custom_id ?? ''))
    expect(callback.body.type).toBe(7)
    expect(callback.body.data.embeds.length).toBeGreaterThan(0)
    expectWithinLimits(callback.body.data)
  })

  it('walks the guided tour with its "Suivant" button', async () => {
    const first = await fake.callbackFor(fake.slashCommand('parcours'))
    const next = buttonIds(first.body.data).find((button) => button.custom_id.startsWith('iac:next:'))
    expect(next?.label).toBe('Suivant')
    const callback = await fake.callbackFor(fake.buttonClick(next?.custom_id ?? ''))
    expect(callback.body.type).toBe(7)
    expect(callback.body.data.embeds[0].title).not.toBe(first.body.data.embeds[0].title)
  })

  it('replaces the private answer when a button leads to another answer', async () => {
    const callback = await fake.callbackFor(fake.buttonClick('test:answer'))
    expect(callback.body.type).toBe(7)
    expect(plainText(callback.body.data)).toContain(THREATENED_PHRASE)
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] })
    expectWithinLimits(callback.body.data)
  })

  it('answers privately instead of editing a public message (a mention reply)', async () => {
    const callback = await fake.callbackFor(fake.buttonClick('test:answer', { flags: 0 }))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
  })

  it('acknowledges a notice privately', async () => {
    const callback = await fake.callbackFor(fake.buttonClick('test:notice'))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.content).toBe('Merci pour votre avis.')
  })

  it('acknowledges « Carte » at once, then posts the card publicly with alt text, pinging nobody', async () => {
    const answer = await fake.callbackFor(fake.slashCommand('citation miyazaki'))
    const button = buttonIds(answer.body.data).find((b) => b.custom_id.startsWith('iac:card:'))
    expect(button?.label).toBe('Carte')
    const quote = (await bot.ask('citation miyazaki', { platform: 'discord' })).items[0] as AnswerItem
    const open = hold()
    const interaction = fake.buttonClick(button?.custom_id ?? '')
    const callback = await fake.callbackFor(interaction)
    // A deferred update: the click is acknowledged while the card is still waiting.
    expect(callback.body.type).toBe(6)
    const followUpPath = `/webhooks/${IDS.application}/${interaction.token}`
    expect(fake.requests.some((r) => r.path === followUpPath)).toBe(false)
    open()

    const post = await fake.waitForRequest((r) => r.method === 'POST' && r.path === followUpPath, 15_000)
    const [file] = post.files
    if (!file) throw new Error('the follow-up carries no file')
    expect(file.field).toBe('files[0]')
    expect(file.name).toMatch(/^citation-.+\.png$/)
    expect(pngSize(file.bytes)).toEqual({ width: 1200, height: 630 })
    expect(post.body.attachments).toEqual([{ id: '0', description: cardAltText(quote) }])
    expect(post.body.embeds[0].image).toEqual({ url: `attachment://${file.name}` })
    expect((post.body.flags ?? 0) & 64).toBe(0)
    expect(post.body.content).toContain(`Partagé par <@${HUMAN.id}>`)
    expect(post.body.allowed_mentions).toEqual({ parse: [] })
    expect(plainText(post.body)).toContain('Hayao Miyazaki')
    expectWithinLimits(post.body)
  })

  it('posts a card refused with 429 after the wait Discord asks for, once', async () => {
    const answer = await fake.callbackFor(fake.slashCommand('citation miyazaki'))
    const button = buttonIds(answer.body.data).find((b) => b.custom_id.startsWith('iac:card:'))
    const interaction = fake.buttonClick(button?.custom_id ?? '')
    const followUpPath = `/webhooks/${IDS.application}/${interaction.token}`
    const toWebhook = (r: RecordedRequest) => r.method === 'POST' && r.path === followUpPath
    fake.rateLimitNext(toWebhook, 0.5)
    expect((await fake.callbackFor(interaction)).body.type).toBe(6)
    const sent = () => fake.requests.filter(toWebhook)
    await fake.waitForRequest(() => sent().length >= 2, 15_000)
    expect(pngSize(sent()[1]?.files[0]?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 630 })
    await settle(500)
    expect(sent()).toHaveLength(2)
  })

  it('posts the daily quote with its card when one is given', async () => {
    const quote = (await bot.ask('citation miyazaki', { platform: 'discord' })).items[0] as AnswerItem
    const card = await renderer.card(quote, 'v-daily')
    const before = channelPosts(IDS.channel).length
    await discord.postDailyQuote(IDS.channel, quote, card)
    const post = channelPosts(IDS.channel)[before]
    expect(post?.files[0]?.bytes.equals(card.png)).toBe(true)
    expect(post?.body.content).toBe('📅 Citation du jour')
    expect(post?.body.embeds[0].image).toEqual({ url: `attachment://${card.filename}` })
    expect(post?.body.allowed_mentions).toEqual({ parse: [] })
  })

  it('answers a forged or stale button privately with a French message', async () => {
    const callback = await fake.callbackFor(fake.buttonClick('iac:nimporte:quoi'))
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(callback.body.data.content?.length).toBeGreaterThan(0)
  })
})

describe('mentions and direct messages', () => {
  it('replies to a mention with the answer, as a reply that pings nobody', async () => {
    const id = fake.messageCreate(`<@${IDS.bot}> quels métiers sont menacés ?`)
    const post = await fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${IDS.channel}/messages` &&
        r.body?.message_reference?.message_id === id,
    )
    expect(plainText(post.body)).toContain(THREATENED_PHRASE)
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false })
    expect(post.body.message_reference.fail_if_not_exists).toBe(false)
    expectWithinLimits(post.body)
  })

  it('treats a mention of the bot’s managed role like a mention of the bot', async () => {
    const id = fake.messageCreate(`<@&${IDS.botRole}> monteur`, { mentionsBot: false })
    const post = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === id)
    expect(plainText(post.body)).toContain(EDITORS_PHRASE)
  })

  it('defuses @everyone and role mentions in a mentioned question', async () => {
    const id = fake.messageCreate(`<@${IDS.bot}> @everyone <@&1> monteur`)
    const post = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === id)
    expect(JSON.stringify(post.body)).not.toMatch(/@everyone|<@&\d+>/)
    expect(post.body.allowed_mentions.parse).toEqual([])
  })

  it('answers a direct message', async () => {
    const id = fake.messageCreate('monteur', { dm: true })
    const post = await fake.waitForRequest(
      (r) => r.path === `/channels/${IDS.dmChannel}/messages` && r.body?.message_reference?.message_id === id,
    )
    expect(plainText(post.body)).toContain(EDITORS_PHRASE)
  })

  it('ignores bots (itself included) and guild messages that do not mention it', async () => {
    const before = channelPosts(IDS.channel).length
    const fromBot = fake.messageCreate(`<@${IDS.bot}> monteur`, {
      author: {
        id: '1100000000000000099',
        username: 'autre-bot',
        global_name: null,
        discriminator: '0',
        avatar: null,
        bot: true,
      },
    })
    const fromItself = fake.messageCreate(`<@${IDS.bot}> monteur`, {
      author: {
        id: IDS.bot,
        username: 'ia-cinema',
        global_name: null,
        discriminator: '0',
        avatar: null,
        bot: true,
      },
    })
    const unaddressed = fake.messageCreate('monteur')
    // A later addressed message is answered; events are handled in order, so the earlier ones were seen.
    const marker = fake.messageCreate(`<@${IDS.bot}> monteur`)
    await fake.waitForRequest((r) => r.body?.message_reference?.message_id === marker)
    await settle()
    const replied = channelPosts(IDS.channel).map((r) => r.body?.message_reference?.message_id)
    expect(replied).not.toContain(fromBot)
    expect(replied).not.toContain(fromItself)
    expect(replied).not.toContain(unaddressed)
    expect(channelPosts(IDS.channel).length).toBe(before + 1)
  })

  it('replies with a French error when the core throws on a mention', async () => {
    const id = fake.messageCreate(`<@${IDS.bot}> test:boom`)
    const post = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === id)
    expect(post.body.content).toBe('Désolé, une erreur est survenue. Réessayez dans un instant.')
  })
})

describe('replays and malformed interactions', () => {
  it('answers an interaction the gateway delivers twice once', async () => {
    const interaction = fake.slashCommand('monteur')
    await fake.callbackFor(interaction)
    fake.redispatch(interaction.id)
    // Events are handled in order: once a later one is answered, the replay has been seen.
    await fake.callbackFor(fake.slashCommand('aide'))
    expect(fake.requests.filter((r) => r.path.includes(interaction.token))).toHaveLength(1)
  })

  it.each([
    ['an option that is an object', () => fake.slashCommand({ toString: 1 })],
    ['an option that is a list', () => fake.slashCommand(['monteur'])],
    [
      'an autocomplete value that is an object',
      () => fake.autocomplete({ toString: 1 } as unknown as string),
    ],
    ['a custom_id that is an object', () => fake.buttonClick({ toString: 1 } as unknown as string)],
  ])('ignores %s with one log line, and keeps answering', async (_name, send) => {
    const before = logs.length
    const interaction = send()
    await fake.callbackFor(fake.slashCommand('aide'))
    expect(fake.requests.filter((r) => r.path.includes(interaction.token))).toEqual([])
    const lines = logs.slice(before).filter((line) => line.level >= 40)
    expect(lines.map((line) => line.msg)).toEqual(['discord: malformed interaction ignored'])
  })
})

describe('robustness', () => {
  it.each([
    ['a close frame (4000)', 4000],
    ['a lost connection', 'network'],
  ] as const)(
    'resumes after %s and keeps answering',
    async (_name, how) => {
      const framesBefore = fake.gatewayFrames.length
      fake.dropConnection(how)
      await fake.waitForFrame(6, framesBefore, 10_000)
      const callback = await fake.callbackFor(fake.slashCommand('monteur'), 5000)
      expect(callback.body.type).toBe(4)
      expect(discord.client.isReady()).toBe(true)
    },
    15_000,
  )

  it('fails to start with a DiscordStartError when the token is refused', async () => {
    fake.failNext((r) => r.path === '/gateway/bot', 401, 0, '401: Unauthorized')
    await expect(
      startDiscord(bot, { token: 'bad-token', apiUrl: fake.apiUrl }, logger, { readyTimeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'DISCORD_START_FAILED' })
  })

  it('stop() destroys the client', async () => {
    const extra = await startDiscord(bot, { token: 'fake-token', apiUrl: fake.apiUrl }, logger, {
      readyTimeoutMs: 5000,
    })
    await extra.stop()
    await extra.stop()
    expect(extra.client.isReady()).toBe(false)
  })
})
