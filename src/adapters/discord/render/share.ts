/** Public messages: a shared passage with who shared it, the daily quote, and short notices. */
import type { APIEmbedField } from 'discord.js'
import type { AnswerItem } from '../../../answers/answer.js'
import { LIMITS } from '../limits.js'
import { truncate } from '../markdown.js'
import { itemEmbed } from './item.js'
import {
  ERROR_TEXT,
  embedSize,
  escapeWithin,
  ITEM_LINE_MAX,
  type RenderedMessage,
  safeUrl,
  shortLine,
} from './text.js'

function userLabel(sharer: { id?: string; name: string }): string {
  // A user mention renders as the sharer's name; allowed_mentions parse [] keeps it from pinging anyone.
  if (sharer.id && /^\d{1,25}$/.test(sharer.id)) return `<@${sharer.id}>`
  return escapeWithin(shortLine(sharer.name, 100), 100) || 'quelqu’un'
}

/** A passage posted publicly: who shared it, the passage, and where it comes from. */
export function renderShare(item: AnswerItem, sharer: { id?: string; name: string }): RenderedMessage {
  const url = safeUrl(item.link) ?? safeUrl(item.source.url)
  const sourceName = escapeWithin(shortLine(item.source.title), ITEM_LINE_MAX) || 'la source'
  const by = escapeWithin(
    [shortLine(item.source.publisher), String(item.source.year)].filter(Boolean).join(', '),
    ITEM_LINE_MAX,
  )
  // The URL (≤ 2,048) may not fit beside the name: then the link is left out rather than cut.
  const linked = url ? `[${sourceName}](${url}) — ${by}` : ''
  const sourceField: APIEmbedField = {
    name: 'Source',
    value: linked && linked.length <= LIMITS.fieldValue ? linked : `${sourceName} — ${by}`,
  }
  const base = itemEmbed(item, undefined, 0, 'results')
  const room = LIMITS.embedsTotal - embedSize(base) - sourceField.name.length - sourceField.value.length
  const embed = itemEmbed(item, undefined, Math.max(0, room), 'results')
  embed.fields = [sourceField]
  return {
    content: truncate(`📣 Partagé par ${userLabel(sharer)}`, LIMITS.content),
    embeds: [embed],
    components: [],
  }
}

/** The daily quote: the quote and its source, announced as such. */
export function renderDailyQuote(item: AnswerItem): RenderedMessage {
  const message = renderShare(item, { name: 'ia-cinema' })
  return { ...message, content: '📅 Citation du jour' }
}

/** A short message (acknowledgement, stale button, error) as plain content. */
export function renderNotice(message: string): RenderedMessage {
  return {
    content: escapeWithin(message.trim(), LIMITS.content) || ERROR_TEXT,
    embeds: [],
    components: [],
  }
}
