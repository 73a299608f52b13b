/**
 * Two Slack HTTP apps (two instances behind a balancer) claiming deliveries through one store, and a third
 * whose store cannot answer: a delivery is acted on once across instances, and nothing is posted publicly
 * for a delivery whose claim could not be checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SlackHandle, startSlack } from '../../../src/adapters/slack/app.js'
import type { Bot } from '../../../src/bot/bot.js'
import { DeliveryClaims } from '../../../src/bot/delivery-claims.js'
import { loadBot } from '../../../src/bot/load-bot.js'
import { IN_MEMORY, openSqliteStore } from '../../../src/storage/sqlite-store.js'
import type { Store } from '../../../src/storage/store.js'
import { FAKE_IDS, type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js'
import { blockActionsPayload, SIGNING_SECRET, SlackSender } from '../../helpers/fake-slack-requests.js'
import { memoryLogger } from './harness.js'

let slack: FakeSlack
let store: Store
let bot: Bot
const handles: SlackHandle[] = []
const senders: SlackSender[] = []

async function instance(claims: DeliveryClaims): Promise<SlackSender> {
  const handle = await startSlack(
    bot,
    { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 0 },
    memoryLogger().logger,
    { claims },
  )
  handles.push(handle)
  return new SlackSender(`http://127.0.0.1:${handle.port}/slack/events`)
}

beforeAll(async () => {
  slack = await startFakeSlack()
  store = openSqliteStore({ dataDir: IN_MEMORY }).store
  bot = await loadBot({})
  senders.push(await instance(new DeliveryClaims({ store })))
  senders.push(await instance(new DeliveryClaims({ store })))
  // The third instance's store is gone: every claim fails.
  const unreachable = { claimDelivery: () => Promise.reject(new Error('connection refused')) }
  senders.push(await instance(new DeliveryClaims({ store: unreachable })))
}, 30_000)

afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.stop()))
  await store.close()
  await slack.stop()
})

const mention = (channel: string, ts: string) => ({
  type: 'app_mention',
  user: 'U0000007',
  channel,
  ts,
  text: `<@${FAKE_IDS.botUserId}> doublage`,
})
const postsIn = (channel: string) =>
  slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)
/** A later mention answered by `sender`: what it was sent before has been handled by then. */
async function barrier(sender: SlackSender, channel: string) {
  await sender.event(mention(channel, '1700009999.1'))
  await slack.waitFor(() => postsIn(channel)[0])
}

describe('Slack deliveries claimed across instances', () => {
  const [a, b, lost] = [0, 1, 2]

  it('acts once on an event sent to one instance and retried to the other', async () => {
    const event = mention('C0000101', '1700000101.1')
    expect((await senders[a]?.event(event, { eventId: 'EvSHARED1' }))?.status).toBe(200)
    await slack.waitFor(() => postsIn('C0000101')[0])
    expect((await senders[b]?.event(event, { eventId: 'EvSHARED1', retryNum: 1 }))?.status).toBe(200)
    // The same event replayed to the other instance without the retry header: the same.
    expect((await senders[b]?.event(event, { eventId: 'EvSHARED1' }))?.status).toBe(200)
    await barrier(senders[b] as SlackSender, 'C0BARRIER1')
    expect(postsIn('C0000101')).toHaveLength(1)
  })

  it('answers a retry whose first delivery no instance acted on', async () => {
    const event = mention('C0000102', '1700000102.1')
    await senders[b]?.event(event, { eventId: 'EvLOSTFIRST', retryNum: 1 })
    await slack.waitFor(() => postsIn('C0000102')[0])
    expect(postsIn('C0000102')).toHaveLength(1)
  })

  it('posts nothing publicly for a delivery whose claim cannot be checked, and says so privately', async () => {
    const sender = senders[lost] as SlackSender
    // A retry: dropped, its first delivery may have been answered elsewhere.
    await sender.event(mention('C0000103', '1700000103.1'), { eventId: 'EvUNCHECKED1', retryNum: 1 })
    // A first delivery: answered to the asker alone.
    await sender.event(mention('C0000104', '1700000104.1'), { eventId: 'EvUNCHECKED2' })
    const ephemeral = await slack.waitFor(() =>
      slack.callsTo('chat.postEphemeral').find((c) => c.body.channel === 'C0000104'),
    )
    expect(ephemeral.body.user).toBe('U0000007')
    expect(JSON.stringify(ephemeral.body.blocks)).toContain('doublage')
    // A share click: a private notice instead of a post in the channel.
    const share = (await bot.ask('doublage', { platform: 'slack', userId: 'U1' })).actions.find(
      (action) => action.kind === 'share',
    )
    const responseUrl = slack.responseUrl()
    const click = await sender.interaction(
      blockActionsPayload({ value: share?.id ?? '', responseUrl, channelId: 'C0000105' }),
    )
    expect(click.status).toBe(200)
    const notice = await slack.waitFor(() => slack.responses.find((r) => responseUrl.endsWith(r.id)))
    expect(JSON.stringify(notice.body)).toContain('momentanément indisponible')
    await barrier(senders[a] as SlackSender, 'C0BARRIER2')
    for (const channel of ['C0000103', 'C0000104', 'C0000105']) expect(postsIn(channel)).toEqual([])
    expect(slack.callsTo('chat.postEphemeral').filter((c) => c.body.channel === 'C0000103')).toEqual([])
  })
})
