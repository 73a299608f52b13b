/**
 * Baselines for `npm run eval -- --baselines`: off-the-shelf engines over the same records the bot searches,
 * with their own defaults (no thesaurus, no gate), so the quality table compares like with like.
 */
import { create, insertMultiple, search } from '@orama/orama'
import { stemmer } from '@orama/stemmers/french'
import { stopwords } from '@orama/stopwords/french'
import MiniSearch from 'minisearch'
import type { Corpus } from '../../src/corpus/types.js'

export async function baselineSearchers(corpus: Corpus): Promise<Array<[string, (q: string) => string[]]>> {
  const records = corpus.records.map((record, id) => ({ id: String(id), text: record.text }))

  const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: ['text'] })
  mini.addAll(records)
  const miniSearch = (q: string) =>
    mini
      .search(q, { fuzzy: 0.2, prefix: true })
      .slice(0, 5)
      .map((r) => String(r.text))

  const orama = create({
    schema: { text: 'string' } as const,
    components: { tokenizer: { language: 'french', stemming: true, stemmer, stopWords: stopwords } },
  })
  await insertMultiple(
    orama,
    records.map((r) => ({ text: r.text })),
  )
  // Orama's search is synchronous for a plain full-text query on an in-memory index.
  const oramaSearch = (q: string) => {
    const result = search(orama, { term: q, limit: 5, tolerance: 1 }) as unknown as {
      hits: Array<{ document: { text: string } }>
    }
    return result.hits.map((hit) => hit.document.text)
  }
  return [
    ['MiniSearch', miniSearch],
    ['Orama (fr)', oramaSearch],
  ]
}
