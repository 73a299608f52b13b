/**
 * The answer cache's hit rate in the app under load: the app prints its cache counters as one JSON line on
 * stdout when it stops; the parent picks that line up and prints the rate. A high rate would mean the run
 * measured the cache, not the search.
 */
import type { Readable } from 'node:stream'
import type { CacheStats } from '../../src/bot/answer-cache.js'

/** Above this, the run mostly measures answers served from memory. */
export const MAX_COLD_HIT_RATE = 0.1

/** The line the app prints when it stops. */
export function cacheStatsLine(stats: CacheStats): string {
  return JSON.stringify({ cache: stats })
}

/** Watches a child's stdout for its cache counters; the getter gives them once they came. */
export function watchCacheStats(stdout: Readable): () => CacheStats | undefined {
  let pending = ''
  let stats: CacheStats | undefined
  stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      const match = /^\{"cache":(\{"hits":\d+,"misses":\d+\})\}$/.exec(line)
      if (match) stats = JSON.parse(match[1] as string) as CacheStats
    }
  })
  return () => stats
}

export function hitRateLine(stats: CacheStats | undefined): string {
  if (!stats) return 'answer cache (ia-cinema): no counters received'
  const lookups = stats.hits + stats.misses
  const rate = lookups > 0 ? stats.hits / lookups : 0
  return (
    `answer cache (ia-cinema, warm-up included): ${stats.hits} hits of ${lookups} lookups, ` +
    `hit rate ${(rate * 100).toFixed(1)} % (the cold path is what is measured below ${MAX_COLD_HIT_RATE * 100} %; ` +
    'random quotes never go through the cache)'
  )
}
