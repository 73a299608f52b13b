/**
 * End to end over HTTP: the real Bolt app started by startSlack, signed requests as Slack sends them, and a
 * fake Slack Web API recording what the app sends back.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { renderAnswer } from '../../../src/adapters/slack/render-blocks.js'
import { encodeAction } from '../../../src/answers/actions.js'
import type { Bot } from '../../../src/bot/bot.js'
import { projectBot } from '../../helpers/engine.js'
import { FAKE_IDS } from '../../helpers/fake-slack.js'
import { blockActionsPayload, SIGNING_SECRET, slackSignature } from '../../helpers/fake-slack-requests.js'
import { blockKitViolations, liveMentions, visibleText } from './block-kit-limits.js'
import { type Harness, startHarness } from './harness.js'

const MONTAGE_TEXT = 'Les logiciels d’IA automatisent le montage de base'
const USER = 'U0000001'

/** The real bot over the project's corpus: these tests check what a Slack user would actually get. */
async function makeBot(): Promise<Bot> {
  return projectBot()
}

let h: Harness
let startupCalls: string[]

beforeAll(async () => {
  // As npm start does: a bot that records nothing warms the whole path up before the app listens.
  h = await startHarness(await makeBot(), { warmUp: await makeBot() })
  startupCalls = h.slack.calls.map((call) => call.method)
})
afterAll(async () => {
  await h.close()
})
beforeEach(() => {
  h.slack.reset()
  h.bot.asked.length = 0
  h.bot.acted.length = 0
})

/** The "more results" button the bot offers under its answer to "monteur". */
async function moreButton(): Promise<string> {
  const answer = await h.bot.inner.ask('monteur', { platform: 'slack' })
  return (
    answer.actions.find((a) => a.kind === 'more')?.id ??
    encodeAction({ kind: 'more', offset: 3, terms: ['montage'] })
  )
}

/** Sends an event, then a second "barrier" event and waits for its answer: what the first produced is in by then. */
async function mentionBarrier(): Promise<void> {
  const ts = `1700000999.${Math.floor(Math.random() * 1e6)}`
  await h.sender.event({
    type: 'app_mention',
    user: USER,
    channel: 'C0BARRIER',
    ts,
    text: `<@${FAKE_IDS.botUserId}> aide`,
  })
  await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts === ts))
}

