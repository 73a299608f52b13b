/**
 * Slack text helpers. Every string that comes from a user or from the corpus goes through `escapeText`
 * before it reaches a message: Slack decodes only `&amp;`, `&lt;` and `&gt;`, and escaping those three is
 * enough to make `<!channel>`, `<!here>` or `<@U123>` typed by someone render as inert text. `plain_text`
 * fields are escaped too: Slack is not documented to parse them, but it stores and decodes them with the
 * same entities, and one rule everywhere is easier to check than two.
 */

export const ELLIPSIS = '…'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

export function escapeText(text: string): string {
  // Most texts have none of the three: three `includes` scans cost a fraction of a regular expression's.
  if (!text.includes('&') && !text.includes('<') && !text.includes('>')) return text
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c)
}

/** The longest prefix of raw text whose escaped form fits in `room` characters, cut between code points. */
function prefixFitting(text: string, room: number): string {
  let used = 0
  let kept = ''
  for (const char of text) {
    const cost = (ESCAPES[char] ?? char).length
    if (used + cost > room) break
    used += cost
    kept += char
  }
  return kept
}

/**
 * Cuts raw (unescaped) text so that its escaped form plus the ellipsis fits in `max` characters. Cutting the raw
 * text, not the escaped one, means an entity such as `&amp;` is never split; iterating by code point means an
 * emoji is never split either.
 */
export function truncateRaw(text: string, max: number): string {
  if (escapeText(text).length <= max) return text
  if (max < ELLIPSIS.length) return ''
  return `${prefixFitting(text, max - ELLIPSIS.length).trimEnd()}${ELLIPSIS}`
}

/** Escaped text of at most `max` characters. */
export function escapeAndFit(text: string, max: number): string {
  // Escaped once when it fits, as most texts do (truncateRaw would escape it once to measure, then again here).
  const escaped = escapeText(text)
  return escaped.length <= max ? escaped : escapeText(truncateRaw(text, max))
}

const WORD_CHAR = /[\p{L}\p{N}]/u

/**
 * Wraps a matched run in `*…*` only where Slack will actually render it bold: the markers must sit next to
 * non-word characters and the run must not contain a marker of its own. Otherwise the asterisks would show
 * literally, so the run stays plain.
 */
export function boldable(text: string, before: string, after: string): boolean {
  if (text.trim() === '' || /[*_~`]/.test(text)) return false
  const first = Array.from(text.trimStart())[0] ?? ''
  const last = Array.from(text.trimEnd()).at(-1) ?? ''
  if (!WORD_CHAR.test(first) && !WORD_CHAR.test(last)) return false
  const prev = Array.from(before).at(-1) ?? ''
  const next = Array.from(after)[0] ?? ''
  const startsClean = text !== text.trimStart() || !WORD_CHAR.test(prev)
  const endsClean = text !== text.trimEnd() || !WORD_CHAR.test(next)
  return startsClean && endsClean
}

export interface Run {
  text: string
  bold: boolean
}

/**
 * Renders runs of raw text as escaped mrkdwn of at most `max` characters, bold runs wrapped in `*`. Bold markers
 * go inside the surrounding whitespace (`*word*`, never `* word *`, which Slack does not render).
 */
export function runsToMrkdwn(runs: Run[], max: number): string {
  const kept = runs.filter((r) => r.text !== '')
  let out = ''
  for (let i = 0; i < kept.length; i++) {
    const run = kept[i] as Run
    const prev = kept[i - 1]?.text.at(-1) ?? ''
    const next = kept[i + 1]?.text[0] ?? ''
    const bold = run.bold && boldable(run.text, prev, next)
    const lead = bold ? (run.text.match(/^\s*/)?.[0] ?? '') : ''
    const trail = bold ? (run.text.match(/\s*$/)?.[0] ?? '') : ''
    const core = run.text.slice(lead.length, run.text.length - trail.length)
    const piece = bold ? `${escapeText(lead)}*${escapeText(core)}*${escapeText(trail)}` : escapeText(run.text)
    // Keep room for the ellipsis unless this is the final run.
    const limit = i === kept.length - 1 ? max : max - ELLIPSIS.length
    if (out.length + piece.length <= limit) {
      out += piece
      continue
    }
    // The run does not fit: cut it as plain text so that no bold marker is left open.
    const room = Math.max(0, max - out.length - ELLIPSIS.length)
    return `${(out + escapeText(prefixFitting(run.text, room))).trimEnd()}${ELLIPSIS}`.slice(0, max)
  }
  return out
}

/** A `<url|label>` link when the URL is a plain http(s) URL, else the escaped label alone. */
export function link(url: string, label: string): string {
  const safeLabel = escapeText(label.replace(/\|/g, '¦'))
  if (!/^https?:\/\/[^\s]+$/.test(url) || url.length > 2000) return safeLabel
  // `|` and `>` would end the URL part early; percent-encoding keeps the same address.
  const safeUrl = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;')
  return `<${safeUrl}|${safeLabel}>`
}

/** A user mention we build ourselves, only from an id that looks like a Slack user id. */
export function userMention(userId: string | undefined): string | undefined {
  return userId && /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : undefined
}
