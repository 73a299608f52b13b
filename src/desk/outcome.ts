import type { CorpusRecord } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'

/** What the bot answers a question now, in the terms the desk shows it. */
export interface Outcome {
  /** direct: passages that answer; closest: the closest passages, part of the question not in the article. */
  kind: 'direct' | 'closest' | 'refused'
  /** The passages shown first (three, as the search command shows them). */
  records: CorpusRecord[]
  /** What the question asks that the article does not say (`closest`). */
  missing: string[]
}

const SHOWN = 3

/** Runs the engine the bot serves with, as the search command does (engine.search, three results, its tier). */
export function outcomeOf(engine: SearchEngine, question: string): Outcome {
  const outcome = engine.search(question, { limit: SHOWN })
  const records = outcome.hits.map((hit) => hit.record)
  if (outcome.tier === 'none' || records.length === 0) return { kind: 'refused', records: [], missing: [] }
  return outcome.tier === 'closest'
    ? { kind: 'closest', records, missing: outcome.missingWords }
    : { kind: 'direct', records, missing: [] }
}

/** 1-based rank of the first of `targets` among the records shown, or undefined. */
export function rankOf(outcome: Outcome, targets: ReadonlySet<string>): number | undefined {
  const index = outcome.records.findIndex((r) => targets.has(r.id))
  return index < 0 ? undefined : index + 1
}
