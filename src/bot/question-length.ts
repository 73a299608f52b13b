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
  if (text.length <= MAX_QUESTION_CHARS) return text
  // Never end on half of a surrogate pair (an emoji cut in two).
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_QUESTION_CHARS - 1))
    ? MAX_QUESTION_CHARS - 1
    : MAX_QUESTION_CHARS
  return text.slice(0, end)
}
