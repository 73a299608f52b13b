/**
 * Hostile questions for the bench: what one user inside the rate limit can paste to hold the event loop.
 * Each kind is a question of about MAX_QUERY_CHARS characters (some longer, cut by the engine): one long
 * word of letters, digits, both, a URL, chains of hyphens, apostrophes or dots, 2,000 one-letter words,
 * a phrase repeated, words made of the corpus' own words with typos (what spelling correction works
 * hardest on), words at the longest length it looks up. tests/search/bounded-work.test.ts runs the same
 * kinds through fast-check and bounds the work they cost; here they are timed.
 */
import { MAX_QUERY_CHARS } from '../../src/search/engine.js'
import { MAX_SPELLING_LENGTH } from '../../src/search/spelling.js'

const LETTERS = 'abcdefghijklmnopqrstuvwxyzéèàçœ'

type Make = (random: () => number, vocabulary: readonly string[]) => string

const pick = (random: () => number, from: string, length: number) =>
  Array.from({ length }, () => from[Math.floor(random() * from.length)]).join('')
const join = (count: number, separator: string, part: () => string) =>
  Array.from({ length: count }, part).join(separator)
/** A corpus word with one letter changed: what the corrector must look up, never found as it stands. */
const typo = (random: () => number, word: string) => {
  const at = Math.floor(random() * word.length)
  return `${word.slice(0, at)}${word[at] === 'q' ? 'x' : 'q'}${word.slice(at + 1)}`
}
const wordOf = (random: () => number, vocabulary: readonly string[]) =>
  vocabulary[Math.floor(random() * vocabulary.length)] ?? 'montage'
/** Corpus words run together up to `length` letters, with a typo. */
const compound = (random: () => number, vocabulary: readonly string[], length: number) => {
  let word = ''
  while (word.length < length) word += wordOf(random, vocabulary)
  return typo(random, word.slice(0, length))
}

export const ADVERSARIAL_KINDS: Record<string, Make> = {
  'one word of letters': (r) => pick(r, LETTERS, MAX_QUERY_CHARS),
  'one word of two letters': (r) => pick(r, 'ab', MAX_QUERY_CHARS),
  'one word of digits': (r) => pick(r, '0123456789', MAX_QUERY_CHARS),
  'one word of letters and digits': (r) => pick(r, 'abcXYZ0123456789é', MAX_QUERY_CHARS),
  'a pasted URL': (r) =>
    `https://example.org/${pick(r, 'abcdefghijklmnop0123456789/-_.?=&%', MAX_QUERY_CHARS - 20)}`,
  'a chain of hyphens': (r) => join(MAX_QUERY_CHARS / 4, '-', () => pick(r, LETTERS, 3)),
  'a chain of corpus words and hyphens': (r, v) => join(MAX_QUERY_CHARS / 8, '-', () => wordOf(r, v)),
  'a chain of apostrophes': (r) => join(MAX_QUERY_CHARS / 4, "'", () => pick(r, LETTERS, 3)),
  'a chain of dots': (r) => join(MAX_QUERY_CHARS / 2, '.', () => pick(r, LETTERS, 1)),
  '2,000 one-letter words': (r) => join(MAX_QUERY_CHARS, ' ', () => pick(r, LETTERS, 1)),
  'a phrase repeated': (r, v) => {
    const phrase = join(4, ' ', () => wordOf(r, v))
    return join(Math.ceil(MAX_QUERY_CHARS / (phrase.length + 1)), ' ', () => phrase)
  },
  'misspelt corpus words': (r, v) => join(MAX_QUERY_CHARS / 10, ' ', () => typo(r, wordOf(r, v))),
  'misspelt compounds of 9–20 letters': (r, v) =>
    join(MAX_QUERY_CHARS / 15, ' ', () => compound(r, v, 9 + Math.floor(r() * 12))),
  'words at the longest looked up': (r, v) =>
    join(MAX_QUERY_CHARS / (MAX_SPELLING_LENGTH + 4), ' ', () => compound(r, v, MAX_SPELLING_LENGTH + 3)),
  'a 40,000-character word': (r) => pick(r, LETTERS, 20 * MAX_QUERY_CHARS),
}

/** `perKind` distinct questions of every kind, the same for the same seed. */
export function adversarialQuestions(
  random: () => number,
  vocabulary: readonly string[],
  perKind: number,
): Array<{ kind: string; text: string }> {
  return Object.entries(ADVERSARIAL_KINDS).flatMap(([kind, make]) =>
    Array.from({ length: perKind }, () => ({ kind, text: make(random, vocabulary) })),
  )
}
