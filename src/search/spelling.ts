import SearchableMap from 'minisearch/SearchableMap'

/**
 * Typo tolerance scaled to word length, as French needs it: none under 5 letters (short words are too
 * easily confused), one edit from 5, two from 9. Adjacent transpositions count as one edit.
 */
export function allowedEdits(length: number): number {
  if (length < 5) return 0
  if (length < 9) return 1
  return 2
}

/**
 * Longest word a correction is looked for. French words rarely pass 25 letters (« anticonstitutionnellement »);
 * beyond, a word is a code, a pasted URL or a hostile token, and looking it up costs what its length squared
 * costs (a lookup fills a matrix of its length by the candidate's, and swaps multiply the lookups).
 */
export const MAX_SPELLING_LENGTH = 32

/** Optimal string alignment distance, giving up (returning max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previousPrevious: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] as number) + 1)
      }
      current.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    previousPrevious = previous
    previous = current
  }
  return previous[b.length] as number
}

/** The word with the letters at `at` and `at + 1` swapped. */
function swapped(word: string, at: number): string {
  return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2)
}

/** Counters of the work spelling correction did: what a hostile question could inflate. */
export interface SpellingWork {
  /** Words looked up (a word met again comes from the cache). */
  words: number
  /** Length of the longest word looked up. */
  longestWord: number
  /** Lookups in the radix tree: the word itself, and each swap of neighbours. */
  lookups: number
  /** Known words the lookups returned, each checked by an edit distance. */
  candidates: number
  /** Cells of the edit-distance matrices the fuzzy lookups filled (a plain lookup counts its length). */
  cells: number
}

/**
 * Finds the closest known word within the allowed edits; the more frequent one wins a tie. Candidates come
 * from a radix tree's fuzzy lookup (MiniSearch's SearchableMap), which visits only the branches that can still
 * match, rather than a scan of the whole vocabulary. A swap of neighbours is one edit here but two for the
 * tree, and a wider lookup costs much more (its branches grow with the radius): so the tree is asked within
 * the allowed edits, and swaps are made first — each swap, then the rest of the edits around it. Every word
 * within the allowed edits is found (tests/search/spelling.test.ts compares with a scan of the vocabulary).
 */
export class SpellingCorrector {
  private readonly words = new SearchableMap<number>()
  private readonly cache = new Map<string, string | null>()
  /** Length of the longest known word: a word longer by more than the edits allowed has no candidate. */
  private readonly longest: number
  /** What correction has cost since the corrector was built (tests bound it per question, whatever the input). */
  readonly work: SpellingWork = { words: 0, longestWord: 0, lookups: 0, candidates: 0, cells: 0 }

  constructor(frequencies: Map<string, number>) {
    let longest = 0
    for (const [word, frequency] of frequencies) {
      this.words.set(word, frequency)
      if (word.length > longest) longest = word.length
    }
    this.longest = Math.min(longest, MAX_SPELLING_LENGTH)
  }

  correct(word: string, maxEdits = allowedEdits(word.length)): string | undefined {
    // Nothing known is that long: no lookup, and nothing kept in the cache for it.
    if (word.length > this.longest + maxEdits) return undefined
    const key = `${maxEdits}:${word}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached ?? undefined
    let best: { word: string; distance: number; frequency: number } | undefined
    this.work.words++
    this.work.longestWord = Math.max(this.work.longestWord, word.length)
    const consider = (candidate: string, frequency: number) => {
      this.work.candidates++
      const distance = editDistance(word, candidate, maxEdits)
      if (distance > maxEdits) return
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && frequency > best.frequency) ||
        (distance === best.distance && frequency === best.frequency && candidate < best.word)
      ) {
        best = { word: candidate, distance, frequency }
      }
    }
    if (maxEdits > 0) this.candidates(word, maxEdits, consider)
    if (this.cache.size > 20_000) this.cache.clear()
    this.cache.set(key, best?.word ?? null)
    return best?.word
  }

  /** Every known word within `edits` of `word` (swaps counting one), and possibly a few more. */
  private candidates(word: string, edits: number, visit: (candidate: string, frequency: number) => void) {
    const near = (variant: string, radius: number) => {
      this.work.lookups++
      // A fuzzy lookup fills a matrix of (length + 1) × (length + radius + 1) cells, a plain one walks the word.
      this.work.cells += radius === 0 ? variant.length : (variant.length + 1) * (variant.length + radius + 1)
      if (radius === 0) {
        const frequency = this.words.get(variant)
        if (frequency !== undefined) visit(variant, frequency)
        return
      }
      for (const [candidate, [frequency]] of this.words.fuzzyGet(variant, radius)) visit(candidate, frequency)
    }
    near(word, edits)
    // A swap uses one edit; the others are looked for around the swapped word, another swap included.
    for (let at = 0; at + 1 < word.length; at++) {
      if (word.charAt(at) === word.charAt(at + 1)) continue
      const once = swapped(word, at)
      near(once, edits - 1)
      if (edits < 2) continue
      for (let next = at + 2; next + 1 < once.length; next++) near(swapped(once, next), 0)
    }
  }
}
