import { fold, normalizeText } from '../../text/normalize.js'
import type { CorpusDocument } from '../types.js'

/** Share of the shorter text's word sequences found in the other text from which two documents are one. */
export const NEAR_DUPLICATE = 0.8
const SHINGLE = 5

export interface Duplicate {
  document: CorpusDocument
  reason: string
}

/**
 * The document of the corpus that the new one repeats, if any: the same address (up to tracking
 * parameters, `www.`, a trailing slash or a fragment), or mostly the same text — the same article saved
 * twice, a PDF of a page already imported, an excerpt of a document already there.
 */
export function findDuplicate(
  candidate: { url: string; paragraphs: string[] },
  existing: CorpusDocument[],
): Duplicate | undefined {
  const address = comparableUrl(candidate.url)
  const sameUrl = existing.find((document) => comparableUrl(document.meta.url) === address)
  if (sameUrl) return { document: sameUrl, reason: `same URL as ${sameUrl.meta.id}.md` }

  const shingles = shinglesOf(candidate.paragraphs)
  if (shingles.size === 0) return undefined
  for (const document of existing) {
    const other = shinglesOf(document.sections.flatMap((s) => s.paragraphs))
    if (other.size === 0) continue
    let shared = 0
    for (const shingle of shingles) if (other.has(shingle)) shared++
    const similarity = shared / Math.min(shingles.size, other.size)
    if (similarity >= NEAR_DUPLICATE) {
      return {
        document,
        reason: `${Math.round(similarity * 100)} % of its text is already in ${document.meta.id}.md`,
      }
    }
  }
  return undefined
}

export function comparableUrl(url: string): string {
  try {
    const parsed = new URL(url)
    for (const key of [...parsed.searchParams.keys()])
      if (/^(?:utm_|fbclid$|gclid$|mc_[ce]id$|xtor$)/i.test(key)) parsed.searchParams.delete(key)
    parsed.searchParams.sort()
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '')
    const pathname = parsed.pathname.replace(/\/+$/, '')
    return `${host}${pathname}${parsed.search}`
  } catch {
    return url
  }
}

/** Runs of five words, case and accents folded: the same text in another layout gives the same set. */
function shinglesOf(paragraphs: string[]): Set<string> {
  const shingles = new Set<string>()
  for (const paragraph of paragraphs) {
    const words = [...normalizeText(paragraph).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => fold(m[0]))
    for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(words.slice(i, i + SHINGLE).join(' '))
  }
  return shingles
}
