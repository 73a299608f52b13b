/**
 * The runs about one process's life, against the app as `npm start` runs it, started for them: a burst of
 * connections right after it starts listening, then many long commands at once, then many huge distinct
 * questions (what stays in memory). Each prints its acknowledgement times and the app's RSS before and after.
 */

import { type BurstResult, runBurst } from './burst.js'
import { launchMain } from './launch-main.js'
import { rssOf } from './rss.js'

export interface ProcessRunOptions {
  apiUrl: string
  responseUrl: string
  signingSecret: string
  /** Seconds between the app listening and the cold burst. */
  coldDelay: number
  coldConnections: number
  longConnections: number
  longChars: number
  hugeCount: number
  hugeChars: number
}

export interface ProcessRunResult {
  label: string
  result: BurstResult
  rssBefore?: number
  rssAfter?: number
  /** Whether its late acknowledgements fail the run (the huge questions are about memory). */
  judged: boolean
}

/** A question of `chars` characters whose beginning (the part the engine reads) is the n-th one's own. */
function filled(n: number, chars: number): string {
  const head = `Question ${n} : quels métiers du doublage et du montage l’IA menace-t-elle ? `
  const filler = 'Les techniciens s’inquiètent et les studios hésitent. '
  return (head + filler.repeat(Math.ceil(Math.max(0, chars - head.length) / filler.length))).slice(0, chars)
}

export async function runProcessLife(options: ProcessRunOptions): Promise<ProcessRunResult[]> {
  const app = await launchMain({ apiUrl: options.apiUrl, signingSecret: options.signingSecret })
  const results: ProcessRunResult[] = []
  try {
    await new Promise((resolve) => setTimeout(resolve, options.coldDelay * 1000))
    const base = { port: app.port, signingSecret: options.signingSecret, responseUrl: options.responseUrl }
    const measure = async (label: string, judged: boolean, run: () => Promise<BurstResult>) => {
      const rssBefore = await rssOf(app.pid)
      const result = await run()
      results.push({ label, result, rssBefore, rssAfter: await rssOf(app.pid), judged })
    }
    await measure(
      `cold start: ${options.coldConnections} connections at once, ${options.coldDelay} s after the app listens`,
      true,
      () => runBurst({ ...base, connections: options.coldConnections, requestsPerConnection: 1 }),
    )
    await measure(
      `long text: ${options.longConnections} commands of ${options.longChars.toLocaleString('en')} characters at once`,
      true,
      () =>
        runBurst({
          ...base,
          connections: options.longConnections,
          requestsPerConnection: 1,
          text: (n) => filled(n, options.longChars),
        }),
    )
    const hugeConnections = Math.min(10, options.hugeCount)
    await measure(
      `huge questions: ${options.hugeCount} distinct commands of ${options.hugeChars.toLocaleString('en')} characters, ${hugeConnections} at a time`,
      false,
      () =>
        runBurst({
          ...base,
          connections: hugeConnections,
          requestsPerConnection: Math.ceil(options.hugeCount / hugeConnections),
          total: options.hugeCount,
          text: (n) => filled(n, options.hugeChars),
          fresh: true,
        }),
    )
  } finally {
    await app.stop()
  }
  return results
}
