import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type EvalQuery,
  judge,
  readEvalQueries,
  summarize,
  summarizeByStyle,
} from '../../src/eval/evaluate.js'
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
const set = (name: string) => run(readEvalQueries(path.join(fixtures, name)))

describe('public eval questions (shared/eval/queries.jsonl)', () => {
  const queries = readEvalQueries(path.join(fixtures, 'queries.jsonl'))

  it.each(queries.map((q) => [q.q, q] as const))('%s', (_q, query) => {
    const [outcome] = run([query])
    expect(outcome?.passed, JSON.stringify(query)).toBe(true)
  })
})

describe('keyword questions keep what they had', () => {
  it.each([
    ['dev-queries.jsonl', 0.98],
    // The floor. Its two misses at the end of issue 17 prompted two fixes: a regression check now,
    // not an untouched held-out set (README, Quality).
    ['holdout-queries.jsonl', 0.98],
  ] as const)('%s: hit@3 ≥ %s and no off-topic question answered', (file, floor) => {
    const summary = summarize(set(file))
    expect(summary.hitAt3).toBeGreaterThanOrEqual(floor)
    expect(summary.offTopicEmpty).toBe(summary.offTopic)
    expect(summary.medianTopLength).toBeLessThanOrEqual(400)
  })
})

describe('natural questions (onboarding, paraphrase, quote hunting, English, typos, job forms, traps)', () => {
  it.each([
    // Tuned on: floors just under what they measure, so a regression shows.
    ['natural-dev-queries.jsonl', 0.95, 0.9],
    ['natural-validation-queries.jsonl', 0.93, 0.9],
  ] as const)(
    '%s: hit@3 ≥ %s overall and ≥ 0.75 in every style, off-topic empty ≥ %s',
    (file, floor, offTopic) => {
      const outcomes = set(file)
      const summary = summarize(outcomes)
      expect(summary.hitAt3).toBeGreaterThanOrEqual(floor)
      expect(summary.offTopicEmpty / summary.offTopic).toBeGreaterThanOrEqual(offTopic)
      for (const { style, summary: byStyle } of summarizeByStyle(outcomes)) {
        if (byStyle.answerable > 0) expect(byStyle.hitAt3, style).toBeGreaterThanOrEqual(0.75)
      }
    },
  )
})

describe('sets written outside the team, and messages pasted from a channel (development sets)', () => {
  // Studied, and the answer model fitted on them (npm run eval -- --fit): floors just under what they
  // measure (README, Quality). paraphrase-dev has no off-topic question.
  it.each([
    ['natural-b-queries.jsonl', 0.95, 0.9],
    ['chat-dev-queries.jsonl', 0.95, 0.9],
    ['paraphrase-dev-queries.jsonl', 0.93, 0],
    ['traps-dev-queries.jsonl', 0.88, 0.88],
  ] as const)('%s: hit@3 ≥ %s overall, off-topic empty ≥ %s', (file, floor, offTopic) => {
    const summary = summarize(set(file))
    expect(summary.hitAt3).toBeGreaterThanOrEqual(floor)
    if (summary.offTopic > 0)
      expect(summary.offTopicEmpty / summary.offTopic).toBeGreaterThanOrEqual(offTopic)
  })

  it('answers what it must by principle, and nothing to what it must not (principles-queries.jsonl)', () => {
    for (const outcome of set('principles-queries.jsonl'))
      expect(outcome.passed, JSON.stringify(outcome.query.q)).toBe(true)
  })
})

describe('held-out sets (written from the article only, never tuned on): what unseen questions get', () => {
  // Floors at what they measured when last scored (README, Quality), so that a regression shows.
  it.each([
    ['natural-holdout-queries.jsonl', 0.96, 0.88],
    ['chat-holdout-e-queries.jsonl', 0.93, 0.85],
    ['chat-holdout-f-queries.jsonl', 0.85, 0.9],
    ['natural-g-holdout-queries.jsonl', 0.88, 0.9],
  ] as const)('%s: hit@3 ≥ %s overall, off-topic empty ≥ %s', (file, floor, offTopic) => {
    const summary = summarize(set(file))
    expect(summary.hitAt3).toBeGreaterThanOrEqual(floor)
    expect(summary.offTopicEmpty / summary.offTopic).toBeGreaterThanOrEqual(offTopic)
  })
})

describe('judge', () => {
  it('compares after NFC, apostrophe and space normalisation, case ignored', () => {
    const query: EvalQuery = { q: 'x', any: ["L'IA accélère"] }
    expect(judge(query, ['autre', 'l’ia\u00a0ACCÉLÈRE le son']).rank).toBe(2)
    expect(judge({ q: 'x', none: true }, ['quelque chose']).passed).toBe(false)
  })

  it('summarises per style, then over all', () => {
    const rows = summarizeByStyle([
      { query: { q: 'a', style: 'typo', any: ['x'] }, passed: true, rank: 1 },
      { query: { q: 'b', style: 'offtopic', none: true }, passed: false },
    ])
    expect(rows.map((r) => r.style)).toEqual(['typo', 'offtopic', 'all'])
    expect(rows[2]?.summary.offTopicEmpty).toBe(0)
  })
})
