/**
 * Character-level normalisation shared by the analyzer, the chunker's comparisons and the eval.
 */

const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g
const APOSTROPHES = /[’‘`´ʼʹ′]/g
const HYPHENS = /[‐‑‒–]/g
// Spaces of every kind (no-break, narrow no-break, thin…) read as one plain space.
const SPACES = /[\s\u00A0\u202F\u2007\u2009]+/g
// Control characters (NUL and friends) are never part of a word.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** NFKC (full-width letters, ligature ﬁ), one kind of apostrophe, hyphen and space, no invisible characters. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, ' ')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
}

const FOLDED = /^[a-z0-9]*$/
const MAX_FOLD_CACHE = 100_000
const foldCache = new Map<string, string>()

/**
 * Lower case without accents; œ and æ become oe and ae instead of disappearing. Remembered per distinct
 * word: a corpus repeats its words, and NFD plus the \p{M} pass cost far more than a lookup.
 */
export function fold(word: string): string {
  if (FOLDED.test(word)) return word
  const cached = foldCache.get(word)
  if (cached !== undefined) return cached
  const folded = word
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
  if (word.length <= 64) {
    if (foldCache.size >= MAX_FOLD_CACHE) foldCache.clear()
    foldCache.set(word, folded)
  }
  return folded
}

/** The comparison the eval README prescribes: NFC, ’ as ', no-break spaces as spaces, collapsed, case-folded. */
export function comparable(text: string): string {
  return text.normalize('NFC').replace(APOSTROPHES, "'").replace(SPACES, ' ').trim().toLowerCase()
}
