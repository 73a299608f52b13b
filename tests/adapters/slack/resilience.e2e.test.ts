/**
 * The failure modes, with a fake bot that can be slow or throw and a fake Slack that can refuse calls. Each
 * case checks what the user gets, and that the app keeps serving.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type SlackHandle, startSlack } from '../../../src/adapters/slack/app.js'
import { MESSAGES } from '../../../src/adapters/slack/messages.js'
import { encodeAction } from '../../../src/answers/actions.js'
import type { Answer } from '../../../src/answers/answer.js'
import { FAKE_IDS, type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js'
import { blockActionsPayload, SIGNING_SECRET } from '../../helpers/fake-slack-requests.js'
import { blockKitViolations, visibleText } from './block-kit-limits.js'
import { FakeBot, MONTAGE } from './fake-bot.js'
import { eventually, type Harness, memoryLogger, startHarness } from './harness.js'

const USER = 'U0000001'

describe('when the bot is slow', () => {
  let h: Harness
  const bot = new FakeBot()
  beforeAll(async () => {
    // A short budget keeps the test fast; production waits 1.5 s of Slack's 3.
    h = await startHarness(bot, { ackBudgetMs: 100 })
  })
  afterAll(async () => {
    await h.close()
  })
  afterEach(() => {
    bot.delayMs = 0
    h.slack.reset()
  })

  it('acknowledges empty before the deadline, then answers through the response_url', async () => {
    bot.delayMs = 400
    const responseUrl = h.slack.responseUrl()
    const reply = await h.sender.command({ text: 'monteur', responseUrl })
    expect(reply.status).toBe(200)
    expect(reply.text).toBe('')
    expect(reply.ms).toBeLessThan(3000)
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(responseUrl.endsWith(response.id)).toBe(true)
    expect(response.body.response_type).toBe('ephemeral')
    expect(visibleText(response.body.blocks)).toContain(MONTAGE.text)
  })

  it('falls back to chat.postEphemeral when the response_url refuses', async () => {
    bot.delayMs = 300
    h.slack.responseStatus = 410
    await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl(), channelId: 'C0000042' })
    const ephemeral = await h.slack.waitFor(() => h.slack.callsTo('chat.postEphemeral')[0])
    expect(ephemeral.body).toMatchObject({ channel: 'C0000042', user: USER })
    expect(blockKitViolations(ephemeral.body.blocks)).toEqual([])
    expect(h.logs.some((l) => /respond\(\) failed/.test(l.msg))).toBe(true)
  })
})

describe('when things break', () => {
  let h: Harness
  const bot = new FakeBot()
  beforeAll(async () => {
    h = await startHarness(bot)
  })
  afterAll(async () => {
    await h.close()
  })
  afterEach(() => {
    bot.failWith = undefined
    h.slack.reset()
  })

  it('answers with a short French message when the bot throws, and keeps serving', async () => {
    bot.failWith = new Error('boom')
    const reply = await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl() })
    expect(reply.status).toBe(200)
    expect(visibleText(reply.json?.blocks)).toContain(MESSAGES.failure)
    expect(h.logs.some((l) => l.msg === 'bot.ask failed')).toBe(true)
    bot.failWith = undefined
    const next = await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl() })
    expect(visibleText(next.json?.blocks)).toContain(MONTAGE.text)
  })

  it('still acknowledges in time when the bot returns a malformed answer', async () => {
    bot.fixed = { kind: 'results', title: 'cassé' } as unknown as Answer
    const reply = await h.sender.command({ text: 'monteur', responseUrl: h.slack.responseUrl() })
    bot.fixed = undefined
    expect(reply.status).toBe(200)
    expect(visibleText(reply.json?.blocks)).toContain(MESSAGES.failure)
    expect(h.logs.some((l) => /could not render/.test(l.msg))).toBe(true)
  })

  it('tells the clicker when bot.act throws', async () => {
    bot.failWith = new Error('boom')
    await h.sender.interaction(
      blockActionsPayload({ value: 'iac:next:2', responseUrl: h.slack.responseUrl() }),
    )
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(String(response.body.text)).toContain('Désolé')
  })

  it('explains privately when a share cannot be posted in the channel', async () => {
    h.slack.failures.set('chat.postMessage', 'not_in_channel')
    const value = encodeAction({ kind: 'share', recordId: MONTAGE.id })
    await h.sender.interaction(
      blockActionsPayload({ value, responseUrl: h.slack.responseUrl(), channelId: 'G0PRIVATE' }),
    )
    const response = await h.slack.waitFor(() => h.slack.responses[0])
    expect(response.body.text).toBe(MESSAGES.cannotPost)
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1)
  })

  it('escapes corpus text in a shared passage, keeping only the sharer’s mention live', async () => {
    const value = encodeAction({ kind: 'share', recordId: 'doc#hostile' })
    await h.sender.interaction(blockActionsPayload({ value, responseUrl: h.slack.responseUrl() }))
    const post = await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage')[0])
    expect(String(post.body.text)).toContain('&lt;!channel&gt;')
    expect(String(post.body.text)).not.toContain('<!channel>')
  })

  it('updates the Home view for a click made in the App Home (no response_url there)', async () => {
    const payload = blockActionsPayload({ value: 'iac:next:1', responseUrl: '' })
    payload.container = { type: 'view', view_id: 'V0001' }
    delete payload.channel
    delete payload.response_url
    await h.sender.interaction(payload)
    const publish = await h.slack.waitFor(() => h.slack.callsTo('views.publish')[0])
    expect(publish.body.user_id).toBe(USER)
    const view = publish.body.view as { blocks: unknown[] }
    expect(blockKitViolations(view.blocks, 100)).toEqual([])
    // The answer to the click comes first, the onboarding after it.
    expect(visibleText(view.blocks).indexOf('suite next')).toBeLessThan(
      visibleText(view.blocks).indexOf('Bienvenue'),
    )
  })

  it('says that sharing needs a channel when clicked in the App Home', async () => {
    const payload = blockActionsPayload({
      value: encodeAction({ kind: 'share', recordId: MONTAGE.id }),
      responseUrl: '',
    })
    payload.container = { type: 'view', view_id: 'V0001' }
    delete payload.channel
    delete payload.response_url
    await h.sender.interaction(payload)
    const publish = await h.slack.waitFor(() => h.slack.callsTo('views.publish')[0])
    expect(visibleText(publish.body.view)).toContain('Le partage se fait depuis un canal')
    expect(h.slack.callsTo('chat.postMessage')).toEqual([])
  })

  it('logs a failing views.publish without crashing', async () => {
    h.slack.failures.set('views.publish', 'invalid_blocks')
    await h.sender.event({ type: 'app_home_opened', user: USER, channel: 'D1', tab: 'home', event_ts: '1.1' })
    await h.slack.waitFor(() => h.slack.callsTo('views.publish')[0])
    await eventually(() => h.logs.some((l) => /views.publish failed/.test(l.msg)))
    const reply = await h.sender.urlVerification('still-alive')
    expect(reply.json).toEqual({ challenge: 'still-alive' })
  })

  it('does not answer its own messages in a DM, nor another bot’s mention (loop guards)', async () => {
    await h.sender.event({
      type: 'message',
      channel: 'D0000001',
      channel_type: 'im',
      user: FAKE_IDS.botUserId,
      bot_id: FAKE_IDS.botId,
      text: 'ma propre réponse',
      ts: '1700000700.1',
    })
    await h.sender.event({
      type: 'app_mention',
      channel: 'C0000001',
      user: 'U0OTHERBOT',
      bot_id: 'B0OTHER',
      text: `<@${FAKE_IDS.botUserId}> autre bot`,
      ts: '1700000700.3',
    })
    await h.sender.event({
      type: 'message',
      channel: 'D0000001',
      channel_type: 'im',
      user: USER,
      text: 'aide',
      ts: '1700000700.2',
    })
    await h.slack.waitFor(() => h.slack.callsTo('chat.postMessage')[0])
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1)
    expect(bot.asked.map((a) => a.text)).not.toContain('ma propre réponse')
    expect(bot.asked.map((a) => a.text)).not.toContain('autre bot')
  })
})

describe('start-up', () => {
  let slack: FakeSlack
  beforeAll(async () => {
    slack = await startFakeSlack()
  })
  afterAll(async () => {
    await slack.stop()
  })

  it('fails with SLACK_START_FAILED naming SLACK_BOT_TOKEN when auth.test refuses the token', async () => {
    slack.failures.set('auth.test', 'invalid_auth')
    const { logger } = memoryLogger()
    const config = { botToken: 'xoxb-bad', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 0 }
    await expect(startSlack(new FakeBot(), config, logger)).rejects.toMatchObject({
      code: 'SLACK_START_FAILED',
      setting: 'SLACK_BOT_TOKEN',
      reason: 'rejected by Slack (invalid_auth)',
    })
    slack.failures.clear()
  })

  it('fails naming PORT when the port is taken', async () => {
    const { logger } = memoryLogger()
    const taken = await startSlack(
      new FakeBot(),
      { botToken: 'xoxb-x', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 0 },
      logger,
    )
    const config = {
      botToken: 'xoxb-x',
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: taken.port ?? 0,
    }
    await expect(startSlack(new FakeBot(), config, logger)).rejects.toMatchObject({
      code: 'SLACK_START_FAILED',
      setting: 'PORT',
      reason: `${taken.port} is already in use`,
    })
    await taken.stop()
  })

  it('refuses HTTP mode without a signing secret', async () => {
    const { logger } = memoryLogger()
    await expect(
      startSlack(new FakeBot(), { botToken: 'xoxb-x', apiUrl: slack.apiUrl, port: 0 }, logger),
    ).rejects.toMatchObject({
      code: 'SLACK_CONFIG_INVALID',
    })
  })

  it('stops cleanly, twice', async () => {
    const { logger } = memoryLogger()
    const config = { botToken: 'xoxb-ok', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 0 }
    const handle: SlackHandle = await startSlack(new FakeBot(), config, logger)
    await handle.stop()
    await handle.stop()
    await expect(fetch(`http://127.0.0.1:${handle.port}/slack/events`, { method: 'POST' })).rejects.toThrow()
  })
})
