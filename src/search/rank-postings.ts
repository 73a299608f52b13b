import type { CorpusRecord } from '../corpus/types.js'
import type { Postings } from './postings.js'
import type { QueryTerm } from './question.js'
import { coverage, enoughEvidence, RELATIVE_COVERAGE, type Weighing } from './relevance.js'
import { bitOf, maskOf, popcount, selectBest } from './term-masks.js'
import type { Vocabulary } from './vocabulary.js'

/** A question's terms take one bit each in a 32-bit mask. */
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
  /** The best coverage of any record (0 when none has evidence): what the answer decision reads. */
  coverage: number
  /** A record holding the asker's own job matched (« je suis cascadeur, … ? »). */
  ownJob: boolean
  /** The terms the record with the best coverage matches. */
  bestMatched: readonly string[]
}

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
  private readonly cover: Float64Array
  private readonly touchedBuffer: Uint32Array
  private readonly keptBuffer: Uint32Array
  // What the hot loops read of each record, by position, packed: reading the record objects themselves,
  // scattered over the heap, costs a cache miss each, and a question can touch tens of thousands.
  private readonly quote: Uint8Array
  private readonly ordinal: Float64Array
  /** Positions of the job section records, by term of their jobs (« je suis monteuse » → its section). */
  private readonly jobRecords = new Map<string, number[]>()
  /** 1 for the records of the asker's own job, during a search. */
  private readonly ownJob: Uint8Array

  constructor(
    private readonly postings: Postings,
    /** Records by posting position. */
    private readonly records: readonly CorpusRecord[],
    private readonly vocabulary: Vocabulary,
    /** The terms of each job section record's jobs, by record id. */
    jobTerms: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    this.sum = new Float64Array(postings.size)
    this.mask = new Uint32Array(postings.size)
    this.ownMask = new Uint32Array(postings.size)
    this.cover = new Float64Array(postings.size)
    this.touchedBuffer = new Uint32Array(postings.size)
    this.keptBuffer = new Uint32Array(postings.size)
    this.quote = Uint8Array.from(records, (record) => (record.kind === 'quote' ? 1 : 0))
    this.ordinal = Float64Array.from(records, (record) => record.ordinal)
    this.ownJob = new Uint8Array(postings.size)
    records.forEach((record, at) => {
      for (const term of jobTerms.get(record.id) ?? []) {
        const list = this.jobRecords.get(term) ?? []
        list.push(at)
        this.jobRecords.set(term, list)
      }
    })
  }

  rank(query: RankQuery): Ranking {
    // Terms come distinct (the question reader and decodeState keep one of each).
    const weightOf = new Map(query.terms.map((t) => [t.term, t.weight]))
    // Past MAX_MASK_TERMS distinct terms (a very long question), the lightest ones are not looked for; they
    // still count in the question's whole weight, so the coverage of every record stays a lower bound.
    let terms = [...weightOf.keys()]
    if (terms.length > MAX_MASK_TERMS)
      terms = terms
        .sort((a, b) => (query.weighing.weights.get(b) ?? 0) - (query.weighing.weights.get(a) ?? 0))
        .slice(0, MAX_MASK_TERMS)
    // Positions touched, in a buffer kept between searches: no garbage per question.
    const { sum, mask, ownMask, touchedBuffer } = this
    let count = 0
    terms.forEach((term, bit) => {
      const entry = this.postings.get(term)
      if (!entry) return
      const weight = weightOf.get(term) as number
      const flag = (1 << bit) >>> 0
      const { records, scores, onlyInField } = entry
      for (let i = 0; i < records.length; i++) {
        const at = records[i] as number
        if (mask[at] === 0) touchedBuffer[count++] = at
        sum[at] = (sum[at] as number) + weight * (scores[i] as number)
        mask[at] = ((mask[at] as number) | flag) >>> 0
        if (onlyInField[i] === 0) ownMask[at] = ((ownMask[at] as number) | flag) >>> 0
      }
    })
    const ownJob = [...query.selfTerms].flatMap((term) => this.jobRecords.get(term) ?? [])
    for (const at of ownJob) this.ownJob[at] = 1
    try {
      return this.judge(query, terms, touchedBuffer.subarray(0, count))
    } finally {
      for (const at of ownJob) this.ownJob[at] = 0
      for (const at of touchedBuffer.subarray(0, count)) {
        sum[at] = 0
        mask[at] = 0
        ownMask[at] = 0
      }
    }
  }

  /**
   * The record with the highest plain score (every term weighing 1, no boost, no gate), whether or not it
   * answers: MiniSearch's search order, first record on a tie.
   */
  nearest(terms: readonly string[]): CorpusRecord | undefined {
    const unique = [...new Set(terms)].slice(0, MAX_MASK_TERMS)
    const touched: number[] = []
    const { sum, mask } = this
    unique.forEach((term, bit) => {
      const entry = this.postings.get(term)
      if (!entry) return
      for (let i = 0; i < entry.records.length; i++) {
        const at = entry.records[i] as number
        if (mask[at] === 0) touched.push(at)
        sum[at] = (sum[at] as number) + (entry.scores[i] as number)
        mask[at] = ((mask[at] as number) | (1 << bit)) >>> 0
      }
    })
    let best = -1
    let bestScore = 0
    for (const at of touched) {
      const score = (sum[at] as number) * popcount(mask[at] as number)
      if (score > bestScore || (score === bestScore && at < best)) {
        best = at
        bestScore = score
      }
      sum[at] = 0
      mask[at] = 0
    }
    return best < 0 ? undefined : this.records[best]
  }

  private judge(query: RankQuery, terms: string[], touched: Uint32Array): Ranking {
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
    // Coverage, or NO_EVIDENCE, by set of matched terms: one entry per distinct set, not per record (in an
    // array when the sets are few enough to index, else a map). Terms found only in the questions written
    // for a record weigh less: those sets are judged apart.
    const small = terms.length <= SMALL_MASK_BITS
    const bySet = small ? new Float64Array(1 << terms.length).fill(Number.NaN) : undefined
    const bySetMap = new Map<string, number>()
    const judgeSet = (mask: number, questionsOnly: number): number =>
      enoughEvidence(matched(mask), this.vocabulary, query.bare)
        ? coverage(matched(mask), query.weighing, (term) => (questionsOnly & bitOf(terms, term)) !== 0)
        : NO_EVIDENCE
    const shareOf = (mask: number, questionsOnly: number): number => {
      if (bySet && questionsOnly === 0) {
        let share = bySet[mask] as number
        if (Number.isNaN(share)) {
          share = judgeSet(mask, 0)
          bySet[mask] = share
        }
        return share
      }
      const key = `${mask}/${questionsOnly}`
      let share = bySetMap.get(key)
      if (share === undefined) {
        share = judgeSet(mask, questionsOnly)
        bySetMap.set(key, share)
      }
      return share
    }
    const { sum, mask: masks, ownMask, cover, quote, ordinal, ownJob: ownJobRecord } = this
    const wantedQuote = query.kind === undefined ? -1 : query.kind === 'quote' ? 1 : 0
    let best = 0
    let bestMask = 0
    let ownJob = false
    // The sum array now receives each record's final score, the cover array its coverage (or NO_EVIDENCE).
    for (const at of touched) {
      const isQuote = quote[at] as number
      const mask = masks[at] as number
      const share =
        wantedQuote >= 0 && isQuote !== wantedQuote
          ? NO_EVIDENCE
          : shareOf(mask, (mask & ~(ownMask[at] as number)) >>> 0)
      cover[at] = share
      if (share === NO_EVIDENCE) continue
      let boost = isQuote ? query.quoteBoost : 1
      if (ownJobRecord[at] === 1) boost *= query.ownJobBoost
      if ((mask & selfBits) !== 0) ownJob = true
      // MiniSearch multiplies a record's summed score by the number of query terms it matches.
      sum[at] = (sum[at] as number) * matched(mask).length * boost * share ** 3
      if (share > best) {
        best = share
        bestMask = mask
      }
    }
    const floor = best * RELATIVE_COVERAGE
    // In a buffer kept between searches, as the touched positions: no new array per question.
    const keptBuffer = this.keptBuffer
    let keptCount = 0
    let quotes = 0
    for (const at of touched) {
      if ((cover[at] as number) < floor) continue
      keptBuffer[keptCount++] = at
      quotes += quote[at] as number
    }
    const kept = keptBuffer.subarray(0, keptCount)
    const before = (a: number, b: number) =>
      (sum[b] as number) - (sum[a] as number) || (ordinal[a] as number) - (ordinal[b] as number)
    return {
      best: selectBest(kept, query.keep, before).map((at) => ({
        record: this.records[at] as CorpusRecord,
        score: sum[at] as number,
        coverage: cover[at] as number,
        matchedTerms: matched(masks[at] as number),
      })),
      total: keptCount,
      quotes,
      coverage: best,
      ownJob,
      bestMatched: matched(bestMask),
    }
  }
}

/** Below any coverage: a record that does not say enough to be judged (see enoughEvidence). */
const NO_EVIDENCE = -1
/** Up to this many terms, the sets of matched terms index an array (2^12 entries at most). */
const SMALL_MASK_BITS = 12
