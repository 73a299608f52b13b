import type { Answer } from '../answers/answer.js'
import type { SearchEngine } from '../search/engine.js'

const ANSWER_CACHE_SIZE = 500

export interface CacheStats {
  hits: number
  misses: number
}

/**
 * Answers to the same text are the same for a given corpus (and the question key the feedback buttons carry
 * derives from the text): popular questions are answered from memory. Cleared when the corpus changes.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Answer>()
  private cachedFor: SearchEngine | undefined
  /** Since creation: what share of answers came from memory (the load test reports it). */
  readonly stats: CacheStats = { hits: 0, misses: 0 }

  constructor(private readonly getEngine: () => SearchEngine) {}

  get(key: string, compute: () => Answer): Answer {
    const engine = this.getEngine()
    if (engine !== this.cachedFor) {
      this.entries.clear()
      this.cachedFor = engine
    }
    const hit = this.entries.get(key)
    if (hit) {
      this.stats.hits++
      // Least recently used goes first when the cache is full.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    this.stats.misses++
    const answer = compute()
    if (this.entries.size >= ANSWER_CACHE_SIZE)
      this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, answer)
    return answer
  }
}
