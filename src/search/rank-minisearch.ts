import type MiniSearch from 'minisearch'
import type { CorpusRecord } from '../corpus/types.js'
import { FIELD_BOOSTS, type IndexedDocument } from './build-index.js'
import type { RankedHit, Ranking, RankQuery } from './rank-postings.js'
import { coverage, enoughEvidence, RELATIVE_COVERAGE } from './relevance.js'
import type { Vocabulary } from './vocabulary.js'

/**
 * The same ranking as rank-postings.ts, through MiniSearch's own search: every posting list walked, a
 * result object per record. The reference the postings ranking is tested against, and the path for a
 * reading with more terms than a mask holds.
 */
export function rankWithMiniSearch(
  index: MiniSearch<IndexedDocument>,
  records: ReadonlyMap<string, CorpusRecord>,
  vocabulary: Vocabulary,
  jobTermsByRecord: ReadonlyMap<string, ReadonlySet<string>>,
  query: RankQuery,
): Ranking {
  const weightOf = new Map(query.terms.map((t) => [t.term, t.weight]))
  const self = query.selfTerms
  const results = index.search(query.terms.map((t) => t.term).join(' '), {
    boost: FIELD_BOOSTS,
    combineWith: 'OR',
    boostTerm: (term) => weightOf.get(term) ?? 1,
    boostDocument: (id, _term, stored) => {
      let boost = stored?.kind === 'quote' ? query.quoteBoost : 1
      if (self.size > 0 && [...self].some((t) => jobTermsByRecord.get(String(id))?.has(t)))
        boost *= query.ownJobBoost
      return boost
    },
    ...(query.kind ? { filter: (result) => result.kind === query.kind } : {}),
  })
  const hits: RankedHit[] = []
  let best = 0
  let bestMatched: string[] = []
  for (const result of results) {
    const record = records.get(String(result.id))
    if (!record) continue
    const matchedTerms = [...new Set(result.queryTerms)]
    if (!enoughEvidence(matchedTerms, vocabulary, query.bare)) continue
    const share = coverage(matchedTerms, query.weighing, (term) => onlyInQuestions(result.match[term]))
    // Coverage says how much of the question a record answers; BM25 orders records that answer as much.
    hits.push({ record, score: result.score * share ** 3, coverage: share, matchedTerms })
    if (share > best) {
      best = share
      bestMatched = matchedTerms
    }
  }
  // « je suis cascadeur, … ? »: a question about the asker's own job is answered from that job's passages.
  const ownJob = self.size > 0 && hits.some((hit) => hit.matchedTerms.some((t) => self.has(t)))
  const kept = hits
    .filter((hit) => hit.coverage >= best * RELATIVE_COVERAGE)
    .sort((a, b) => b.score - a.score || a.record.ordinal - b.record.ordinal)
  return {
    best: kept.slice(0, query.keep),
    total: kept.length,
    quotes: kept.reduce((n, hit) => n + (hit.record.kind === 'quote' ? 1 : 0), 0),
    coverage: best,
    ownJob,
    bestMatched,
  }
}

/** A term found only in the questions written for a record, not in the record itself. */
function onlyInQuestions(fields: string[] | undefined): boolean {
  return fields !== undefined && fields.length > 0 && fields.every((field) => field === 'questions')
}
