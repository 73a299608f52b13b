/**
 * Text from users and from the corpus is shown verbatim: every Discord markdown character is escaped and
 * every mention is defused, so neither formatting nor a ping can be injected through a question or a
 * passage. Discord reads a backslash before any ASCII punctuation as an escape (before a letter or a
 * digit it shows the backslash), so only punctuation is ever escaped.
 */

const ZWSP = '\u200b'

/**
 * Puts a zero-width space inside anything Discord would turn into a mention or a link to an entity:
 * `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</command:id>`, `<:emoji:id>`, `<t:…>`.
 * allowed_mentions already stops the ping; this also stops the rendering (and protects embeds, where
 * allowed_mentions does not apply to display).
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(?=[\p{L}\p{N}&!])/gu, `@${ZWSP}`).replace(/<(?=[#/:]|a:|t:)/g, `<${ZWSP}`)
}

/** Escapes markdown and defuses mentions; for titles, descriptions and field names and values. */
export function escapeMarkdown(text: string): string {
  return (
    defuseMentions(text)
      // Inline markers anywhere: bold/italic, underline, strike, code, spoiler, masked links.
      .replace(/[\\*_~`|[\]]/g, '\\$&')
      // Block markers only count at the start of a line: quote, heading, subtext, list, numbered list.
      // A backslash before a digit is shown as is, so a numbered list is escaped at its dot.
      .replace(/^([ \t]*)([>#+-])/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)\./gm, '$1\\.')
  )
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (max <= 0) return ''
  if (text.length <= max) return text
  let end = max
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return text.slice(0, end)
}

/** Like `cut`, with an ellipsis when something was removed; the result is at most `max` long. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 0) return ''
  return `${cut(text, max - 1)}…`
}

/**
 * Cuts already-escaped text without leaving a dangling backslash (which would escape whatever follows).
 * In escaped text every literal backslash is doubled, so an odd run of trailing backslashes means the cut
 * fell inside an escape.
 */
export function cutEscaped(escaped: string, max: number): string {
  let out = cut(escaped, max)
  let run = 0
  while (run < out.length && out[out.length - 1 - run] === '\\') run += 1
  if (run % 2 === 1) out = out.slice(0, -1)
  return out
}

/** Escaped text with an ellipsis when it had to be shortened; at most `max` long. */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped
  if (max <= 0) return ''
  return `${cutEscaped(escaped, max - 1)}…`
}

/** An inline code span when the text allows one (code spans cannot be escaped), else escaped text. */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.includes('`') || oneLine === '' ? escapeMarkdown(oneLine) : `\`${oneLine}\``
}
