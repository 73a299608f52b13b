/** One passage or quote as an embed: title, exposure badge, text with matches in bold, source footer. */
import type { APIEmbed } from 'discord.js'
import {
  type AnswerItem,
  type AnswerKind,
  attribution,
  EXPOSURE_LABELS,
  type Exposure,
} from '../../../answers/answer.js'
import { itemBody } from '../../../answers/item-body.js'
import { LIMITS } from '../limits.js'
import { defuseMentions, truncate } from '../markdown.js'
import { escapeWithin, formatSegments, ITEM_LINE_MAX, safeUrl, shortLine } from './text.js'

const SPEAKER_MAX = 200

export const KIND_COLORS: Record<AnswerKind, number> = {
  results: 0x2b6cb0,
  empty: 0x718096,
  quote: 0x805ad5,
  jobs: 0xdd6b20,
  sources: 0x319795,
  tour: 0x38a169,
  help: 0x3182ce,
  error: 0xe53e3e,
}

const EXPOSURE_COLORS: Record<Exposure, number> = {
  menacé: 0xe53e3e,
  évolue: 0xdd6b20,
  résiste: 0x38a169,
}

function itemTitle(item: AnswerItem, number: number | undefined): string {
  const path = item.section
    .slice(0, 10)
    .map((part) => shortLine(part))
    .filter(Boolean)
    .join(' › ')
  const base = path || shortLine(item.source.title) || (item.kind === 'quote' ? 'Citation' : 'Passage')
  // "1 · …" rather than "1. …", which reads as a list marker and would need escaping.
  return escapeWithin(number === undefined ? base : `${number} · ${base}`, ITEM_LINE_MAX)
}

function sourceLine(item: AnswerItem): string {
  const { title, publisher, year } = item.source
  const who = [shortLine(publisher), Number.isFinite(year) ? String(year) : ''].filter(Boolean).join(', ')
  return truncate(defuseMentions(`Source : ${shortLine(title)}${who ? ` — ${who}` : ''}`), ITEM_LINE_MAX)
}

export function badge(exposure: Exposure, name?: string): string {
  const label = EXPOSURE_LABELS[exposure]
  const job = name ? shortLine(name) : ''
  return `${label.emoji} ${label.fr}${job ? ` · ${job}` : ''}`
}

/**
 * The item's text, at most `max` long. Quotes get guillemets unless the text already has them, and their
 * speaker unless the sentence already names them ("…, constate un ingénieur du son").
 */
function itemDescription(item: AnswerItem, max: number): string {
  // A run-in heading is left to the title, which shows the section path.
  const { text, segments } = itemBody(item)
  if (item.kind !== 'quote') return formatSegments(segments, max)
  const who = attribution(item)
  const speaker = who ? `\n— *${escapeWithin(shortLine(who, SPEAKER_MAX), SPEAKER_MAX)}*` : ''
  const quoted = /^\s*[«"“]/.test(text)
  const marks = quoted ? 0 : 4
  const room = max - speaker.length - marks
  if (room < 1) return formatSegments(segments, max)
  const body = formatSegments(segments, room)
  return `${quoted ? body : `« ${body} »`}${speaker}`
}

/** Length of the item's full description, to share the budget fairly between items. */
export function wantedDescription(item: AnswerItem): number {
  return itemDescription(item, LIMITS.embedDescription).length
}

export function itemEmbed(
  item: AnswerItem,
  number: number | undefined,
  descriptionMax: number,
  kind: AnswerKind,
): APIEmbed {
  const embed: APIEmbed = {
    title: itemTitle(item, number),
    color: item.job ? EXPOSURE_COLORS[item.job.exposure] : KIND_COLORS[kind],
    footer: { text: sourceLine(item) },
  }
  const url = safeUrl(item.link)
  if (url) embed.url = url
  if (item.job)
    embed.author = { name: truncate(defuseMentions(badge(item.job.exposure, item.job.name)), ITEM_LINE_MAX) }
  const description = itemDescription(item, Math.min(descriptionMax, LIMITS.embedDescription))
  if (description) embed.description = description
  return embed
}
