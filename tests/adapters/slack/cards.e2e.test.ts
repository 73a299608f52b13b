/**
 * Quote cards on Slack, end to end: the real Bolt app and the real bot, a « Carte » click signed as Slack
 * sends it, and the three steps of files.uploadV2 as the fake Slack receives them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MESSAGES } from '../../../src/adapters/slack/messages.js'
import type { AnswerItem } from '../../../src/answers/answer.js'
import { cardAltText } from '../../../src/cards/content.js'
import { pngSize } from '../../cards/png.js'
import { projectBot } from '../../helpers/engine.js'
import { blockActionsPayload } from '../../helpers/fake-slack-requests.js'
import { gatedCards } from '../../helpers/gated-cards.js'
import { blockKitViolations, liveMentions, visibleText } from './block-kit-limits.js'
import { eventually, type Harness, startHarness } from './harness.js'

const USER = 'U0000001'
const CHANNEL = 'C0CARDS01'

const { cards, renderer, hold } = gatedCards()

let h: Harness
let quote: AnswerItem
let cardButton: string

beforeAll(async () => {
  // A short Web API timeout, for the sharing step that stalls.
  h = await startHarness(await projectBot(), { cards, webApiTimeoutMs: 500 })
  const answer = await h.bot.inner.ask('citation miyazaki', { platform: 'slack' })
  quote = answer.items[0] as AnswerItem
  cardButton = answer.actions.find((a) => a.kind === 'card' && a.itemId === quote.id)?.id ?? ''
})
afterAll(async () => {
  await h.close()
})
beforeEach(() => {
  h.slack.reset()
})

const click = (channelId = CHANNEL) =>
  h.sender.interaction(
    blockActionsPayload({ value: cardButton, responseUrl: h.slack.responseUrl(), userId: USER, channelId }),
  )

describe('« Carte » on Slack', () => {
  it('is offered under a quote, next to its share button', () => {
    expect(quote.kind).toBe('quote')
    expect(cardButton).toBe(`iac:card:${quote.id}`)
  })

  it('acknowledges the click first, then uploads the card into the channel it was clicked in', async () => {
    const open = hold()
    const reply = await click()
    expect(reply.status).toBe(200)
    // The card is still waiting: the acknowledgement did not wait for it.
    expect(h.slack.calls.filter((c) => c.method.startsWith('files.'))).toEqual([])
    open()

    const complete = await h.slack.waitFor(() => h.slack.callsTo('files.completeUploadExternal')[0], 15_000)
    const [request] = h.slack.callsTo('files.getUploadURLExternal')
    const [upload] = h.slack.uploads
    if (!request || !upload) throw new Error('the upload steps are missing')
    // Step 1: the file's name, size and alt text (the quotation and who says it).
    expect(request.token).toBe('xoxb-test-token')
    expect(request.body.filename).toMatch(/^citation-.+\.png$/)
    expect(request.body.alt_text).toBe(cardAltText(quote))
    expect(String(request.body.alt_text)).toContain('Hayao Miyazaki')
    // Step 2: the PNG itself, to the URL step 1 returned.
    expect(pngSize(upload.bytes)).toEqual({ width: 1200, height: 630 })
    expect(Number(request.body.length)).toBe(upload.bytes.length)
    // Step 3: shared in the clicked channel, with the text, the link and who shared it.
    expect(complete.body.channel_id).toBe(CHANNEL)
    expect(complete.body.files).toEqual([{ id: upload.fileId, title: 'Citation — Hayao Miyazaki' }])
    const blocks = complete.body.blocks
    expect(blockKitViolations(blocks)).toEqual([])
    expect(visibleText(blocks)).toContain(`partagé par <@${USER}>`)
    expect(visibleText(blocks)).toContain(quote.text.slice(0, 30))
    expect(JSON.stringify(blocks)).toContain('<https://www.killthetape.com/')
    expect(new Set(liveMentions({ blocks }))).toEqual(new Set([`<@${USER}>`]))
    expect(h.slack.callsTo('chat.postMessage')).toEqual([])
  })

  it('tells the clicker privately when it may not post there, or lacks files:write', async () => {
    for (const [error, message] of [
      ['not_in_channel', MESSAGES.cannotPost],
      ['missing_scope', MESSAGES.cardNeedsScope],
    ] as const) {
      h.slack.reset()
      h.slack.failures.set('files.completeUploadExternal', error)
      await click('C0CARDS02')
      const response = await h.slack.waitFor(() => h.slack.responses[0], 15_000)
      expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false })
      expect(visibleText(response.body.blocks)).toContain(message.replace(/&/g, '&amp;').slice(0, 40))
    }
    expect(h.logs.some((l) => l.level >= 50 && /sharing a card failed/.test(l.msg))).toBe(true)
  })

  it('posts one card for a double click, and tells the second click privately', async () => {
    const channel = 'C0DOUBLE1'
    await Promise.all([click(channel), click(channel)])
    await h.slack.waitFor(() => h.slack.callsTo('files.completeUploadExternal')[0], 15_000)
    const notice = await h.slack.waitFor(() => h.slack.responses[0])
    expect(visibleText(notice.body.blocks)).toContain(MESSAGES.cardAlreadyPosted.slice(0, 40))
    // Another channel is another place: the card goes there too.
    await click('C0DOUBLE2')
    await h.slack.waitFor(() => h.slack.callsTo('files.completeUploadExternal')[1], 15_000)
    expect(h.slack.callsTo('files.completeUploadExternal').map((c) => c.body.channel_id)).toEqual([
      channel,
      'C0DOUBLE2',
    ])
    expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(2)
  })

  it('posts the daily quote with its card when one is given', async () => {
    const outcome = await h.bot.inner.act(cardButton, { platform: 'slack' })
    if (outcome.type !== 'card') throw new Error(`expected a card, got ${outcome.type}`)
    const card = await renderer.card(quote, outcome.corpusVersion)
    await h.handle.postDailyQuote('C0DAILY01', quote, card)
    const complete = await h.slack.waitFor(() => h.slack.callsTo('files.completeUploadExternal')[0])
    expect(complete.body.channel_id).toBe('C0DAILY01')
    expect(visibleText(complete.body.blocks)).toContain('Citation du jour')
    expect(h.slack.uploads[0]?.bytes.equals(card.png)).toBe(true)
  })
})

describe('« Carte » when Slack’s answer to the sharing step is lost', () => {
  const unknownOutcomes = () =>
    h.logs.filter((l) => l.msg === 'slack: sharing a card failed' && l.outcomeUnknown === true).length

  it.each([
    ['answers 500', 'C0LOST500', () => h.slack.breakNext('files.completeUploadExternal', 500)],
    ['drops the connection', 'C0LOSTDROP', () => h.slack.breakNext('files.completeUploadExternal', 'drop')],
    ['stalls past the timeout', 'C0LOSTSTALL', () => h.slack.freeze('files.completeUploadExternal')],
  ])(
    'when it %s: says nothing that invites a retry, and a second click uploads nothing',
    async (_how, channel, lose) => {
      const before = unknownOutcomes()
      lose()
      await click(channel)
      await eventually(() => unknownOutcomes() > before, 15_000)
      h.slack.thaw()
      // Slack acted on it: the card may well be in the channel.
      expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(1)
      expect(h.slack.responses).toEqual([])
      expect(h.slack.callsTo('chat.postEphemeral')).toEqual([])

      await click(channel)
      const notice = await h.slack.waitFor(() => h.slack.responses[0])
      expect(visibleText(notice.body.blocks)).toContain(MESSAGES.cardAlreadyPosted.slice(0, 40))
      expect(h.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1)
      expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(1)
    },
  )

  it('says so when the card surely did not go out (a 500 before the sharing step), and a new click posts it', async () => {
    const channel = 'C0NOTSENT'
    h.slack.breakNext('files.getUploadURLExternal', 500)
    await click(channel)
    const response = await h.slack.waitFor(() => h.slack.responses[0], 15_000)
    expect(visibleText(response.body.blocks)).toContain(MESSAGES.cardFailed.slice(0, 40))
    expect(h.slack.callsTo('files.completeUploadExternal')).toEqual([])
    await click(channel)
    const complete = await h.slack.waitFor(() => h.slack.callsTo('files.completeUploadExternal')[0], 15_000)
    expect(complete.body.channel_id).toBe(channel)
  })
})
