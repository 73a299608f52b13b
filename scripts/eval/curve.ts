/**
 * `npm run eval -- --curve` and `--fit`: the answer decision seen over every labelled question.
 * --curve: for each threshold on the decision's score, per set, how many answerable questions are answered
 *   right (a top-3 hit) and how many off-topic ones get nothing: the trade-off the operating point is read on.
 * --fit: fits the decision's logistic model (src/eval/fit-answerability.ts) on the development sets (every
 *   set but the held-out ones) and prints it as TypeScript for src/search/answerability.ts.
 */
import path from 'node:path'
import { type EvalQuery, judge } from '../../src/eval/evaluate.js'
import {
  accuracy,
  chooseL2,
  fitAnswerModel,
  type LabelledEvidence,
  modelSource,
} from '../../src/eval/fit-answerability.js'
import { ANSWER_MODEL } from '../../src/search/answerability.js'
import type { SearchEngine } from '../../src/search/engine.js'

/** Sets that judge the result and are never tuned on (their file name says so). */
export const isHeldOut = (file: string) => /holdout/.test(path.basename(file))

interface Scored {
  answerable: boolean
  /** The decision's score; the question is answered when it reaches the threshold. */
  score: number
  /** Top-3 hit when answered (answerable questions). */
  hit: boolean
  labelled?: LabelledEvidence
}

function score(engine: SearchEngine, query: EvalQuery, set: string): Scored {
  const outcome = engine.search(query.q, { limit: 5, gate: false })
  const answerable = !('none' in query)
  const texts = outcome.hits.map((hit) => hit.record.text)
  // A question the decision floors (a job of the article, a keyword: answerability.ts) scores exactly the
  // closest threshold, wherever that threshold is: at any other threshold it would be floored there too.
  const floored = outcome.hits.length > 0 && outcome.confidence === ANSWER_MODEL.closest
  return {
    answerable,
    score: outcome.hits.length === 0 ? 0 : floored ? Number.POSITIVE_INFINITY : outcome.confidence,
    hit: answerable && judge(query, texts).passed,
    // Questions with no passage at all never reach the model: they say nothing about its weights.
    labelled:
      outcome.hits.length > 0 && outcome.confidence < 1
        ? { evidence: outcome.evidence, answerable, set }
        : undefined,
  }
}

const THRESHOLDS = Array.from({ length: 13 }, (_, i) => Math.round((0.2 + i * 0.05) * 100) / 100)

export function curve(engine: SearchEngine, sets: Array<[file: string, queries: EvalQuery[]]>): string[] {
  const scored = sets.map(
    ([file, queries]) =>
      [
        path.basename(file).replace(/(-queries)?\.jsonl$/, ''),
        queries.map((q) => score(engine, q, file)),
      ] as const,
  )
  const all = scored.flatMap(([, rows]) => rows)
  const cell = (rows: readonly Scored[], t: number) => {
    const answerable = rows.filter((r) => r.answerable)
    const off = rows.filter((r) => !r.answerable)
    const right = answerable.filter((r) => r.hit && r.score >= t).length
    const empty = off.filter((r) => r.score < t).length
    return `${((100 * right) / Math.max(1, answerable.length)).toFixed(1).padStart(5)} ${`${empty}/${off.length}`.padStart(6)}`
  }
  const out = [
    'Answer decision: hit@3 % of answerable questions answered right, and off-topic questions answered empty, at each threshold',
    `(direct ≥ ${ANSWER_MODEL.direct}, closest ≥ ${ANSWER_MODEL.closest}: the operating point is the closest threshold, marked ◀)`,
    `  t     ${'all'.padEnd(13)}${scored.map(([name]) => name.slice(0, 18).padEnd(19)).join('')}`,
  ]
  for (const t of THRESHOLDS) {
    const mark = Math.abs(t - ANSWER_MODEL.closest) < 1e-9 ? ' ◀' : ''
    out.push(
      `  ${t.toFixed(2)}  ${cell(all, t)}  ${scored.map(([, rows]) => `${cell(rows, t)}       `).join('')}${mark}`,
    )
  }
  return out
}

export function fitModel(engine: SearchEngine, sets: Array<[file: string, queries: EvalQuery[]]>): string[] {
  const development = sets.filter(([file]) => !isHeldOut(file))
  const rows = development
    .flatMap(([file, queries]) => queries.map((q) => score(engine, q, file).labelled))
    .filter((r): r is LabelledEvidence => r !== undefined)
  const thresholds = { direct: ANSWER_MODEL.direct, closest: ANSWER_MODEL.closest }
  const { l2, losses } = chooseL2(rows, thresholds)
  const model = fitAnswerModel(rows, thresholds, { l2 })
  return [
    `L2 penalty by leaving each set out (balanced log-loss on it, mean): ${losses.map(([c, loss]) => `${c}: ${loss.toFixed(4)}`).join(', ')} → ${l2}`,
    `Fitted on ${rows.length} questions with passages (${rows.filter((r) => r.answerable).length} answerable, ${rows.filter((r) => !r.answerable).length} off-topic) from ${development.map(([file]) => path.basename(file)).join(', ')}`,
    `accuracy at ${model.closest}: ${(100 * accuracy(model, rows, model.closest)).toFixed(1)} % (current model: ${(100 * accuracy(ANSWER_MODEL, rows, model.closest)).toFixed(1)} %)`,
    '',
    modelSource(model),
  ]
}
