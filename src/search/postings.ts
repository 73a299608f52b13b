/**
 * The index as the ranking reads it: for each term, the records that hold it and what the term scores in
 * each, ready to add up.
 *
 * MiniSearch scores a query term by walking its posting lists and building a result object per record and
 * per field; with frequent terms (« IA », « métier ») and 1,000 documents that is tens of thousands of
 * objects for three answers. A term's score in a record does not depend on the question, only on the
 * corpus (BM25 per field, times the field's boost); the question only weighs it. So it is computed once
 * here, at build, into flat arrays, and a search adds weighted numbers.
 *
 * The figures are MiniSearch's own, computed the way it computes them (index.js: add, addFieldLength,
 * termResults, calcBM25Score; search multiplies by the number of terms matched): the engine ranks exactly as
 * MiniSearch's search does over the same fields, which tests/search/postings.test.ts checks on every eval
 * question against a MiniSearch index. The engine therefore needs no MiniSearch index of its own.
 */

/** Terms read between two yields of the build. */
const TERMS_PER_STEP = 256

/** MiniSearch's default BM25+ parameters (the engine does not change them). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 }

function bm25(termFreq: number, matching: number, total: number, length: number, average: number): number {
  const { k, b, d } = BM25
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5))
  return idf * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * length) / average)))
}

export interface TermPostings {
  /** Record positions (see Postings.ids), ascending. */
  records: Uint32Array
  /** The term's score in each of those records: the sum over fields of boost × BM25. */
  scores: Float64Array
  /** 1 where the term is found only in the `onlyField` field (the questions written for the record). */
  onlyInField: Uint8Array
  /**
   * How many records hold the term outside the `onlyField` field, in the documents' own words: what a
   * questions file adds must not make a word look like one of the documents' subjects.
   */
  ownRecords: number
}

export class Postings {
  /** Record ids by position. */
  readonly ids: string[]
  private readonly byTerm: ReadonlyMap<string, TermPostings>

  constructor(ids: string[], byTerm: ReadonlyMap<string, TermPostings>) {
    this.ids = ids
    this.byTerm = byTerm
  }

  get size(): number {
    return this.ids.length
  }

  get(term: string): TermPostings | undefined {
    return this.byTerm.get(term)
  }

  /** How many records hold the term, in any field; undefined for a term the index does not hold. */
  documentFrequency(term: string): number | undefined {
    return this.byTerm.get(term)?.records.length
  }

  terms(): IterableIterator<string> {
    return this.byTerm.keys()
  }
}

/** One field's postings of a term while the index is built: records in the order added, and counts. */
interface FieldList {
  records: number[]
  counts: number[]
}

/**
 * Collects each record's field terms as the build analyses them (in the order of `fields`, the index's), then
 * computes every term's score per record.
 */
export class PostingsBuilder {
  private readonly ids: string[] = []
  private readonly lists = new Map<string, Array<FieldList | undefined>>()
  /** Distinct terms of each field of each record, and their running average per field (as MiniSearch). */
  private readonly lengths: number[][]
  private readonly averages: number[]
  private readonly boosts: number[]
  private readonly onlyField: number
  /** Term counts of the field being added, reused from one to the next (no map per field per record). */
  private readonly counts = new Map<string, number>()

  constructor(fields: readonly string[], boosts: Readonly<Record<string, number>>, onlyField: string) {
    this.lengths = fields.map(() => [])
    this.averages = fields.map(() => 0)
    this.boosts = fields.map((field) => boosts[field] || 1)
    this.onlyField = fields.indexOf(onlyField)
  }

  add(id: string, fieldTerms: ReadonlyArray<readonly string[]>): void {
    const position = this.ids.length
    this.ids.push(id)
    const counts = this.counts
    fieldTerms.forEach((terms, field) => {
      counts.clear()
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
      ;(this.lengths[field] as number[]).push(counts.size)
      this.averages[field] = ((this.averages[field] as number) * position + counts.size) / (position + 1)
      for (const [term, count] of counts) {
        if (!term) continue
        let byField = this.lists.get(term)
        if (!byField) {
          byField = []
          this.lists.set(term, byField)
        }
        let list = byField[field]
        if (!list) {
          list = { records: [], counts: [] }
          byField[field] = list
        }
        list.records.push(position)
        list.counts.push(count)
      }
    })
  }

  /** The postings, in steps (a yield every few hundred terms: see build-index.ts). */
  *finish(): Generator<void, Postings, void> {
    const total = this.ids.length
    const score = new Float64Array(total)
    const seen = new Uint8Array(total)
    const own = new Uint8Array(total)
    const touched: number[] = []
    const byTerm = new Map<string, TermPostings>()
    let sinceYield = 0
    for (const [term, byField] of this.lists) {
      sinceYield += 1
      if (sinceYield === TERMS_PER_STEP) {
        sinceYield = 0
        yield
      }
      touched.length = 0
      byField.forEach((list, field) => {
        if (!list) return
        const average = this.averages[field] as number
        const lengths = this.lengths[field] as number[]
        const boost = this.boosts[field] as number
        const matching = list.records.length
        list.records.forEach((at, i) => {
          if (!seen[at]) {
            seen[at] = 1
            touched.push(at)
          }
          score[at] =
            (score[at] as number) +
            boost * bm25(list.counts[i] as number, matching, total, lengths[at] as number, average)
          if (field !== this.onlyField) own[at] = 1
        })
      })
      touched.sort((a, b) => a - b)
      const entry: TermPostings = {
        records: Uint32Array.from(touched),
        scores: new Float64Array(touched.length),
        onlyInField: new Uint8Array(touched.length),
        ownRecords: 0,
      }
      touched.forEach((at, i) => {
        entry.scores[i] = score[at] as number
        entry.onlyInField[i] = own[at] ? 0 : 1
        if (own[at]) entry.ownRecords++
        score[at] = 0
        seen[at] = 0
        own[at] = 0
      })
      byTerm.set(term, entry)
    }
    this.lists.clear()
    return new Postings(this.ids, byTerm)
  }
}
