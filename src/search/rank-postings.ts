import type { CorpusRecord } from '../corpus/types.js'
import type { Postings } from './postings.js'
import type { QueryTerm } from './question.js'
import {
  coverage,
  enoughEvidence,
  MIN_COVERAGE,
  OWN_JOB_MIN_COVERAGE,
  RELATIVE_COVERAGE,
  type Weighing,
} from './relevance.js'
import type { Vocabulary } from './vocabulary.js'

/** A question's terms fit one bit each in a 32-bit mask; longer readings take the engine's other path. */
export const MAX_MASK_TERMS = 32

export interface RankQuery {
  terms: readonly QueryTerm[]
  weighing: Weighing
  selfTerms: ReadonlySet<string>
  bare: boolean
  /** Multiplier of a quote's score (the question wants one, or not). */
  quoteBoost: number
  ownJobBoost: number
  kind?: CorpusRecord['kind']
  /** How many of the best hits to return, in order (offset + limit). */
  keep: number
}

export interface RankedHit {
  record: CorpusRecord
  score: number
  coverage: number
  matchedTerms: string[]
}

export interface Ranking {
  best: RankedHit[]
  /** Records that answer, before paging, and how many of them are quotes. */
  total: number
  quotes: number
}

const NONE: Ranking = { best: [], total: 0, quotes: 0 }

/**
 * The ranking of engine.ts (BM25 × coverage³, the coverage gates, the boosts), computed over flat postings:
 * one pass adding weighted numbers per record, then the gate, then only the best `keep` hits sorted.
 * Coverage and evidence depend only on which terms a record matches, so each distinct set is judged once.
 */
export class PostingsRanker {
  private readonly sum: Float64Array
  private readonly mask: Uint32Array
  /** Terms a record holds in its own fields, not only in the questions written for it. */
  private readonly ownMask: Uint32Array

  constructor(
    private readonly postings: Postings,
    /** Records by posting position. */
    private readonly records: readonly CorpusRecord[],
    private readonly vocabulary: Vocabulary,
    /** The terms of each job section record's jobs, by record id. */
    private readonly jobTerms: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.sum = new Float64Array(postings.size)
    this.mask = new Uint32Array(postings.size)
    this.ownMask = new Uint32Array(postings.size)
  }

  rank(query: RankQuery): Ranking {
    // A term asked twice counts twice in the score (as in MiniSearch) and once as a matched term.
    const weightOf = new Map<string, number>()
    for (const { term, weight } of query.terms) weightOf.set(term, (weightOf.get(term) ?? 0) + weight)
    const terms = [...weightOf.keys()]
    const touched: number[] = []
    terms.forEach((term, bit) => {
      const entry = this.postings.get(term)
      if (!entry) return
      const weight = weightOf.get(term) as number
      const flag = (1 << bit) >>> 0
      const { records, scores, onlyInField } = entry
      for (let i = 0; i < records.length; i++) {
        const at = records[i] as number
        if (this.mask[at] === 0) touched.push(at)
        this.sum[at] = (this.sum[at] as number) + weight * (scores[i] as number)
        this.mask[at] = ((this.mask[at] as number) | flag) >>> 0
        if (onlyInField[i] === 0) this.ownMask[at] = ((this.ownMask[at] as number) | flag) >>> 0
      }
    })
    try {
      return this.judge(query, terms, touched)
    } finally {
      for (const at of touched) {
        this.sum[at] = 0
        this.mask[at] = 0
        this.ownMask[at] = 0
      }
    }
  }

