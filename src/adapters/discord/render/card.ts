/** A quote card on Discord: the share message with the PNG attached and shown as its embed's image. */
import type { CardFile } from '../../../bot/adapter.js'
import type { RenderedMessage } from './text.js'

/** What discord.js takes in `files`; `description` is the attachment's alt text. */
export interface AttachmentFile {
  attachment: Buffer
  name: string
  description: string
}

/** Discord's attachment descriptions (alt text) stop at 1,024 characters. */
const DESCRIPTION_MAX = 1024

export function cardAttachment(card: CardFile): AttachmentFile {
  return { attachment: card.png, name: card.filename, description: card.alt.slice(0, DESCRIPTION_MAX) }
}

/**
 * The message's first embed shows the card (`attachment://` points at the file sent with it); the embed
 * keeps the quotation's text and link, for search and screen readers.
 */
export function withCard(message: RenderedMessage, card: CardFile): RenderedMessage {
  const [first, ...rest] = message.embeds
  if (!first) return message
  return { ...message, embeds: [{ ...first, image: { url: `attachment://${card.filename}` } }, ...rest] }
}

/**
 * The same message as a raw multipart body (HTTP interactions, which speak the REST API without discord.js):
 * `payload_json` with the attachment's metadata, and the file as `files[0]`.
 */
export function multipartMessage(data: Record<string, unknown>, card: CardFile): FormData {
  const file = cardAttachment(card)
  const form = new FormData()
  form.append(
    'payload_json',
    JSON.stringify({ ...data, attachments: [{ id: 0, filename: file.name, description: file.description }] }),
  )
  form.append('files[0]', new Blob([new Uint8Array(card.png)], { type: 'image/png' }), file.name)
  return form
}
