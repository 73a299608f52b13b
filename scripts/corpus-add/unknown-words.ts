import type { CorpusRecord } from '../../src/corpus/types.js'
import type { SearchEngine } from '../../src/search/engine.js'

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/

export interface UnknownWord {
  word: string
  count: number
}

/**
 * Words of the new document that the current index does not know: none of the terms the analyzer makes of
 * them (after stemming, feminine forms and the thesaurus) occurs in the corpus as it stands. These are the
 * words a question could now find that it could not before — and the candidates for the thesaurus.
 * Numbers are left out. Most frequent first.
 */
export function unknownWords(engine: SearchEngine, records: CorpusRecord[]): UnknownWord[] {
  const counts = new Map<string, UnknownWord>()
  for (const record of records) {
    for (const token of engine.analyzer.tokens(record.text)) {
      if (token.terms.length === 0 || /\d/.test(token.surface)) continue
      if (token.terms.some((term) => engine.knows(term))) continue
      // Shown as a word, not as written after an elision (d'auditorium → auditorium).
      const key = token.surface.toLowerCase().replace(ELISION, '')
      const seen = counts.get(key)
      if (seen) seen.count++
      else counts.set(key, { word: key, count: 1 })
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'fr'))
}
