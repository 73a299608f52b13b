/** Text for Discord markdown within a budget: escaping, cutting, bold runs, URLs and embed sizes. */
import type { APIEmbed } from 'discord.js'
import type { Segment } from '../../../answers/answer.js'
import { LIMITS } from '../limits.js'
import { cut, cutEscaped, escapeMarkdown, truncateEscaped } from '../markdown.js'
import type { ButtonRow } from './buttons.js'

/** What every sender (reply, update, channel message, HTTP response) takes. */
export interface RenderedMessage {
  content?: string
  embeds: APIEmbed[]
  components: ButtonRow[]
}

export const ERROR_TEXT = 'Désolé, une erreur est survenue. Réessayez dans un instant.'

/** Item titles, badges and source lines are short by nature; a longer one is cut so passages keep room. */
export const ITEM_LINE_MAX = 256

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * Escaped text of at most `max` characters. Escaping never shortens text, so only the first `max + 1`
 * characters can matter: cutting first keeps the work bounded whatever the input size.
 */
export function escapeWithin(raw: string, max: number): string {
  if (max <= 0) return ''
  return truncateEscaped(escapeMarkdown(cut(raw, max + 1)), max)
}

/**
 * Joins escaped lines until `max` is reached (then ends with an ellipsis), without building the rest.
 * `separator` may depend on the line that follows (bullets stay together, paragraphs get a blank line).
 */
export function joinWithin(
  lines: Iterable<string>,
  separator: string | ((next: string) => string),
  max: number,
): string {
  let out = ''
  for (const line of lines) {
    const next = out ? `${out}${typeof separator === 'string' ? separator : separator(line)}${line}` : line
    if (next.length > max) return truncateEscaped(next, max)
    out = next
  }
  return out
}

export const paragraphBreak = (next: string): string => (next.startsWith('•') ? '\n' : '\n\n')

/** Characters Discord counts towards the 6,000 of a message. */
export function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0)
  size += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0)
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length
  return size
}

/** An http(s) URL Discord will accept as an embed or link target, or undefined. */
export function safeUrl(link: string | undefined): string | undefined {
  if (!link) return undefined
  try {
    const url = new URL(link)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    // Parentheses and spaces would end a masked link early; percent-encoding keeps the target identical.
    const href = url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')
    return href.length <= LIMITS.embedUrl ? href : undefined
  } catch {
    return undefined
  }
}

/**
 * Segments ready for bold markers: a match's surrounding spaces moved outside it (`le **montage** de`, not
 * `le** montage **de`, which markdown parsers may not read as bold), and neighbours with the same flag
 * merged so that markers never touch (`****`).
 */
function mergeSegments(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = []
  const push = (text: string, match: boolean): void => {
    if (!text) return
    const last = merged.at(-1)
    if (last && last.match === match) last.text += text
    else merged.push({ text, match })
  }
  for (const segment of segments) {
    if (typeof segment.text !== 'string' || !segment.text) continue
    if (!segment.match) {
      push(segment.text, false)
      continue
    }
    const core = segment.text.trim()
    const lead = segment.text.slice(0, segment.text.length - segment.text.trimStart().length)
    push(lead, false)
    push(core, true)
    push(segment.text.slice(lead.length + core.length), false)
  }
  return merged
}

/** Segments as escaped markdown, matches in bold, at most `max` long; bold markers always stay paired. */
export function formatSegments(segments: readonly Segment[], max: number): string {
  if (max <= 0) return ''
  const merged = mergeSegments(segments)
  let out = ''
  for (const [index, segment] of merged.entries()) {
    // Escaping never shortens text: what lies past the budget can be dropped before escaping.
    const escaped = escapeMarkdown(cut(segment.text, max - out.length + 1))
    const piece = segment.match ? `**${escaped}**` : escaped
    const isLast = index === merged.length - 1
    // Keep one character for the ellipsis unless this piece ends the text.
    if (out.length + piece.length <= max - (isLast ? 0 : 1)) {
      out += piece
      continue
    }
    const room = max - out.length - 1 - (segment.match ? 4 : 0)
    const partial = room > 0 ? cutEscaped(escaped, room) : ''
    if (partial) out += segment.match ? `**${partial}**` : partial
    return `${out}…`
  }
  return out
}

/** One line of plain text, bounded before any regex runs over it. */
export const shortLine = (text: string, max = ITEM_LINE_MAX): string => oneLine(cut(text, max * 4))

/** Whether every `**` opened in escaped markdown is closed (a cut may fall inside a bold run). */
export const boldBalanced = (escaped: string): boolean =>
  (escaped.replace(/\\./g, '').match(/\*\*/g)?.length ?? 0) % 2 === 0
