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

/**
 * Finds the closest known word within the allowed edits; the more frequent one wins a tie. Candidates come
 * from a radix tree's fuzzy lookup (MiniSearch's SearchableMap), which visits only the branches that can still
 * match, rather than a scan of the whole vocabulary; a swap of neighbours is two edits there, so candidates
 * are taken one edit wider and checked with the distance above.
 */
export class SpellingCorrector {
  private readonly words = new SearchableMap<number>()
  private readonly cache = new Map<string, string | null>()

  constructor(frequencies: Map<string, number>) {
    for (const [word, frequency] of frequencies) this.words.set(word, frequency)
  }

  correct(word: string, maxEdits = allowedEdits(word.length)): string | undefined {
    const key = `${maxEdits}:${word}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached ?? undefined
    let best: { word: string; distance: number; frequency: number } | undefined
    if (maxEdits > 0) {
      for (const [candidate, [frequency]] of this.words.fuzzyGet(word, maxEdits + 1)) {
        const distance = editDistance(word, candidate, maxEdits)
        if (distance > maxEdits) continue
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance && frequency > best.frequency) ||
          (distance === best.distance && frequency === best.frequency && candidate < best.word)
        ) {
          best = { word: candidate, distance, frequency }
        }
      }
    }
    if (this.cache.size > 20_000) this.cache.clear()
    this.cache.set(key, best?.word ?? null)
    return best?.word
  }
}
