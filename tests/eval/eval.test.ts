import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { type EvalQuery, judge, readEvalQueries, summarize } from '../../src/eval/evaluate.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
let engine: SearchEngine
beforeAll(async () => {
  engine = await projectEngine()
})

const run = (queries: EvalQuery[]) =>
  queries.map((query) =>
    judge(
      query,
      engine.search(query.q, { limit: 5 }).hits.map((h) => h.record.text),
    ),
  )

describe('public eval questions (shared/eval/queries.jsonl)', () => {
  const queries = readEvalQueries(path.join(fixtures, 'queries.jsonl'))

  it.each(queries.map((q) => [q.q, q] as const))('%s', (_q, query) => {
    const [outcome] = run([query])
    expect(outcome?.passed, JSON.stringify(query)).toBe(true)
  })
})

describe('held-out questions (written without seeing the analyzer)', () => {
  it('keeps hit@3 ≥ 90 %, hit@1 ≥ 85 % and answers no off-topic question', () => {
    const summary = summarize(run(readEvalQueries(path.join(fixtures, 'holdout-queries.jsonl'))))
    expect(summary.hitAt3).toBeGreaterThanOrEqual(0.9)
    expect(summary.hitAt1).toBeGreaterThanOrEqual(0.85)
    expect(summary.offTopicEmpty).toBe(summary.offTopic)
    expect(summary.medianTopLength).toBeLessThanOrEqual(400)
  })
})

describe('judge', () => {
  it('compares after NFC, apostrophe and space normalisation, case ignored', () => {
    const query: EvalQuery = { q: 'x', any: ["L'IA accélère"] }
    expect(judge(query, ['autre', 'l’ia\u00a0ACCÉLÈRE le son']).rank).toBe(2)
    expect(judge({ q: 'x', none: true }, ['quelque chose']).passed).toBe(false)
  })
})
