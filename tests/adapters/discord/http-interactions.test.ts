/**
 * The HTTP interactions endpoint, called the way Discord calls it: signed with Ed25519 over
 * timestamp + body, answered in the HTTP response, slow answers finished through the webhook.
 */

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DiscordPublicKeyError } from '../../../src/adapters/discord/errors.js'
import { publicKeyFromHex, startDiscordHttp } from '../../../src/adapters/discord/http-interactions.js'
import { DeliveryClaims } from '../../../src/bot/delivery-claims.js'
import { IN_MEMORY, openSqliteStore } from '../../../src/storage/sqlite-store.js'
import { pngSize } from '../../cards/png.js'
import { FakeDiscord, HUMAN, IDS } from '../../helpers/fake-discord.js'
import { expectWithinLimits, plainText } from './discord-limits.js'
import { createTestBot, EDITORS_PHRASE } from './test-bot.js'

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex')
const otherKey = generateKeyPairSync('ed25519').privateKey

const logs: Array<{ level: number; msg: string; status?: number }> = []
const refusals = () => logs.filter((line) => line.msg === 'discord http request refused')

let fake: FakeDiscord
let endpoint: { port: number; stop(): Promise<void> }

beforeAll(async () => {
  fake = await FakeDiscord.start()
  endpoint = await startDiscordHttp(
    await createTestBot(),
    {
      publicKey: publicKeyHex,
      apiUrl: fake.apiUrl,
      deferAfterMs: 1000,
      port: 0,
      host: '127.0.0.1',
      // As npm start does: signed interactions through a throwaway endpoint first, with a bot that records nothing.
      warmUp: await createTestBot(),
    },
    pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
  )
})

afterAll(async () => {
  await endpoint?.stop()
  await fake?.close()
})

