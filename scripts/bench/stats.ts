/** Small measuring helpers shared by the bench's parts. */
import { performance } from 'node:perf_hooks'

export interface Spread {
  count: number
  p50: number
  p99: number
  max: number
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

/** p50, p99 and max of durations in milliseconds. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  }
}

/** Milliseconds one call takes, with its value. */
export function timed<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now()
  const value = run()
  return { ms: performance.now() - start, value }
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}

/** Each input once, in order: the duration of each call in milliseconds. */
export function durations<T>(inputs: readonly T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => timed(() => run(input)).ms)
}

/** Megabytes as the targets count them (10⁶ bytes). */
export const MB = 1e6

/** Resident set size now, in MB. */
export function rssMB(): number {
  return process.memoryUsage.rss() / MB
}

/** The highest resident set size of the process so far, in MB (the kernel's high-water mark, in KiB). */
export function maxRssMB(): number {
  return (process.resourceUsage().maxRSS * 1024) / MB
}

/** A full collection when the process runs with --expose-gc, so that steady memory is measured as such. */
export function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}
