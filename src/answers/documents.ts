import type { CorpusDocument } from '../corpus/types.js'

/** Documents named in full in one line; beyond, the rest are counted (1,000 titles would not fit a message). */
const NAMED = 3

/** The corpus' documents in one line of French, as help and the welcome screen present them. */
export function documentsLine(documents: readonly CorpusDocument[]): string {
  const named = documents
    .slice(0, NAMED)
    .map((d) => `« ${d.meta.title} » (${d.meta.publisher}, ${d.meta.year})`)
    .join(', ')
  const rest = documents.length - NAMED
  return rest > 0 ? `${named} et ${rest} autre${rest > 1 ? 's' : ''} document${rest > 1 ? 's' : ''}` : named
}