async function post(
  payload: unknown,
  options: {
    key?: KeyObject
    tamper?: boolean
    headers?: Record<string, string>
    raw?: string
    /** Signed as given; defaults to now in Unix seconds. */
    timestamp?: string | number
    /** Another endpoint than the file's own. */
    port?: number
  } = {},
) {
  const body = options.raw ?? JSON.stringify(payload)
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const signed = options.tamper ? `${body} ` : body
  const signature = sign(null, Buffer.from(timestamp + signed), options.key ?? privateKey).toString('hex')
  const response = await fetch(`http://127.0.0.1:${options.port ?? endpoint.port}/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
      ...options.headers,
    },
    body,
  })
  const text = await response.text()
  return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : undefined }
}

let sequence = 0
function interaction(type: number, data: unknown, extra: Record<string, unknown> = {}) {
  sequence += 1
  return {
    id: String(3_000_000_000_000_000_000n + BigInt(sequence)),
    token: `http-token-${sequence}`,
    application_id: IDS.application,
    type,
    data,
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    member: { user: HUMAN, roles: [] },
    locale: 'fr',
    version: 1,
    ...extra,
  }
}

const command = (question: unknown) =>
  interaction(2, {
    id: IDS.command,
    name: 'ia-cinema',
    type: 1,
    options: [{ name: 'question', type: 3, value: question }],
  })

describe('start', () => {
  it('warmed up without a request to Discord or a log line above debug', () => {
    expect(fake.requests).toEqual([])
    expect(logs.filter((line) => line.level > 30)).toEqual([])
  })
})

describe('signature', () => {
  it('answers a signed PING with PONG', async () => {
    expect(await post({ type: 1 })).toEqual({ status: 200, json: { type: 1 } })
  })

  it.each([
    ['a body that was not the one signed', { tamper: true }],
    ['a signature from another key', { key: otherKey }],
    ['a malformed signature', { headers: { 'x-signature-ed25519': 'zz' } }],
    ['no signature', { headers: { 'x-signature-ed25519': '' } }],
  ])('refuses %s with 401', async (_name, options) => {
    expect((await post({ type: 1 }, options)).status).toBe(401)
  })

  it('refuses other methods, oversized and non-JSON bodies', async () => {
    const get = await fetch(`http://127.0.0.1:${endpoint.port}/interactions`)
    expect(get.status).toBe(405)
    expect((await post(undefined, { raw: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413)
    expect((await post(undefined, { raw: 'pas du json' })).status).toBe(400)
  })

  const now = () => Math.floor(Date.now() / 1000)
  it.each([
    ['a day old', () => now() - 86_400],
    ['six minutes old', () => now() - 6 * 60],
    ['six minutes ahead', () => now() + 6 * 60],
    ['a day ahead', () => now() + 86_400],
    ['in milliseconds', () => Date.now()],
    ['not a number', () => 'x'],
  ])('refuses a correctly signed request whose timestamp is %s with 401', async (_name, timestamp) => {
    const before = refusals().length
    expect((await post(command('monteur'), { timestamp: timestamp() })).status).toBe(401)
    expect(refusals().slice(before)).toMatchObject([{ level: 40, status: 401 }])
  })

  it('accepts a timestamp four minutes off (clock skew)', async () => {
    expect((await post({ type: 1 }, { timestamp: now() - 4 * 60 })).status).toBe(200)
    expect((await post({ type: 1 }, { timestamp: now() + 4 * 60 })).status).toBe(200)
  })

  it('rejects a public key that is not 32 bytes of hex', () => {
    expect(() => publicKeyFromHex('abc')).toThrow(DiscordPublicKeyError)
  })
})

describe('interactions', () => {
  it('answers /ia-cinema question:monteur privately in the HTTP response', async () => {
    const { status, json } = await post(command('monteur'))
    expect(status).toBe(200)
    expect(json.type).toBe(4)
    expect(json.data.flags).toBe(64)
    expect(json.data.allowed_mentions).toEqual({ parse: [] })
    expect(plainText(json.data)).toContain(EDITORS_PHRASE)
    expectWithinLimits(json.data)
  })

  it('answers hostile questions within limits', async () => {
    for (const question of ['@everyone <@&1> monteur', 'x'.repeat(6000), '__proto__', 42]) {
      const { json } = await post(command(question))
      expect(json.type).toBe(4)
      expectWithinLimits(json.data)
      expect(JSON.stringify(json.data)).not.toMatch(/@everyone|<@&\d+>/)
    }
  })

  it('completes "mont"', async () => {
    const { json } = await post(
      interaction(4, {
        name: 'ia-cinema',
        type: 1,
        options: [{ name: 'question', type: 3, value: 'mont', focused: true }],
      }),
    )
    expect(json.type).toBe(8)
    expect(json.data.choices.length).toBeGreaterThanOrEqual(1)
    expect(json.data.choices.length).toBeLessThanOrEqual(25)
  })

  it('shares publicly, updates a private answer, and answers stale buttons privately', async () => {
    const answer = (await post(command('monteur'))).json
    const buttons = answer.data.components.flatMap(
      (row: { components: unknown[] }) => row.components,
    ) as Array<{
      custom_id: string
    }>
    const share = buttons.find((button) => button.custom_id.startsWith('iac:share:'))?.custom_id
    const more = buttons.find((button) => button.custom_id.startsWith('iac:more:'))?.custom_id
    const click = (customId: unknown, flags = 64) =>
      post(interaction(3, { custom_id: customId, component_type: 2 }, { message: { id: '1', flags } }))

    const shared = (await click(share)).json
    expect(shared.type).toBe(4)
    expect(shared.data.flags).toBeUndefined()
    expect(shared.data.content).toBe(`📣 Partagé par <@${HUMAN.id}>`)
    expect(shared.data.allowed_mentions).toEqual({ parse: [] })

    expect((await click(more)).json.type).toBe(7)
    expect((await click(more, 0)).json).toMatchObject({ type: 4, data: { flags: 64 } })
    expect((await click('iac:nope')).json).toMatchObject({ type: 4, data: { flags: 64 } })
  })

  it('acknowledges « Carte » with a deferred update, then posts the card as a multipart follow-up', async () => {
    const answer = (await post(command('citation miyazaki'))).json
    const card = answer.data.components
      .flatMap((row: { components: Array<{ custom_id: string }> }) => row.components)
      .find((button: { custom_id: string }) => button.custom_id.startsWith('iac:card:'))?.custom_id
    const payload = interaction(
      3,
      { custom_id: card, component_type: 2 },
      { message: { id: '1', flags: 64 } },
    )
    expect((await post(payload)).json).toEqual({ type: 6 })
    const followUp = await fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.application}/${payload.token}`,
      15_000,
    )
    const [file] = followUp.files
    expect(file?.field).toBe('files[0]')
    expect(file?.contentType).toBe('image/png')
    expect(pngSize(file?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 630 })
    expect(followUp.body.attachments).toEqual([
      { id: 0, filename: file?.name, description: expect.stringContaining('Hayao Miyazaki') },
    ])
    expect(followUp.body.embeds[0].image).toEqual({ url: `attachment://${file?.name}` })
    expect(followUp.body.content).toBe(`📣 Partagé par <@${HUMAN.id}>`)
    expect(followUp.body.flags).toBeUndefined()
    expect(followUp.body.allowed_mentions).toEqual({ parse: [] })
  })

  it('sends a card refused with 429 again after retry_after, once, and logs it', async () => {
    const answer = (await post(command('citation miyazaki'))).json
    const card = answer.data.components
      .flatMap((row: { components: Array<{ custom_id: string }> }) => row.components)
      .find((button: { custom_id: string }) => button.custom_id.startsWith('iac:card:'))?.custom_id
    const payload = interaction(
      3,
      { custom_id: card, component_type: 2 },
      { message: { id: '1', flags: 64 } },
    )
    const path = `/webhooks/${IDS.application}/${payload.token}`
    const toWebhook = (r: { method: string; path: string }) => r.method === 'POST' && r.path === path
    fake.rateLimitNext(toWebhook, 0.3)
    expect((await post(payload)).json).toEqual({ type: 6 })
    const sent = () => fake.requests.filter(toWebhook)
    await fake.waitForRequest(() => sent().length >= 2, 15_000)
    const [refused, again] = sent()
    // The same card both times: the first was refused, so Discord holds it once.
    expect(again?.files[0]?.bytes.equals(refused?.files[0]?.bytes ?? Buffer.alloc(0))).toBe(true)
    expect(pngSize(again?.files[0]?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 630 })
    expect(logs.some((l) => l.msg === 'discord follow-up rate limited, sent again after the wait')).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sent()).toHaveLength(2)
  })

  it('gives a follow-up up when the wait asked for is too long, or after three 429s', async () => {
    const givenUp = () => logs.filter((l) => l.msg === 'discord follow-up rate limited, given up').length
    const refusedTimes = async (rateLimits: number[]) => {
      const slow = command('test:slow monteur')
      const path = `/webhooks/${IDS.application}/${slow.token}/messages/@original`
      const toOriginal = (r: { method: string; path: string }) => r.method === 'PATCH' && r.path === path
      for (const wait of rateLimits) fake.rateLimitNext(toOriginal, wait)
      const before = givenUp()
      expect((await post(slow)).json).toMatchObject({ type: 5 })
      for (let i = 0; i < 250 && givenUp() === before; i++) await new Promise((r) => setTimeout(r, 20))
      expect(givenUp()).toBe(before + 1)
      return fake.requests.filter(toOriginal).length
    }
    expect(await refusedTimes([60])).toBe(1)
    expect(await refusedTimes([0.05, 0.05, 0.05])).toBe(3)
  })

  it('defers a slow answer, then edits the original through the webhook', async () => {
    const payload = command('test:slow monteur')
    const { json } = await post(payload)
    expect(json).toEqual({ type: 5, data: { flags: 64 } })
    const edit = await fake.waitForRequest(
      (r) =>
        r.method === 'PATCH' && r.path === `/webhooks/${IDS.application}/${payload.token}/messages/@original`,
    )
    expect(plainText(edit.body)).toContain(EDITORS_PHRASE)
  })

  it('answers with a private French error when the core throws', async () => {
    const { json } = await post(command('test:boom'))
    expect(json).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'Désolé, une erreur est survenue. Réessayez dans un instant.' },
    })
  })
})

