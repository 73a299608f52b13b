import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '../../scripts/bench/synthetic-corpus.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import type { Corpus } from '../../src/corpus/types.js'
import { SearchEngine } from '../../src/search/engine.js'
import { FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

/**
 * Ranking over flat postings (rank-postings.ts) is a faster way to compute the same thing, not a ranking of
 * its own: for every question, it must return the same records, in the same order, with the same scores,
 * coverage and totals as the ranking over MiniSearch's own search.
 */

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures')
// The held-out set is only ever scored by npm run eval, never read by tests.
const SETS = [
  'queries.jsonl',
  'dev-queries.jsonl',
  'natural-dev-queries.jsonl',
  'natural-validation-queries.jsonl',
]

async function questions(): Promise<string[]> {
  const lines = await Promise.all(SETS.map((name) => readFile(path.join(FIXTURES, name), 'utf8')))
  return [
    ...new Set(
      lines
        .flatMap((text) => text.split('\n'))
        .filter((line) => line.trim() !== '')
        .map((line) => String((JSON.parse(line) as { q: unknown }).q)),
    ),
  ]
}

function compare(corpus: Corpus, asked: string[]): { answered: number } {
  const flat = SearchEngine.build(corpus)
  const reference = SearchEngine.build(corpus, { ranking: 'minisearch' })
  let answered = 0
  for (const question of asked) {
    for (const limit of [3, 1_000]) {
      const fast = flat.search(question, { limit })
      const full = reference.search(question, { limit })
      const view = (outcome: typeof fast) => ({
        hits: outcome.hits.map((hit) => ({
          id: hit.record.id,
          coverage: hit.coverage.toFixed(9),
          terms: [...hit.matchedTerms].sort(),
        })),
        total: outcome.total,
        quotes: outcome.quotes,
        covered: outcome.coveredWords,
      })
      expect(view(fast), question).toEqual(view(full))
      fast.hits.forEach((hit, i) => {
        expect(hit.score / (full.hits[i]?.score ?? Number.NaN), question).toBeCloseTo(1, 9)
      })
      for (const kind of ['quote', 'passage'] as const)
        expect(
          flat.search(question, { limit, kind }).hits.map((hit) => hit.record.id),
          `${question} (${kind})`,
        ).toEqual(reference.search(question, { limit, kind }).hits.map((hit) => hit.record.id))
    }
    if (reference.search(question).total > 0) answered++
  }
  return { answered }
}

describe('ranking over postings', () => {
  const folders: string[] = []
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })))
  })

  it('ranks every eval question exactly as MiniSearch’s search does, on the article', async () => {
    const corpus = await loadCorpus(FIXTURE_CORPUS_DIR)
    const asked = await questions()
    const { answered } = compare(corpus, asked)
    // Not vacuous: most of these questions are answered, so there are orders to compare.
    expect(answered).toBeGreaterThan(asked.length / 2)
  })

  it('and on a corpus of several documents, where frequent terms hold hundreds of records', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'ia-cinema-postings-'))
    folders.push(folder)
    await generateCorpus({ documents: 12, out: folder, seed: 3, from: FIXTURE_CORPUS_DIR })
    const corpus = await loadCorpus(folder)
    const asked = (await questions()).filter((_, i) => i % 3 === 0)
    const { answered } = compare(corpus, asked)
    expect(answered).toBeGreaterThan(asked.length / 2)
  })
})
