/**
 * What reaches the app from outside, over HTTP through the real Bolt: signed timestamps outside the replay window,
 * replayed deliveries, malformed signed bodies, and what goes back out when Slack's Web API is slow or rate
 * limits. Every case ends with the app still serving.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeAction } from '../../../src/answers/actions.js'
import { MAX_QUESTION_CHARS } from '../../../src/bot/question-length.js'
import { FAKE_IDS } from '../../helpers/fake-slack.js'
import { blockActionsPayload, eventBody, nextTriggerId } from '../../helpers/fake-slack-requests.js'
import { FakeBot, MONTAGE } from './fake-bot.js'
import { eventually, type Harness, startHarness } from './harness.js'

const USER = 'U0000001'
const now = () => Math.floor(Date.now() / 1000)
const mention = (channel: string, ts: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: USER,
  channel,
  ts,
  text: `<@${FAKE_IDS.botUserId}> monteur`,
  ...extra,
})

let h: Harness
const bot = new FakeBot()

beforeAll(async () => {
  // A short Web API timeout keeps the "frozen Slack" case fast; production waits 10 s.
  h = await startHarness(bot, { webApiTimeoutMs: 300 })
})
afterAll(async () => {
  await h.close()
})
afterEach(() => {
  h.slack.reset()
  bot.asked.length = 0
  bot.acted.length = 0
  h.logs.length = 0
})

/** A mention answered in `C0BARRIER`: what earlier requests led to has been posted by the time it is. */
async function barrier(): Promise<void> {
  const ts = `${now()}.${Math.floor(Math.random() * 1e6)}`
  await h.sender.event(mention('C0BARRIER', ts))
  await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts === ts))
}

const postsIn = (channel: string) =>
  h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)
const refusals = () => h.logs.filter((l) => /^slack: (request|envelope) /.test(l.msg))

describe('signed timestamps', () => {
  it.each([
    ['a day ahead', now() + 24 * 3600],
    ['six minutes ahead', now() + 6 * 60],
    ['in milliseconds', Date.now()],
    ['six minutes old', now() - 6 * 60],
    ['not a number', 'x'],
    ['a number with decimals', `${now()}.5`],
  ])('refuses a correctly signed request whose timestamp is %s with 401', async (_name, timestamp) => {
    const reply = await h.sender.command(
      { text: 'monteur', responseUrl: h.slack.responseUrl() },
      { timestamp },
    )
    expect(reply.status).toBe(401)
    expect(bot.asked).toEqual([])
    expect(refusals()).toHaveLength(1)
  })

  it('accepts a timestamp four minutes off in either direction (clock skew)', async () => {
    for (const timestamp of [now() + 4 * 60, now() - 4 * 60]) {
      const reply = await h.sender.command(
        { text: 'monteur', responseUrl: h.slack.responseUrl() },
        { timestamp },
      )
      expect(reply.status).toBe(200)
    }
    expect(bot.asked).toHaveLength(2)
  })
})

describe('replays and redeliveries', () => {
  it('answers the same signed event sent twice once, the second with an empty 200', async () => {
    const body = eventBody(mention('C0REPLAY1', '1700001000.000100'), 'EvREPLAY1')
    const timestamp = now()
    expect((await h.sender.send(body, 'application/json', { timestamp })).status).toBe(200)
    const replay = await h.sender.send(body, 'application/json', { timestamp })
    expect(replay).toMatchObject({ status: 200, text: '' })
    await barrier()
    expect(postsIn('C0REPLAY1')).toHaveLength(1)
    expect(
      h.logs.some(
        (l) => l.msg === 'slack: request acknowledged and dropped' && /EvREPLAY1/.test(String(l.reason)),
      ),
    ).toBe(true)
  })

  it('answers an event redelivered with a new signature, without a retry header, once', async () => {
    const event = mention('C0REPLAY2', '1700001000.000200')
    await h.sender.event(event, { eventId: 'EvREPLAY2' })
    await h.sender.event(event, { eventId: 'EvREPLAY2', timestamp: now() + 1 })
    await barrier()
    expect(postsIn('C0REPLAY2')).toHaveLength(1)
  })

  it('answers a replayed slash command once', async () => {
    const responseUrl = h.slack.responseUrl()
    const body = new URLSearchParams({
      command: '/ia-cinema',
      text: 'monteur',
      user_id: USER,
      channel_id: 'C0000001',
      response_url: responseUrl,
      trigger_id: nextTriggerId(),
    }).toString()
    const timestamp = now()
    const first = await h.sender.send(body, 'application/x-www-form-urlencoded', { timestamp })
    const second = await h.sender.send(body, 'application/x-www-form-urlencoded', { timestamp })
    expect(first.json?.response_type).toBe('ephemeral')
    expect(second).toMatchObject({ status: 200, text: '' })
    expect(bot.asked).toHaveLength(1)
  })

  it('posts a share once when the click is replayed', async () => {
    const payload = blockActionsPayload({
      value: encodeAction({ kind: 'share', recordId: MONTAGE.id }),
      responseUrl: h.slack.responseUrl(),
      channelId: 'C0SHARE01',
    })
    await h.sender.interaction(payload)
    await h.sender.interaction(payload)
    await h.slack.waitFor(() => postsIn('C0SHARE01')[0])
    await barrier()
    expect(postsIn('C0SHARE01')).toHaveLength(1)
  })
})

