import type MiniSearch from 'minisearch'

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
 * The figures are MiniSearch's own (index.js: termResults, calcBM25Score, search's "quality"): the engine
 * ranks exactly as its MiniSearch path does, which tests/search/postings.test.ts checks on every eval
 * question. MiniSearch's public API does not expose postings, so this reads its index structures (7.x);
 * the same test fails if an update changes them.
 */

/** MiniSearch 7's internals read here. */
interface MiniSearchInternals {
  _index: Iterable<[string, Map<number, Map<number, number>>]>
  _documentIds: Map<number, unknown>
  _fieldIds: Record<string, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _documentCount: number
}

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
}

export class Postings {
  /** Record ids by position. */
  readonly ids: string[]
  private readonly byTerm = new Map<string, TermPostings>()

  private constructor(ids: string[]) {
    this.ids = ids
  }

  get size(): number {
    return this.ids.length
  }

  get(term: string): TermPostings | undefined {
    return this.byTerm.get(term)
  }

  /**
   * Reads a built MiniSearch index, in steps (a yield every few hundred terms, see build-index.ts).
   * `fields` in the index's own order (the order MiniSearch adds them up in), with their boosts; `onlyField`
   * is the field whose lone matches a search wants to know about.
   */
  static *fromIndex(
    index: MiniSearch,
    fields: readonly string[],
    boosts: Readonly<Record<string, number>>,
    onlyField: string,
  ): Generator<void, Postings, void> {
    const internals = index as unknown as MiniSearchInternals
    const { _documentIds, _fieldIds, _fieldLength, _avgFieldLength, _documentCount } = internals
    // MiniSearch numbers records in the order they were added; positions here follow the same numbers.
    let maxShortId = -1
    for (const shortId of _documentIds.keys()) maxShortId = Math.max(maxShortId, shortId)
    const ids = new Array<string>(maxShortId + 1).fill('')
    for (const [shortId, id] of _documentIds) ids[shortId] = String(id)
    const postings = new Postings(ids)
    const fieldOrder = fields.map((field) => ({
      id: _fieldIds[field] as number,
      boost: boosts[field] || 1,
      only: field === onlyField,
    }))
    const score = new Float64Array(ids.length)
    const seen = new Uint8Array(ids.length)
    const own = new Uint8Array(ids.length)
    const touched: number[] = []
    let sinceYield = 0
    for (const [term, byField] of internals._index) {
      sinceYield += 1
      if (sinceYield === TERMS_PER_STEP) {
        sinceYield = 0
        yield
      }
      touched.length = 0
      for (const field of fieldOrder) {
        const freqs = byField.get(field.id)
        if (!freqs) continue
        const average = _avgFieldLength[field.id] as number
        for (const [shortId, termFreq] of freqs) {
          if (!_documentIds.has(shortId)) continue
          const length = (_fieldLength.get(shortId) as number[])[field.id] as number
          if (!seen[shortId]) {
            seen[shortId] = 1
            touched.push(shortId)
          }
          score[shortId] =
            (score[shortId] as number) +
            field.boost * bm25(termFreq, freqs.size, _documentCount, length, average)
          if (!field.only) own[shortId] = 1
        }
      }
      touched.sort((a, b) => a - b)
      const entry: TermPostings = {
        records: Uint32Array.from(touched),
        scores: new Float64Array(touched.length),
        onlyInField: new Uint8Array(touched.length),
      }
      touched.forEach((shortId, i) => {
        entry.scores[i] = score[shortId] as number
        entry.onlyInField[i] = own[shortId] ? 0 : 1
        score[shortId] = 0
        seen[shortId] = 0
        own[shortId] = 0
      })
      postings.byTerm.set(term, entry)
    }
    return postings
  }
}
