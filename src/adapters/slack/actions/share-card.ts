import type { webApi } from '@slack/bolt'
import type { AnswerItem } from '../../../answers/answer.js'
import type { CardImage } from '../../../cards/card-renderer.js'
import type { Logger } from '../../../logger.js'
import { escapeAndFit } from '../mrkdwn.js'
import { renderShare, type SlackMessage } from '../render-blocks.js'
import { outcomeUnknown, type SlackDeps } from '../reply.js'
import { WEB_API_TIMEOUT_MS } from '../web-api-policy.js'

type WebClient = webApi.WebClient

/** The file's title above the image: who is quoted (Slack renders it: escaped like any text). */
function cardTitle(item: AnswerItem): string {
  return item.speaker ? escapeAndFit(`Citation — ${item.speaker}`, 250) : 'Citation'
}

/** Slack's alt text takes 1,000 characters; it is stored and shown like the title, so escaped too. */
const ALT_TEXT_MAX = 1000

/** Which of files.uploadV2's three steps a card's upload failed at. */
export type CardStep = 'prepare' | 'upload' | 'share'

/**
 * A card that did not go out, or may have: only the last step (files.completeUploadExternal) shares the file
 * in the channel, so a failure before it leaves nothing behind, and a timeout, a dropped connection or a 5xx
 * at it leaves Slack's side unknown (the card may be in the channel). `cause` is the Web API's own error.
 */
export class CardUploadError extends Error {
  readonly code = 'card_upload_failed'
  constructor(
    readonly step: CardStep,
    readonly outcomeUnknown: boolean,
    options: { cause: unknown },
  ) {
    super(`card upload failed at its ${step} step`, options)
  }
}

/**
 * Posts a card in a channel: the PNG through the three steps of files.uploadV2 (getUploadURLExternal, the
 * upload itself, completeUploadExternal), taken one by one so that a failure says whether the card can be in
 * the channel (CardUploadError). The quotation and its speaker are the alt text, and the share message's
 * blocks go beside it so that the text and the link stay searchable and readable by screen readers.
 */
export async function uploadCard(
  client: WebClient,
  target: { channel: string; threadTs?: string },
  item: AnswerItem,
  card: Pick<CardImage, 'png' | 'filename' | 'alt'>,
  message: SlackMessage,
): Promise<void> {
  let prepared: { upload_url?: string; file_id?: string }
  try {
    prepared = await client.files.getUploadURLExternal({
      filename: card.filename,
      length: card.png.length,
      alt_text: escapeAndFit(card.alt, ALT_TEXT_MAX),
    })
  } catch (error) {
    throw new CardUploadError('prepare', false, { cause: error })
  }
  const { upload_url: uploadUrl, file_id: fileId } = prepared
  if (!uploadUrl || !fileId) {
    throw new CardUploadError('prepare', false, { cause: new Error('no upload URL or file id') })
  }
  try {
    // As files.uploadV2 sends it: a form with the file in a field named `body`.
    const form = new FormData()
    form.append('body', new Blob([new Uint8Array(card.png)]), card.filename)
    const reply = await fetch(uploadUrl, {
      method: 'POST',
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(WEB_API_TIMEOUT_MS),
    })
    await reply.arrayBuffer()
    if (reply.status !== 200) throw new Error(`the upload URL answered ${reply.status}`)
  } catch (error) {
    // An uploaded file that is never completed is not shared anywhere (Slack drops it).
    throw new CardUploadError('upload', false, { cause: error })
  }
  const share = {
    files: [{ id: fileId, title: cardTitle(item) }] as [{ id: string; title: string }],
    blocks: message.blocks,
  }
  try {
    // The channel and thread go together (Slack's types say so): a thread reply or a channel post.
    await client.files.completeUploadExternal(
      target.threadTs
        ? { ...share, channel_id: target.channel, thread_ts: target.threadTs }
        : { ...share, channel_id: target.channel },
    )
  } catch (error) {
    throw new CardUploadError('share', outcomeUnknown(error), { cause: error })
  }
}

/** Logs what the fonts could not draw: the card went out, but a character of the quote is missing. */
export function warnMissingGlyphs(logger: Logger, item: AnswerItem, card: CardImage): void {
  if (card.missingGlyphs.length > 0)
    logger.warn({ record: item.id, missing: card.missingGlyphs }, 'card drawn without some characters')
}

/** A click on « Carte »: renders (cached) and uploads the card where the button was, saying who shared it. */
export async function shareCard(
  deps: SlackDeps,
  client: WebClient,
  target: { channel: string; threadTs?: string; user: string },
  item: AnswerItem,
  corpusVersion: string,
): Promise<void> {
  const card = await deps.cards.card(item, corpusVersion)
  warnMissingGlyphs(deps.logger, item, card)
  await uploadCard(client, target, item, card, renderShare(item, target.user))
}