describe('Slack over HTTP', () => {
  it('checked the bot token with auth.test at start-up and listens on a real port', () => {
    // The warm-up ran on a loopback copy of the app and called nothing of Slack's.
    expect(startupCalls).toEqual(['auth.test'])
    expect(h.handle.mode).toBe('http')
    expect(h.handle.port).toBeGreaterThan(0)
  })

  it('answers url_verification with the challenge', async () => {
    const reply = await h.sender.urlVerification('challenge-123')
    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({ challenge: 'challenge-123' })
  })

  it('rejects a forged or short signature and a 6-minute-old timestamp with 401, without asking the bot', async () => {
    const forged = await h.sender.command(
      { text: 'monteur', responseUrl: h.slack.responseUrl() },
      { secret: 'not-the-secret' },
    )
    expect(forged.status).toBe(401)
    const old = Math.floor(Date.now() / 1000) - 6 * 60
    const stale = await h.sender.command(
      { text: 'monteur', responseUrl: h.slack.responseUrl() },
      { timestamp: old },
    )
    expect(stale.status).toBe(401)
    // Correctly signed, but for another body: still refused.
    const body = 'text=autre'
    const replayed = await h.sender.send('text=monteur', 'application/x-www-form-urlencoded', {
      signature: slackSignature(SIGNING_SECRET, Math.floor(Date.now() / 1000), body),
    })
    expect(replayed.status).toBe(401)
    // A signature of the wrong length is a refusal like any other, not a failure to compare.
    const short = await h.sender.command(
      { text: 'monteur', responseUrl: h.slack.responseUrl() },
      { signature: 'v0=00' },
    )
    expect(short.status).toBe(401)
    expect(h.bot.asked).toEqual([])
    // One warning line per refusal, saying why.
    const refusals = h.logs.filter((l) => l.msg === 'slack: request refused' && l.level === 40)
    expect(refusals.map((l) => l.reason)).toEqual([
      'signature mismatch',
      expect.stringMatching(/^timestamp/),
      'signature mismatch',
      'signature mismatch',
    ])
  })

  it('answers /ia-cinema monteur privately in the acknowledgement, within 3 s', async () => {
    const reply = await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl() })
    expect(reply.status).toBe(200)
    expect(reply.ms).toBeLessThan(3000)
    expect(reply.json?.response_type).toBe('ephemeral')
    expect(blockKitViolations(reply.json?.blocks)).toEqual([])
    expect(visibleText(reply.json?.blocks)).toContain(MONTAGE_TEXT)
    expect(reply.json?.text).toContain('monteur')
    expect(h.bot.asked).toEqual([{ text: 'monteur', requester: { platform: 'slack', userId: USER } }])
    // Nothing was posted publicly.
    expect(h.slack.callsTo('chat.postMessage')).toEqual([])
  })

  it('answers "quels métiers sont menacés ?" with the passage that names the most vulnerable jobs', async () => {
    const reply = await h.sender.command({
      text: 'quels métiers sont menacés ?',
      responseUrl: h.slack.responseUrl(),
    })
    expect(reply.status).toBe(200)
    expect(visibleText(reply.json?.blocks)).toContain(
      'identifie clairement les postes juniors et techniques comme les plus vulnérables',
    )
    expect(blockKitViolations(reply.json?.blocks)).toEqual([])
  })

  it('renders the help when the text is empty', async () => {
    const reply = await h.sender.command({ text: '', responseUrl: h.slack.responseUrl() })
    expect(reply.status).toBe(200)
    const help = await h.bot.inner.ask('', { platform: 'slack' })
    expect(help.kind).toBe('help')
    expect(reply.json?.blocks).toEqual(renderAnswer(help).blocks)
  })

  it('never sends <!channel> or <!here> typed by a user back unescaped', async () => {
    const reply = await h.sender.command({
      text: '<!channel> <!here> <@U999> monteur',
      responseUrl: h.slack.responseUrl(),
    })
    expect(reply.status).toBe(200)
    expect(liveMentions(reply.json)).toEqual([])
    expect(JSON.stringify(reply.json)).toContain('&lt;!channel&gt;')
  })

  it('answers a 4,000-character text quickly and within Block Kit limits', async () => {
    const text = `monteur ${'montage '.repeat(500)}`.slice(0, 4000)
    const reply = await h.sender.command({ text, responseUrl: h.slack.responseUrl() })
    expect(reply.status).toBe(200)
    expect(reply.ms).toBeLessThan(3000)
    expect(blockKitViolations(reply.json?.blocks)).toEqual([])
    expect(String(reply.json?.text).length).toBeLessThanOrEqual(3000)
  })

  it('shares a passage publicly when its button is clicked, with its source and who shared it', async () => {
    // The button the bot itself offers under the montage passage.
    const answer = await h.bot.inner.ask('monteur', { platform: 'slack' })
    const item = answer.items.find((i) => i.text.includes(MONTAGE_TEXT))
    const value = answer.actions.find((a) => a.kind === 'share' && a.itemId === item?.id)?.id
    if (!value) throw new Error('the bot offers no share button for the montage passage')
    const reply = await h.sender.interaction(
      blockActionsPayload({ value, responseUrl: h.slack.responseUrl() }),
    )
    expect(reply.status).toBe(200)
    expect(reply.ms).toBeLessThan(3000)
    const post = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage')[0])
    expect(post.token).toBe('xoxb-test-token')
    expect(post.body.channel).toBe('C0000001')
    expect(String(post.body.text)).toContain(`partagé par <@${USER}>`)
    expect(String(post.body.text)).toContain(MONTAGE_TEXT)
    expect(JSON.stringify(post.body.blocks)).toContain('<https://')
    expect(blockKitViolations(post.body.blocks)).toEqual([])
    // The sharer's mention is the only live one.
    expect(new Set(liveMentions(post.body))).toEqual(new Set([`<@${USER}>`]))
    expect(h.bot.acted).toEqual([value])
  })

  it('replaces the private answer when "more" is clicked on it', async () => {
    const value = await moreButton()
    const responseUrl = h.slack.responseUrl()
    await h.sender.interaction(blockActionsPayload({ value, responseUrl }))
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(responseUrl.endsWith(response.id)).toBe(true)
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: true })
    expect(blockKitViolations(response.body.blocks)).toEqual([])
    // The next page, as the bot itself would show it.
    const outcome = await h.bot.inner.act(value, { platform: 'slack' })
    expect(outcome.type).toBe('answer')
    if (outcome.type === 'answer') expect(response.body.blocks).toEqual(renderAnswer(outcome.answer).blocks)
  })

  it('answers a click on a public message privately, leaving the message alone', async () => {
    const value = await moreButton()
    await h.sender.interaction(
      blockActionsPayload({ value, responseUrl: h.slack.responseUrl(), ephemeral: false }),
    )
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false })
  })

  it('answers a stale or forged button with a short private message', async () => {
    await h.sender.interaction(
      blockActionsPayload({ value: 'iac:nimportequoi', responseUrl: h.slack.responseUrl() }),
    )
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(response.body.replace_original).toBe(false)
    expect(String(response.body.text).length).toBeGreaterThan(0)
    expect(h.slack.callsTo('chat.postMessage')).toEqual([])
  })

  it('answers a mention in its thread, without the mention in the question', async () => {
    await h.sender.event({
      type: 'app_mention',
      user: USER,
      channel: 'C0000002',
      ts: '1700000100.000100',
      text: `<@${FAKE_IDS.botUserId}> monteur`,
    })
    const post = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage')[0])
    expect(post.body).toMatchObject({ channel: 'C0000002', thread_ts: '1700000100.000100' })
    expect(visibleText(post.body.blocks)).toContain(MONTAGE_TEXT)
    expect(blockKitViolations(post.body.blocks)).toEqual([])
    expect(h.bot.asked[0]?.text).toBe('monteur')
  })

  it('answers a mention made inside a thread in that same thread', async () => {
    await h.sender.event({
      type: 'app_mention',
      user: USER,
      channel: 'C0000002',
      ts: '1700000200.000200',
      thread_ts: '1700000150.000150',
      text: `monteur <@${FAKE_IDS.botUserId}>`,
    })
    const post = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage')[0])
    expect(post.body.thread_ts).toBe('1700000150.000150')
  })

  it('answers a Slack retry of a mention only once', async () => {
    const event = {
      type: 'app_mention',
      user: USER,
      channel: 'C0000003',
      ts: '1700000300.000300',
      text: `<@${FAKE_IDS.botUserId}> doublage`,
    }
    await h.sender.event(event, { eventId: 'EvRETRY1' })
    await h.slack.waitFor(() =>
      h.slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0000003'),
    )
    const retry = await h.sender.event(event, { eventId: 'EvRETRY1', retryNum: 1 })
    expect(retry.status).toBe(200)
    await mentionBarrier()
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0000003')).toHaveLength(1)
    expect(h.bot.asked.filter((a) => a.text === 'doublage')).toHaveLength(1)
  })

  it('answers a direct message in the DM and ignores bot messages and edits', async () => {
    const dm = {
      type: 'message',
      channel: 'D0000001',
      channel_type: 'im',
      user: USER,
      ts: '1700000400.000400',
    }
    await h.sender.event({ ...dm, text: 'bot', bot_id: 'B0THER', ts: '1700000400.000401' })
    await h.sender.event({ ...dm, text: 'édité', subtype: 'message_changed', ts: '1700000400.000402' })
    await h.sender.event({
      ...dm,
      type: 'message',
      channel: 'C0000009',
      channel_type: 'channel',
      text: 'public',
    })
    await h.sender.event({ ...dm, text: 'monteur' })
    const post = await h.slack.waitFor(() =>
      h.slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'D0000001'),
    )
    expect(post.body.thread_ts).toBeUndefined()
    expect(visibleText(post.body.blocks)).toContain(MONTAGE_TEXT)
    await mentionBarrier()
    expect(h.bot.asked.map((a) => a.text)).not.toContain('bot')
    expect(h.bot.asked.map((a) => a.text)).not.toContain('édité')
    expect(h.bot.asked.map((a) => a.text)).not.toContain('public')
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D0000001')).toHaveLength(1)
  })

  it('publishes the App Home from the onboarding content when the Home tab is opened', async () => {
    await h.sender.event({
      type: 'app_home_opened',
      user: USER,
      channel: 'D0000001',
      tab: 'home',
      event_ts: '1700000500.1',
    })
    const publish = await h.slack.waitFor(() => h.slack.callsTo('views.publish')[0])
    expect(publish.body.user_id).toBe(USER)
    const view = publish.body.view as { type: string; blocks: unknown[] }
    expect(view.type).toBe('home')
    expect(blockKitViolations(view.blocks, 100)).toEqual([])
    // The onboarding picks a quote at random, so compare what does not change.
    const onboarding = h.bot.onboarding()
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: onboarding.title } })
    expect(visibleText(view.blocks)).toContain(onboarding.lines[0]?.replace(/&/g, '&amp;'))
    expect(visibleText(view.blocks)).toMatch(/🔴 Métier menacé/)
  })

  it('survives a failing Web API call: logs it, tells the user privately, keeps serving', async () => {
    h.slack.failures.set('chat.postMessage', 'not_in_channel')
    await h.sender.event({
      type: 'app_mention',
      user: USER,
      channel: 'C0000004',
      ts: '1700000600.000600',
      text: `<@${FAKE_IDS.botUserId}> monteur`,
    })
    const ephemeral = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral')[0])
    expect(ephemeral.body).toMatchObject({ channel: 'C0000004', user: USER })
    expect(String(ephemeral.body.text)).toMatch(/Désolé/)
    expect(h.logs.some((l) => l.level >= 50 && /postMessage failed/.test(l.msg))).toBe(true)
    h.slack.failures.clear()
    const reply = await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl() })
    expect(reply.status).toBe(200)
    expect(visibleText(reply.json?.blocks)).toContain(MONTAGE_TEXT)
  })
})
