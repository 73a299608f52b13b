/** What a card says, taken from a quote item: the quotation, who says it, where it comes from. */
import type { AnswerItem } from '../answers/answer.js'
import { CardError } from './errors.js'
import { frenchTypography, inGuillemets } from './typography.js'

export interface CardContent {
  /**
   * The quotation between guillemets, French typography applied: whole, unless it cannot fit the card even
   * in the smallest type; then `excerpt` is set and it ends with the cut mark (render.ts).
   */
  quotation: string
  /** The quotation was cut to its first sentences: the card says « Extrait » and the whole is at the link. */
  excerpt?: boolean
  /** Who says it, as the article names them ("un restaurateur", "Hayao Miyazaki"). */
  speaker?: string
  /** Section path, outermost first, joined with " › ". */
  section: string
  title: string
  publisher: string
  year?: number
  /** The short source line's address: the source's host name ("killthetape.com"). */
  host?: string
}

/** Slack's alt_text takes up to 1,000 characters and Discord's description 1,024. */
const ALT_TEXT_MAX = 1000

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined
  } catch {
    return undefined
  }
}

export function cardContent(item: AnswerItem): CardContent {
  if (item.kind !== 'quote') throw new CardError('NOT_A_QUOTE', `${item.id} is not a quote`)
  const speaker = item.speaker?.trim()
  const host = hostOf(item.source.url)
  return {
    quotation: inGuillemets(item.quotation?.trim() || item.text),
    ...(speaker ? { speaker: frenchTypography(speaker) } : {}),
    section: frenchTypography(item.section.filter((part) => part.trim() !== '').join(' › ')),
    title: frenchTypography(item.source.title),
    publisher: frenchTypography(item.source.publisher),
    ...(item.source.year > 0 ? { year: item.source.year } : {}),
    ...(host ? { host } : {}),
  }
}

/** The card's text for screen readers and search: the quotation and its speaker. */
export function cardAltText(item: AnswerItem): string {
  return altText(cardContent(item))
}

/** What a card shows, as text: its quotation (the excerpt, on a card that cuts it) and its speaker. */
export function altText(content: CardContent): string {
  const text = content.speaker ? `${content.quotation} — ${content.speaker}` : content.quotation
  if (text.length <= ALT_TEXT_MAX) return text
  const cut = text.slice(0, ALT_TEXT_MAX - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), ALT_TEXT_MAX / 2))}…`
}

/** "ia-emploi-cinema-audiovisuel#q3" → "citation-ia-emploi-cinema-audiovisuel-q3.png" (square: "-carre"). */
export function cardFileName(item: AnswerItem, square = false): string {
  const slug = item.id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
  return `citation-${slug || 'ia-cinema'}${square ? '-carre' : ''}.png`
}
