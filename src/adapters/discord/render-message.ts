/**
 * Answer → Discord message (embeds and buttons), as plain API JSON so that it can be sent through the
 * gateway client, returned by an HTTP interactions endpoint, or inspected in tests. Pure: no client, no
 * I/O. Every limit in limits.ts holds whatever the answer contains (long passages, hostile questions,
 * hundreds of items); what does not fit is shortened with an ellipsis or left out, never rejected by Discord.
 */

import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js'
import {
  type Action,
  type Answer,
  type AnswerItem,
  type AnswerKind,
  attribution,
  EXPOSURE_LABELS,
  type Exposure,
  type JobEntry,
  type Segment,
  type SourceEntry,
} from '../../answers/answer.js'
import { LIMITS } from './limits.js'
import {
  codeSpan,
  cut,
  cutEscaped,
  defuseMentions,
  escapeMarkdown,
  truncate,
  truncateEscaped,
} from './markdown.js'

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>

/** What every sender (reply, update, channel message, HTTP response) takes. */
export interface RenderedMessage {
  content?: string
  embeds: APIEmbed[]
  components: ButtonRow[]
}

export const ERROR_TEXT = 'Désolé, une erreur est survenue. Réessayez dans un instant.'

const FALLBACK_TITLE = 'IA & cinéma'

/** While items follow, the head embed (title, lines, fields) keeps at most this much of the 6,000. */
const HEAD_SHARE = 2000
/** Item titles, badges and source lines are short by nature; a longer one is cut so passages keep room. */
const ITEM_LINE_MAX = 256
/** An item is shown only if at least this much of its text fits (or all of it, when shorter). */
const MIN_ITEM_TEXT = 120
const MIN_FIELD_VALUE = 16
const SPEAKER_MAX = 200