  private judge(query: RankQuery, terms: string[], touched: number[]): Ranking {
    const selfBits = maskOf(terms, (term) => query.selfTerms.has(term))
    const termsOf = new Map<number, string[]>()
    const matched = (mask: number) => {
      let list = termsOf.get(mask)
      if (!list) {
        list = terms.filter((_, bit) => (mask & (1 << bit)) !== 0)
        termsOf.set(mask, list)
      }
      return list
    }
    const evidence = new Map<number, boolean>()
    // By matched terms, then by the terms among them found only in the questions written for the record.
    const shares = new Map<number, number>()
    const sharesWithQuestionsOnly = new Map<number, Map<number, number>>()
    const shareOf = (mask: number, questionsOnly: number): number => {
      const byQuestionsOnly = questionsOnly === 0 ? undefined : sharesWithQuestionsOnly.get(mask)
      let share = questionsOnly === 0 ? shares.get(mask) : byQuestionsOnly?.get(questionsOnly)
      if (share === undefined) {
        share = coverage(matched(mask), query.weighing, (term) => (questionsOnly & bitOf(terms, term)) !== 0)
        if (questionsOnly === 0) shares.set(mask, share)
        else if (byQuestionsOnly) byQuestionsOnly.set(questionsOnly, share)
        else sharesWithQuestionsOnly.set(mask, new Map([[questionsOnly, share]]))
      }
      return share
    }
    const selfTerms = [...query.selfTerms]
    const positions: number[] = []
    const scores: number[] = []
    const coverages: number[] = []
    let best = 0
    let ownJob = false
    for (const at of touched) {
      const record = this.records[at] as CorpusRecord
      if (query.kind && record.kind !== query.kind) continue
      const mask = this.mask[at] as number
      let enough = evidence.get(mask)
      if (enough === undefined) {
        enough = enoughEvidence(matched(mask), this.vocabulary, query.bare)
        evidence.set(mask, enough)
      }
      if (!enough) continue
      const share = shareOf(mask, (mask & ~(this.ownMask[at] as number)) >>> 0)
      let boost = record.kind === 'quote' ? query.quoteBoost : 1
      if (selfTerms.length > 0) {
        const jobs = this.jobTerms.get(record.id)
        if (jobs && selfTerms.some((t) => jobs.has(t))) boost *= query.ownJobBoost
        if ((mask & selfBits) !== 0) ownJob = true
      }
      // MiniSearch multiplies a record's summed score by the number of query terms it matches.
      const score = (this.sum[at] as number) * matched(mask).length * boost * share ** 3
      positions.push(at)
      scores.push(score)
      coverages.push(share)
      if (share > best) best = share
    }
    if (best < (ownJob ? OWN_JOB_MIN_COVERAGE : MIN_COVERAGE)) return NONE
    const floor = best * RELATIVE_COVERAGE
    const kept: number[] = []
    let quotes = 0
    for (let i = 0; i < positions.length; i++) {
      if ((coverages[i] as number) < floor) continue
      kept.push(i)
      if ((this.records[positions[i] as number] as CorpusRecord).kind === 'quote') quotes++
    }
    const before = (a: number, b: number) =>
      (scores[b] as number) - (scores[a] as number) ||
      (this.records[positions[a] as number] as CorpusRecord).ordinal -
        (this.records[positions[b] as number] as CorpusRecord).ordinal
    const top = selectBest(kept, query.keep, before)
    return {
      best: top.map((i) => {
        const at = positions[i] as number
        return {
          record: this.records[at] as CorpusRecord,
          score: scores[i] as number,
          coverage: coverages[i] as number,
          matchedTerms: matched(this.mask[at] as number),
        }
      }),
      total: kept.length,
      quotes,
    }
  }
}

const maskOf = (terms: readonly string[], wanted: (term: string) => boolean): number =>
  terms.reduce((mask, term, bit) => (wanted(term) ? (mask | (1 << bit)) >>> 0 : mask), 0)

const bitOf = (terms: readonly string[], term: string): number => (1 << terms.indexOf(term)) >>> 0

/** The `keep` first items in `compare`'s order, sorted, without sorting all of them. */
export function selectBest(
  items: number[],
  keep: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (keep <= 0) return []
  if (items.length <= keep * 4) return items.sort(compare).slice(0, keep)
  const top: number[] = []
  for (const item of items) {
    if (top.length === keep && compare(item, top[keep - 1] as number) >= 0) continue
    let at = top.length
    while (at > 0 && compare(item, top[at - 1] as number) < 0) at--
    top.splice(at, 0, item)
    if (top.length > keep) top.pop()
  }
  return top
}