describe('interactions claimed across instances', () => {
  it('answers an interaction once whichever replica gets it, and only privately when its claim cannot be checked', async () => {
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    const silent = pino({ level: 'silent' })
    const replica = async (claims: DeliveryClaims) =>
      startDiscordHttp(
        await createTestBot(),
        { publicKey: publicKeyHex, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1', claims },
        silent,
      )
    const a = await replica(new DeliveryClaims({ store }))
    const b = await replica(new DeliveryClaims({ store }))
    const lost = await replica(
      new DeliveryClaims({ store: { claimDelivery: () => Promise.reject(new Error('unreachable')) } }),
    )
    try {
      const payload = command('monteur')
      const answered = await post(payload, { port: a.port })
      expect(answered.json.type).toBe(4)
      expect((await post(payload, { port: b.port })).status).toBe(409)

      // The store out of reach: the question is answered, a share is refused privately.
      const share = (answered.json.data.components as Array<{ components: Array<{ custom_id: string }> }>)
        .flatMap((row) => row.components)
        .find((button) => button.custom_id.startsWith('iac:share:'))?.custom_id
      expect((await post(command('monteur'), { port: lost.port })).json.type).toBe(4)
      const click = interaction(
        3,
        { custom_id: share, component_type: 2 },
        { message: { id: '1', flags: 64 } },
      )
      const refused = (await post(click, { port: lost.port })).json
      expect(refused.data.flags).toBe(64)
      expect(JSON.stringify(refused)).toContain('momentanément indisponible')
    } finally {
      await Promise.all([a.stop(), b.stop(), lost.stop()])
      await store.close()
    }
  })
})

describe('replays and malformed interactions', () => {
  it('answers an interaction id once; the same signed request again gets 409', async () => {
    const payload = command('monteur')
    const first = await post(payload)
    expect(first.json.type).toBe(4)
    expect((await post(payload)).status).toBe(409)
    // Another interaction is answered as usual.
    expect((await post(command('monteur'))).status).toBe(200)
  })

  it.each([
    ['null', null],
    ['a list', [command('monteur')]],
    ['no type', { id: '1', token: 't' }],
    ['a command without id', { ...command('monteur'), id: undefined }],
    ['a command without token', { ...command('monteur'), token: undefined }],
    ['an option that is an object', command({ toString: 1 })],
    ['an option that is a list', command(['monteur'])],
    ['options that are not a list', interaction(2, { name: 'ia-cinema', options: { question: 'x' } })],
    ['a user id that is an object', { ...command('monteur'), member: { user: { id: { toString: 1 } } } }],
    ['a custom_id that is an object', interaction(3, { custom_id: { toString: 1 }, component_type: 2 })],
    [
      'an autocomplete value that is an object',
      interaction(4, { name: 'ia-cinema', options: [{ name: 'question', value: {}, focused: true }] }),
    ],
  ])('refuses %s with 400 and one log line', async (_name, payload) => {
    const before = refusals().length
    expect((await post(payload)).status).toBe(400)
    expect(refusals().slice(before)).toMatchObject([{ level: 40, status: 400 }])
  })
})
