import type { webApi } from '@slack/bolt'
import type { AnswerItem } from '../../../answers/answer.js'
import type { CardImage } from '../../../cards/card-renderer.js'
import type { Logger } from '../../../logger.js'
import { escapeAndFit } from '../mrkdwn.js'
import { renderShare, type SlackMessage } from '../render-blocks.js'
import type { SlackDeps } from '../reply.js'

type WebClient = webApi.WebClient

/** The file's title above the image: who is quoted (Slack renders it: escaped like any text). */
function cardTitle(item: AnswerItem): string {
  return item.speaker ? escapeAndFit(`Citation — ${item.speaker}`, 250) : 'Citation'
}

/** Slack's alt text takes 1,000 characters; it is stored and shown like the title, so escaped too. */
const ALT_TEXT_MAX = 1000

/**
 * Posts a card in a channel: the PNG through files.uploadV2 (getUploadURLExternal, the upload itself,
 * completeUploadExternal), with the quotation and its speaker as alt text, and the share message's blocks
 * beside it so that the text and the link stay searchable and readable by screen readers.
 */
export async function uploadCard(
  client: WebClient,
  target: { channel: string; threadTs?: string },
  item: AnswerItem,
  card: Pick<CardImage, 'png' | 'filename' | 'alt'>,
  message: SlackMessage,
): Promise<void> {
  const upload = {
    file: card.png,
    filename: card.filename,
    title: cardTitle(item),
    alt_text: escapeAndFit(card.alt, ALT_TEXT_MAX),
    blocks: message.blocks,
  }
  // The channel and thread go together (Slack's types say so): a thread reply or a channel post.
  await client.files.uploadV2(
    target.threadTs
      ? { ...upload, channel_id: target.channel, thread_ts: target.threadTs }
      : { ...upload, channel_id: target.channel },
  )
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