const KIND_COLORS: Record<AnswerKind, number> = {
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

const DEFAULT_LABELS: Record<Action['kind'], string> = {
  share: 'Partager',
  more: 'Plus de résultats',
  quote: 'Une citation',
  next: 'Suite',
  feedback: 'Avis',
}

const BUTTON_STYLES: Record<
  NonNullable<Action['style']>,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * Escaped text of at most `max` characters. Escaping never shortens text, so only the first `max + 1`
 * characters can matter: cutting first keeps the work bounded whatever the input size.
 */
function escapeWithin(raw: string, max: number): string {
  if (max <= 0) return ''
  return truncateEscaped(escapeMarkdown(cut(raw, max + 1)), max)
}

/**
 * Joins escaped lines until `max` is reached (then ends with an ellipsis), without building the rest.
 * `separator` may depend on the line that follows (bullets stay together, paragraphs get a blank line).
 */
function joinWithin(
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

const paragraphBreak = (next: string): string => (next.startsWith('•') ? '\n' : '\n\n')

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
const shortLine = (text: string, max = ITEM_LINE_MAX): string => oneLine(cut(text, max * 4))

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

function badge(exposure: Exposure, name?: string): string {
  const label = EXPOSURE_LABELS[exposure]
  const job = name ? shortLine(name) : ''
  return `${label.emoji} ${label.fr}${job ? ` · ${job}` : ''}`
}

/**
 * The item's text, at most `max` long. Quotes get guillemets unless the text already has them, and their
 * speaker unless the sentence already names them ("…, constate un ingénieur du son").
 */
function itemDescription(item: AnswerItem, max: number): string {
  const segments = item.segments.length > 0 ? item.segments : [{ text: item.text, match: false }]
  if (item.kind !== 'quote') return formatSegments(segments, max)
  const who = attribution(item)
  const speaker = who ? `\n— *${escapeWithin(shortLine(who, SPEAKER_MAX), SPEAKER_MAX)}*` : ''
  const quoted = /^\s*[«"“]/.test(item.text)
  const marks = quoted ? 0 : 4
  const room = max - speaker.length - marks
  if (room < 1) return formatSegments(segments, max)
  const body = formatSegments(segments, room)
  return `${quoted ? body : `« ${body} »`}${speaker}`
}

/** Length of the item's full description, to share the budget fairly between items. */
function wantedDescription(item: AnswerItem): number {
  return itemDescription(item, LIMITS.embedDescription).length
}

function itemEmbed(
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

/** Max-min fair shares: short texts get all they need, long ones split what is left. */
function shareBudget(wanted: number[], budget: number): number[] {
  const shares = wanted.map(() => 0)
  const order = wanted.map((_, index) => index).sort((a, b) => (wanted[a] ?? 0) - (wanted[b] ?? 0))
  let left = budget
  let remaining = order.length
  for (const index of order) {
    const share = Math.floor(left / remaining)
    const given = Math.min(wanted[index] ?? 0, share)
    shares[index] = given
    left -= given
    remaining -= 1
  }
  return shares
}

/** Whether every `**` opened in escaped markdown is closed (a cut may fall inside a bold run). */
const boldBalanced = (escaped: string): boolean =>
  (escaped.replace(/\\./g, '').match(/\*\*/g)?.length ?? 0) % 2 === 0

/** Fields added while the budget (characters of names and values) allows; the rest is left out. */
class FieldList {
  readonly fields: APIEmbedField[] = []
  constructor(private budget: number) {}

  get used(): number {
    return this.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  }

  /** `name` is plain text (escaped here); `value` is markdown already escaped by the caller. */
  add(name: string, value: string, inline = false): void {
    if (this.fields.length >= LIMITS.embedFields) return
    const left = this.budget - this.used
    const safeName = escapeWithin(shortLine(name), Math.min(LIMITS.fieldName, left - MIN_FIELD_VALUE))
    if (!safeName) return
    const safeValue = truncateEscaped(value.trim(), Math.min(LIMITS.fieldValue, left - safeName.length))
    if (!safeValue || safeValue.length < Math.min(MIN_FIELD_VALUE, value.trim().length)) return
    if (!boldBalanced(safeValue)) return
    this.fields.push({ name: safeName, value: safeValue, inline })
  }
}

function* jobLines(entries: JobEntry[]): Generator<string> {
  for (const entry of entries) {
    const jobs = entry.jobs
      .slice(0, 20)
      .map((job) => shortLine(job))
      .filter(Boolean)
      .join(', ')
    const line = `${shortLine(entry.name)}${jobs ? ` — ${jobs}` : ''}`
    yield `• ${escapeWithin(line, LIMITS.fieldValue)}`
  }
}

function* sourceLines(entry: SourceEntry): Generator<string> {
  const { publisher, year, url } = entry.source
  const link = safeUrl(url)
  yield `${escapeWithin([shortLine(publisher), String(year)].filter(Boolean).join(', '), ITEM_LINE_MAX)}${link ? ` — [lien](${link})` : ''}`
  yield `${entry.passages} passages, ${entry.quotes} citations`
  for (const study of entry.studies) {
    const by = [study.publisher, study.date].filter(Boolean).map((part) => shortLine(part ?? ''))
    yield `• ${escapeWithin(`${shortLine(study.title)}${by.length ? ` (${by.join(', ')})` : ''}`, LIMITS.fieldValue)}`
  }
}

function headEmbed(answer: Answer, budget: number): APIEmbed {
  const embed: APIEmbed = {
    title: escapeWithin(shortLine(answer.title, LIMITS.embedTitle), LIMITS.embedTitle) || FALLBACK_TITLE,
    color: KIND_COLORS[answer.kind] ?? KIND_COLORS.results,
  }
  let left = budget - (embed.title?.length ?? 0)

  if (answer.step && answer.step.total > 0) {
    embed.footer = {
      text: truncate(`Étape ${answer.step.index + 1} sur ${answer.step.total}`, LIMITS.footer),
    }
    left -= embed.footer.text.length
  }

  const max = Math.min(LIMITS.embedDescription, left)
  const notice = answer.notice?.trim() ? [`*${escapeWithin(answer.notice.trim(), max - 2)}*`] : []
  const lines = answer.lines.map((line) => escapeWithin(line.trim(), max)).filter(Boolean)
  const description = joinWithin([...notice, ...lines], paragraphBreak, max)
  if (description) {
    embed.description = description
    left -= description.length
  }

  const fields = new FieldList(left)
  const valueMax = LIMITS.fieldValue + 1
  for (const job of answer.jobs.slice(0, LIMITS.embedFields)) {
    const label = EXPOSURE_LABELS[job.exposure]
    const summary = job.summary.trim() ? `\n${escapeWithin(job.summary.trim(), valueMax)}` : ''
    fields.add(`${label.emoji} ${shortLine(job.name)}`, `**${label.fr}**${summary}`)
  }
  for (const exposure of Object.keys(EXPOSURE_LABELS) as Exposure[]) {
    const entries = (answer.jobMap ?? []).filter((entry) => entry.exposure === exposure)
    if (entries.length > 0) fields.add(badge(exposure), joinWithin(jobLines(entries), '\n', valueMax))
  }
  for (const entry of (answer.sources ?? []).slice(0, LIMITS.embedFields)) {
    fields.add(entry.source.title, joinWithin(sourceLines(entry), '\n', valueMax))
  }
  const suggestions = answer.suggestions.map((text) => shortLine(text, 100)).filter(Boolean)
  if (suggestions.length > 0) fields.add('Essayez', joinWithin(suggestions.map(codeSpan), ' · ', valueMax))
  const examples = answer.examples.map((text) => shortLine(text, 200)).filter(Boolean)
  if (examples.length > 0) {
    fields.add(
      'Exemples',
      joinWithin(
        examples.map((example) => `• ${codeSpan(example)}`),
        '\n',
        valueMax,
      ),
    )
  }
  if (fields.fields.length > 0) embed.fields = fields.fields
  return embed
}

function buttonLabel(action: Action, suffix: string): string {
  const base =
    shortLine(String(action.label ?? ''), LIMITS.buttonLabel) || DEFAULT_LABELS[action.kind] || 'Ouvrir'
  return `${truncate(base, LIMITS.buttonLabel - suffix.length)}${suffix}`
}

/** Buttons for the actions whose target is shown; numbered after their item when labels would repeat. */
export function renderButtons(actions: Action[], shownItems: Map<string, number>): ButtonRow[] {
  const usable = actions.filter(
    (action) =>
      typeof action.id === 'string' &&
      action.id.length > 0 &&
      action.id.length <= LIMITS.customId &&
      (action.itemId === undefined || shownItems.has(action.itemId)),
  )
  const labelCounts = new Map<string, number>()
  for (const action of usable) labelCounts.set(action.label, (labelCounts.get(action.label) ?? 0) + 1)

  const seen = new Set<string>()
  const buttons: APIButtonComponentWithCustomId[] = []
  for (const action of usable) {
    // Discord rejects a message in which two components share a custom_id.
    if (seen.has(action.id)) continue
    if (buttons.length >= LIMITS.buttonsPerRow * LIMITS.rows) break
    seen.add(action.id)
    const number = action.itemId === undefined ? undefined : shownItems.get(action.itemId)
    const repeated = (labelCounts.get(action.label) ?? 0) > 1
    const suffix = repeated && number !== undefined ? ` (${number})` : ''
    buttons.push({
      type: ComponentType.Button,
      custom_id: action.id,
      label: buttonLabel(action, suffix),
      style: BUTTON_STYLES[action.style ?? (action.kind === 'share' ? 'primary' : 'secondary')],
    })
  }
  const rows: ButtonRow[] = []
  for (let start = 0; start < buttons.length; start += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + LIMITS.buttonsPerRow),
    })
  }
  return rows
}

export function renderAnswer(answer: Answer): RenderedMessage {
  const items = answer.items.slice(0, LIMITS.embeds - 1)
  const head = headEmbed(answer, items.length > 0 ? HEAD_SHARE : LIMITS.embedsTotal)
  let left = LIMITS.embedsTotal - embedSize(head)

  // Fixed parts first (title, badge, source), then the passages share what remains.
  const numbered = items.length > 1
  const chosen: Array<{ item: AnswerItem; fixed: number; wanted: number }> = []
  for (const [index, item] of items.entries()) {
    const fixed = embedSize(itemEmbed(item, numbered ? index + 1 : undefined, 0, answer.kind))
    const wanted = Math.min(wantedDescription(item), LIMITS.embedDescription)
    const needed = fixed + Math.min(wanted, MIN_ITEM_TEXT)
    if (needed > left) break
    chosen.push({ item, fixed, wanted })
    left -= needed
  }
  const minimums = chosen.map(({ wanted }) => Math.min(wanted, MIN_ITEM_TEXT))
  const extra = shareBudget(
    chosen.map(({ wanted }, index) => wanted - (minimums[index] ?? 0)),
    left,
  )

  const embeds = [head]
  const shown = new Map<string, number>()
  for (const [index, { item }] of chosen.entries()) {
    const max = (minimums[index] ?? 0) + (extra[index] ?? 0)
    embeds.push(itemEmbed(item, numbered ? index + 1 : undefined, max, answer.kind))
    shown.set(item.id, index + 1)
  }
  return { embeds, components: renderButtons(answer.actions, shown) }
}

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
