import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { comparable } from '../text/normalize.js'

/** One line of queries.jsonl (format in the eval README). */
const style = z.string().min(1).optional()
const evalQuerySchema = z.union([
  z.object({ q: z.string(), style, any: z.array(z.string()).min(1) }),
  z.object({ q: z.string(), style, all: z.array(z.string()).min(1) }),
  z.object({ q: z.string(), style, none: z.literal(true) }),
])
export type EvalQuery = z.infer<typeof evalQuerySchema>

export function readEvalQueries(file: string): EvalQuery[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = evalQuerySchema.safeParse(JSON.parse(line))
      if (!parsed.success) throw new Error(`${file}:${index + 1}: not an eval question`)
      return parsed.data
    })
}

export interface EvalOutcome {
  query: EvalQuery
  /** Rank (1-based) of the first result that satisfies the question, or undefined. */
  rank?: number
  passed: boolean
  topLength?: number
}

/** Judges ranked texts against one question, as the eval README says. */
export function judge(query: EvalQuery, texts: string[]): EvalOutcome {
  const top = texts.map(comparable)
  const topLength = texts[0]?.length
  if ('none' in query) return { query, passed: texts.length === 0, topLength }
  if ('all' in query) {
    const wanted = query.all.map(comparable)
    const ranks = wanted.map((w) => top.slice(0, 5).findIndex((t) => t.includes(w)))
    const passed = ranks.every((r) => r >= 0)
    const firstRank = top.findIndex((t) => wanted.some((w) => t.includes(w)))
    return { query, passed, rank: firstRank >= 0 ? firstRank + 1 : undefined, topLength }
  }
  const wanted = query.any.map(comparable)
  const index = top.findIndex((t) => wanted.some((w) => t.includes(w)))
  const rank = index >= 0 ? index + 1 : undefined
  return { query, passed: rank !== undefined && rank <= 3, rank, topLength }
}

export interface EvalSummary {
  answerable: number
  hitAt1: number
  hitAt3: number
  mrrAt5: number
  offTopic: number
  offTopicEmpty: number
  medianTopLength: number
  failures: EvalOutcome[]
}

export function summarize(outcomes: EvalOutcome[]): EvalSummary {
  const answerable = outcomes.filter((o) => !('none' in o.query))
  const offTopic = outcomes.filter((o) => 'none' in o.query)
  const rankAt = (o: EvalOutcome, n: number) => o.rank !== undefined && o.rank <= n
  const lengths = answerable
    .map((o) => o.topLength)
    .filter((l): l is number => l !== undefined)
    .sort((a, b) => a - b)
  const middle = Math.floor(lengths.length / 2)
  const median =
    lengths.length === 0
      ? 0
      : lengths.length % 2
        ? (lengths[middle] as number)
        : ((lengths[middle - 1] as number) + (lengths[middle] as number)) / 2
  return {
    answerable: answerable.length,
    hitAt1: answerable.filter((o) => rankAt(o, 1) && o.passed).length / Math.max(1, answerable.length),
    hitAt3: answerable.filter((o) => o.passed).length / Math.max(1, answerable.length),
    mrrAt5:
      answerable.reduce((sum, o) => sum + (o.rank !== undefined && o.rank <= 5 ? 1 / o.rank : 0), 0) /
      Math.max(1, answerable.length),
    offTopic: offTopic.length,
    offTopicEmpty: offTopic.filter((o) => o.passed).length,
    medianTopLength: median,
    failures: outcomes.filter((o) => !o.passed),
  }
}

/** Summaries per `style` of question (paraphrase, onboarding, quote…), then over all, in first-seen order. */
export function summarizeByStyle(outcomes: EvalOutcome[]): Array<{ style: string; summary: EvalSummary }> {
  const styles = new Map<string, EvalOutcome[]>()
  for (const outcome of outcomes) {
    const key = outcome.query.style ?? ('none' in outcome.query ? 'offtopic' : 'keyword')
    styles.set(key, [...(styles.get(key) ?? []), outcome])
  }
  const rows = [...styles].map(([name, list]) => ({ style: name, summary: summarize(list) }))
  return styles.size > 1 ? [...rows, { style: 'all', summary: summarize(outcomes) }] : rows
}
