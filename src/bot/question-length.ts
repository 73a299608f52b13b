import { MAX_QUERY_CHARS } from '../search/engine.js'

/**
 * How much of a question is worth carrying: the engine reads MAX_QUERY_CHARS of it, and one character more
 * lets it see that the question was cut (it then says so).
 */
export const MAX_QUESTION_CHARS = MAX_QUERY_CHARS + 1

/**
 * The part of an inbound text the bot can use. Adapters cut every question here, at the edge, before
 * anything else reads it: a mention or a DM can be 40,000 characters, and splitting, normalising and caching
 * the whole of it cost seconds under load for words the engine then ignores.
 */
export function cutQuestion(text: string): string {
  return cutText(text, MAX_QUESTION_CHARS)
}

/** The first `limit` characters of a text, never ending on half of a surrogate pair (an emoji cut in two). */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit
  // A copy: V8's slice points into the string it was cut from, and would keep the whole text alive as long
  // as anything keeps the part (the answer cache does: an answer's title repeats the question).
  return Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le')
}
