import type { Answer } from '../answers/answer.js'
import type { SearchEngine } from '../search/engine.js'

/** At most this many answers… */
export const ANSWER_CACHE_ENTRIES = 500
/** …and at most this much memory for them, keys included (UTF-16: two bytes a character). */
export const ANSWER_CACHE_BYTES = 8 * 1024 * 1024

/**
 * What an entry costs in memory, roughly: its key and its answer as JSON, two bytes a character. Exact
 * enough to bound the cache (object overhead is a small multiple of it); cheap next to computing an answer.
 */
function sizeOf(key: string, answer: Answer): number {
  return 2 * (key.length + JSON.stringify(answer).length)
}

export interface CacheStats {
  hits: number
  misses: number
}

/**
 * Answers to the same text are the same for a given corpus (and the question key the feedback buttons carry
 * derives from the text): popular questions are answered from memory. Cleared when the corpus changes.
 *
 * Bounded in entries and in bytes. Keys are given already cut to what the engine reads (the bot cuts a
 * question to MAX_QUERY_CHARS before running it), so a megabyte-long question costs no more than a long one.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { answer: Answer; bytes: number }>()
  private cachedFor: SearchEngine | undefined
  private used = 0
  /** Since creation: what share of answers came from memory (the load test reports it). */
  readonly stats: CacheStats = { hits: 0, misses: 0 }

  constructor(
    private readonly getEngine: () => SearchEngine,
    private readonly maxBytes = ANSWER_CACHE_BYTES,
    private readonly maxEntries = ANSWER_CACHE_ENTRIES,
  ) {}

  /** Bytes the entries take, by sizeOf's measure. */
  get bytes(): number {
    return this.used
  }

  get size(): number {
    return this.entries.size
  }

  get(key: string, compute: () => Answer): Answer {
    const engine = this.getEngine()
    if (engine !== this.cachedFor) {
      this.entries.clear()
      this.used = 0
      this.cachedFor = engine
    }
    const hit = this.entries.get(key)
    if (hit) {
      this.stats.hits++
      // Least recently used goes first when the cache is full.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.answer
    }
    this.stats.misses++
    const answer = compute()
    const bytes = sizeOf(key, answer)
    // An answer bigger than the whole cache is served, not kept.
    if (bytes > this.maxBytes) return answer
    while (this.entries.size >= this.maxEntries || this.used + bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { bytes: number }]
      this.entries.delete(oldest)
      this.used -= entry.bytes
    }
    this.entries.set(key, { answer, bytes })
    this.used += bytes
    return answer
  }
}