describe('malformed signed bodies', () => {
  it.each([
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"monteur"', 'application/json'],
    ['not JSON', '{', 'application/json'],
    [
      'a click without container',
      formPayload({ ...click(), container: undefined }),
      'application/x-www-form-urlencoded',
    ],
    [
      'a click without actions',
      formPayload({ ...click(), actions: [] }),
      'application/x-www-form-urlencoded',
    ],
    [
      'a click whose user is a string',
      formPayload({ ...click(), user: 'U1' }),
      'application/x-www-form-urlencoded',
    ],
    [
      'a command without user_id',
      'command=%2Fia-cinema&text=monteur&channel_id=C1',
      'application/x-www-form-urlencoded',
    ],
    ['a payload without type', formPayload({ user: { id: USER } }), 'application/x-www-form-urlencoded'],
  ])('answers %s with 400 and one log line, without asking the bot', async (_name, body, type) => {
    const reply = await h.sender.send(body, type)
    expect(reply.status).toBe(400)
    expect(refusals()).toHaveLength(1)
    expect(refusals()[0]).toMatchObject({ level: 40, status: 400 })
    expect(bot.asked).toEqual([])
    expect(h.logs.some((l) => l.msg === 'slack: unhandled listener error')).toBe(false)
  })

  it.each([
    ['an app_mention without channel', mention('C1', '1.1', { channel: undefined })],
    ['an app_mention whose text is an object', mention('C1', '1.2', { text: { toString: 1 } })],
    [
      'a DM whose text is a number',
      { type: 'message', channel: 'D1', channel_type: 'im', user: USER, ts: '1.3', text: 42 },
    ],
    ['an app_home_opened without user', { type: 'app_home_opened', tab: 'home' }],
  ])(
    'acknowledges %s with 200 (Slack would only retry a refusal), drops it and logs one line',
    async (_name, event) => {
      const reply = await h.sender.event(event)
      expect(reply).toMatchObject({ status: 200, text: '' })
      expect(refusals()).toHaveLength(1)
      expect(String(refusals()[0]?.reason)).toMatch(/^malformed event dropped: event: /)
      await barrier()
      expect(bot.asked.map((a) => a.text)).toEqual(['monteur'])
      expect(h.logs.some((l) => l.level >= 50)).toBe(false)
    },
  )

  it('acknowledges an interaction type it has no listener for at once, instead of after 3 s', async () => {
    const reply = await h.sender.interaction({ type: 'view_closed', user: { id: USER } })
    expect(reply).toMatchObject({ status: 200, text: '' })
  })

  it('still answers url_verification, and Slack’s unsigned ssl_check without acting on what rides along', async () => {
    expect((await h.sender.urlVerification('c-1')).json).toEqual({ challenge: 'c-1' })
    const share = formPayload(
      blockActionsPayload({
        value: encodeAction({ kind: 'share', recordId: MONTAGE.id }),
        responseUrl: h.slack.responseUrl(),
      }),
    )
    const ssl = await h.sender.send(`ssl_check=1&token=x&${share}`, 'application/x-www-form-urlencoded', {
      signature: 'v0=00',
    })
    expect(ssl).toMatchObject({ status: 200, text: '' })
    await barrier()
    expect(bot.acted).toEqual([])
  })
})

describe('long texts', () => {
  it('hands the bot no more of a 40,000-character mention, DM or command than the engine reads', async () => {
    const long = `monteur ${'montage '.repeat(5000)}`
    await h.sender.event(mention('C0LONG', '1700003000.1', { text: `<@${FAKE_IDS.botUserId}> ${long}` }))
    await h.sender.event({
      type: 'message',
      channel: 'D0LONG',
      channel_type: 'im',
      user: USER,
      ts: '1700003000.2',
      text: long,
    })
    const reply = await h.sender.command({ text: long, responseUrl: h.slack.responseUrl() })
    expect(reply.json?.response_type).toBe('ephemeral')
    await h.slack.waitFor(() => postsIn('D0LONG')[0])
    await h.slack.waitFor(() => postsIn('C0LONG')[0])
    expect(bot.asked).toHaveLength(3)
    for (const { text, requester } of bot.asked) {
      expect(requester.userId).toBe(USER)
      expect(text.startsWith('monteur montage')).toBe(true)
      expect(text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS)
    }
  })
})

describe('posting when Slack’s Web API misbehaves', () => {
  it('posts a mention’s answer once when the Web API is frozen past the timeout, and says it gave up', async () => {
    h.slack.freeze()
    await h.sender.event(mention('C0FROZEN1', '1700002000.000100'))
    // The client gives up after its timeout; every attempt it made has reached "Slack" by then.
    await eventually(() => h.logs.some((l) => l.msg === 'slack: chat.postMessage failed'))
    h.slack.thaw()
    await barrier()
    expect(postsIn('C0FROZEN1')).toHaveLength(1)
    // The post may well have gone through: no "sorry" is sent on top of it.
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([])
  })

  it('retries a post that Slack rate limited (429: nothing was posted), and posts it once', async () => {
    h.slack.rateLimitNext('chat.postMessage')
    await h.sender.event(mention('C0LIMITED', '1700002000.000200'))
    await h.slack.waitFor(() => postsIn('C0LIMITED')[0])
    expect(h.slack.rateLimited.get('chat.postMessage')).toBe(1)
    await barrier()
    expect(postsIn('C0LIMITED')).toHaveLength(1)
  })
})

// Built while the test table is read, before the fake starts: these bodies are refused before any reply anyway.
function click(): Record<string, unknown> {
  return blockActionsPayload({ value: 'iac:next:1', responseUrl: 'http://127.0.0.1:9/response/never' })
}

function formPayload(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
}
