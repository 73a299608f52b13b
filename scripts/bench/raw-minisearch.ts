/**
 * The baseline: MiniSearch with its default options over the same records' texts (no French analysis, no
 * thesaurus, no spelling index), searched with fuzzy 0.2 and prefix, as a team would start.
 */
import MiniSearch, { type SearchResult } from 'minisearch'
import type { CorpusRecord } from '../../src/corpus/types.js'

export interface RawIndex {
  search(question: string): SearchResult[]
}

export function buildRaw(records: readonly CorpusRecord[]): RawIndex {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: ['text'] })
  index.addAll(records.map((record, id) => ({ id, text: record.text })))
  return {
    search: (question) => index.search(question, { fuzzy: 0.2, prefix: true }),
  }
}
