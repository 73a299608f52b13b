import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CLOSE_WORDS, searchCommand } from '../../commands/search.js'
import { ADVERSARIAL_KINDS } from '../../scripts/bench/adversarial.js'
import { seededRandom } from '../../scripts/bench/synthetic-corpus.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { MAX_CORRECTED_WORDS } from '../../src/search/question.js'
import { MAX_SPELLING_LENGTH, type SpellingWork } from '../../src/search/spelling.js'
import { projectEngine } from '../helpers/engine.js'

/**
 * Whatever a question holds, the work it costs is bounded: counted (lookups, matrix cells), never timed
 * (timings are in npm run bench, with the same kinds of hostile questions). Before the bounds, one word of
 * 2,000 letters cost about 8 × 10⁹ matrix cells (2–5 s of the event loop).
 */

/** Longest word the corrector looks up: MAX_SPELLING_LENGTH plus the widest radius (« did you mean »). */
const L = MAX_SPELLING_LENGTH + 3
/** The word at its radius, each swap of neighbours one radius less, each second swap exactly. */
const LOOKUPS_PER_WORD = 1 + (L - 1) + ((L - 1) * (L - 2)) / 2
/** A fuzzy lookup's matrix is (length + 1) × (length + radius + 1); a plain lookup walks the word. */
const CELLS_PER_WORD = L * (L + 1) * (L + 4) + ((L - 1) * (L - 2) * L) / 2
/** Corrections while reading the question, then close words for the answer that found nothing. */
const WORDS_PER_QUESTION = MAX_CORRECTED_WORDS + MAX_CLOSE_WORDS

let engine: SearchEngine
let vocabulary: string[]
beforeAll(async () => {
  engine = await projectEngine()
  vocabulary = [...engine.vocabulary.wordFrequency.keys()].filter((w) => /^\p{L}+$/u.test(w))
})

/** The whole search command (search, then close words when nothing is found), and the work it cost. */
function ask(question: string): { work: SpellingWork; terms: number } {
  const before = engine.spellingWork()
  searchCommand.run(question, { engine, requester: { platform: 'console' }, random: Math.random })
  const after = engine.spellingWork()
  const work = {
    words: after.words - before.words,
    longestWord: after.longestWord,
    lookups: after.lookups - before.lookups,
    candidates: after.candidates - before.candidates,
    cells: after.cells - before.cells,
  }
  return { work, terms: engine.search(question).terms.length }
}

function expectBounded({ work }: { work: SpellingWork }, question: string) {
  const label = question.slice(0, 80)
  expect(work.words, label).toBeLessThanOrEqual(WORDS_PER_QUESTION)
  expect(work.longestWord, label).toBeLessThanOrEqual(L)
  expect(work.lookups, label).toBeLessThanOrEqual(work.words * LOOKUPS_PER_WORD)
  expect(work.cells, label).toBeLessThanOrEqual(work.words * CELLS_PER_WORD)
}

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzéèàçœ']
const letters = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength })

describe('the work a question costs', () => {
  it('looks nothing up for one long word of letters, digits or both', () => {
    for (const question of ['a'.repeat(2_000), 'ab'.repeat(1_000), '7'.repeat(2_000), 'x9'.repeat(1_000)]) {
      const { work } = ask(question)
      expect(work.lookups, question.slice(0, 20)).toBe(0)
    }
  })

  it('is bounded for every kind of hostile question the bench times', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ADVERSARIAL_KINDS)), fc.integer(), (kind, seed) => {
        const make = ADVERSARIAL_KINDS[kind] as (typeof ADVERSARIAL_KINDS)[string]
        const question = make(seededRandom(seed), vocabulary)
        expectBounded(ask(question), `${kind}: ${question}`)
      }),
      { numRuns: 60 },
    )
  })

  it('is bounded for any mix of long words, misspelt corpus words, numbers and separators', () => {
    const misspelt = fc
      .tuple(fc.constantFrom(...vocabulary), fc.nat(), fc.constantFrom(...LETTERS))
      .map(([word, at, letter]) => {
        const i = at % word.length
        return `${word.slice(0, i)}${letter}${word.slice(i + 1)}`
      })
    const token = fc.oneof(
      letters(3_000),
      letters(MAX_SPELLING_LENGTH + 6),
      misspelt,
      fc.array(misspelt, { minLength: 2, maxLength: 4 }).map((words) => words.join('')),
      fc.stringMatching(/^[0-9a-z]{1,60}$/),
    )
    const separator = fc.constantFrom(' ', '-', "'", '.', ' - ', '/')
    const question = fc
      .array(fc.tuple(token, separator), { minLength: 1, maxLength: 120 })
      .map((parts) => parts.map(([word, sep]) => word + sep).join(''))
    fc.assert(
      fc.property(question, (text) => expectBounded(ask(text), text)),
      { numRuns: 150 },
    )
  })
})
