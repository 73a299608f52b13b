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

/** CPU time of the process so far (every thread), in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * Milliseconds one call takes, with its value: wall-clock time, and the process' CPU time, which on a
 * machine shared with other work is what the call would take on one of its own.
 */
export function timed<T>(run: () => T): { ms: number; cpu: number; value: T } {
  const cpu = cpuMs()
  const start = performance.now()
  const value = run()
  return { ms: performance.now() - start, cpu: cpuMs() - cpu, value }
}

export async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const cpu = cpuMs()
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, cpu: cpuMs() - cpu, value }
}

/** Each input once, in order: wall-clock and CPU time of each call. */
export function durations<T>(
  inputs: readonly T[],
  run: (input: T) => unknown,
): { wall: Spread; cpu: Spread } {
  const wall: number[] = []
  const cpu: number[] = []
  for (const input of inputs) {
    const call = timed(() => run(input))
    wall.push(call.ms)
    cpu.push(call.cpu)
  }
  return { wall: spread(wall), cpu: spread(cpu) }
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
