/**
 * Socket Mode: the same listeners behind Bolt's SocketModeReceiver. The fake Slack hands out a ws:// URL from
 * apps.connections.open, says hello, sends envelopes and records the app's acknowledgements.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type SlackHandle, startSlack } from '../../../src/adapters/slack/app.js'
import { FAKE_IDS, type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js'
import { blockActionsPayload } from '../../helpers/fake-slack-requests.js'
import { blockKitViolations, visibleText } from './block-kit-limits.js'
import { FakeBot, MONTAGE } from './fake-bot.js'
import { type LogLine, memoryLogger } from './harness.js'

const USER = 'U0000001'

let slack: FakeSlack
let handle: SlackHandle
let openedWith: string | undefined
let logs: LogLine[]
let envelopes = 0
const envelopeId = () => `env-${++envelopes}`

beforeAll(async () => {
  slack = await startFakeSlack()
  const { logger, lines } = memoryLogger()
  logs = lines
  handle = await startSlack(
    new FakeBot(),
    { botToken: 'xoxb-test-token', appToken: 'xapp-test-token', apiUrl: slack.apiUrl, port: 0 },
    logger,
  )
  await slack.waitForSocket()
  openedWith = slack.callsTo('apps.connections.open')[0]?.token
})
afterAll(async () => {
  await handle.stop()
  await slack.stop()
})
beforeEach(() => {
  slack.reset()
  logs.length = 0
})

const eventPayload = (event: Record<string, unknown>) => ({
  team_id: FAKE_IDS.teamId,
  api_app_id: 'A0000001',
  type: 'event_callback',
  event_id: `Ev${envelopes}`,
  event_time: 1700000000,
  authorizations: [{ team_id: FAKE_IDS.teamId, user_id: FAKE_IDS.botUserId, is_bot: true }],
  event,
})

describe('Slack in Socket Mode', () => {
  it('opened the connection with the app-level token and runs without an HTTP port', () => {
    expect(openedWith).toBe('xapp-test-token')
    expect(handle.mode).toBe('socket')
    expect(handle.port).toBeUndefined()
  })

  it('answers a slash command in the envelope acknowledgement', async () => {
    const id = envelopeId()
    const reply = await slack.sendEnvelope({
      envelope_id: id,
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: FAKE_IDS.teamId,
        channel_id: 'C0000001',
        user_id: USER,
        command: '/ia-cinema',
        text: 'monteur',
        response_url: slack.responseUrl(),
        trigger_id: '1.2.3',
        api_app_id: 'A0000001',
      },
    })
    expect(reply.payload?.response_type).toBe('ephemeral')
    expect(blockKitViolations(reply.payload?.blocks)).toEqual([])
    expect(visibleText(reply.payload?.blocks)).toContain(MONTAGE.text)
  })

  it('answers a mention in its thread, and skips a redelivery', async () => {
    const event = {
      type: 'app_mention',
      user: USER,
      channel: 'C0000002',
      ts: '1700000800.1',
      text: `<@${FAKE_IDS.botUserId}> monteur`,
    }
    // Slack redelivers the same event (same event_id) in a new envelope.
    const payload = eventPayload(event)
    await slack.sendEnvelope({ envelope_id: envelopeId(), type: 'events_api', retry_attempt: 0, payload })
    const post = await slack.waitFor(() => slack.callsTo('chat.postMessage')[0])
    expect(post.body).toMatchObject({ channel: 'C0000002', thread_ts: '1700000800.1' })

    await slack.sendEnvelope({ envelope_id: envelopeId(), type: 'events_api', retry_attempt: 1, payload })
    // Barrier: a later mention is answered, so the redelivery has been handled by then.
    const barrier = { ...event, channel: 'C0BARRIER', ts: '1700000800.2' }
    await slack.sendEnvelope({
      envelope_id: envelopeId(),
      type: 'events_api',
      retry_attempt: 0,
      payload: eventPayload(barrier),
    })
    await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0BARRIER'))
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0000002')).toHaveLength(1)
  })

  it('handles a button click', async () => {
    const responseUrl = slack.responseUrl()
    await slack.sendEnvelope({
      envelope_id: envelopeId(),
      type: 'interactive',
      payload: blockActionsPayload({ value: 'iac:more:3:monteur', responseUrl }),
    })
    const response = await slack.waitFor(() => slack.responses[0])
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: true })
  })
})

describe('malformed and repeated envelopes', () => {
  /** A mention answered in C0BARRIER: every envelope sent before it has been handled by then. */
  async function barrier() {
    const ts = `1700000900.${envelopes}`
    const event = { type: 'app_mention', user: USER, channel: 'C0BARRIER', ts, text: 'monteur' }
    await slack.sendEnvelope({ envelope_id: envelopeId(), type: 'events_api', payload: eventPayload(event) })
    await slack.waitFor(() => slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts === ts))
  }
  const dropped = () => logs.filter((l) => l.msg === 'slack: envelope acknowledged and dropped')

  it.each([
    ['an events_api envelope with a null payload', 'events_api', null],
    ['an events_api envelope with an empty payload', 'events_api', {}],
    [
      'an app_mention without channel',
      'events_api',
      eventPayload({ type: 'app_mention', user: USER, ts: '1.1', text: 'sans canal' }),
    ],
    [
      'an app_mention whose text is an object',
      'events_api',
      eventPayload({ type: 'app_mention', channel: 'C1', ts: '1.2', text: { toString: 1 } }),
    ],
    ['a slash_commands envelope with a null payload', 'slash_commands', null],
    ['a click without container', 'interactive', { type: 'block_actions', user: { id: USER }, actions: [] }],
  ])('acknowledges %s, drops it and logs one line', async (_name, type, payload) => {
    const reply = await slack.sendEnvelope({ envelope_id: envelopeId(), type, payload })
    expect(reply.payload).toEqual({})
    expect(dropped()).toHaveLength(1)
    await barrier()
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1)
    expect(logs.some((l) => l.level >= 50)).toBe(false)
  })

  it('drops a frame that is not JSON with one log line, and keeps serving', async () => {
    slack.sendFrame('{pas du json')
    await barrier()
    expect(dropped()).toHaveLength(1)
  })

  it('answers an event delivered twice in two envelopes once', async () => {
    const event = { type: 'app_mention', user: USER, channel: 'C0TWICE', ts: '1700000950.1', text: 'monteur' }
    const payload = { ...eventPayload(event), event_id: 'EvTWICE' }
    await slack.sendEnvelope({ envelope_id: envelopeId(), type: 'events_api', retry_attempt: 0, payload })
    await slack.sendEnvelope({ envelope_id: envelopeId(), type: 'events_api', retry_attempt: 0, payload })
    await barrier()
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0TWICE')).toHaveLength(1)
  })
})
