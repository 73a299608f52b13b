/**
 * The runs about one process's life, against the app as `npm start` runs it, started for them: a burst of
 * connections right after it starts listening, then many long commands at once, then rounds of many huge
 * distinct questions (what stays in memory). Each prints its acknowledgement times and the app's RSS before
 * and after.
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
  /** Huge questions: `hugeRounds` rounds of `hugeCount` commands of `hugeChars` characters. */
  hugeRounds: number
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
  /** A round of huge questions: the memory verdict reads the RSS from the first round to the last. */
  memoryRound?: boolean
}

const FRENCH_FILLER = 'Les techniciens s’inquiètent et les studios hésitent. '
/**
 * Plain ASCII: a form body of about 1 MB then stays a string on V8's heap (from about 1 MB of bytes, Node
 * hands a decoded buffer over as an external string, which a heap limit does not count). It is the case that
 * leaked: anything that kept a value parsed from the body (a slice of it) kept the whole body.
 */
const ASCII_FILLER = 'les techniciens et les studios hesitent '

/** A question of `chars` characters whose beginning (the part the engine reads) is the n-th one's own. */
function filled(n: number, chars: number, filler = FRENCH_FILLER): string {
  const head = `Question ${n} : quels métiers du doublage et du montage l’IA menace-t-elle ? `
  return (head + filler.repeat(Math.ceil(Math.max(0, chars - head.length) / filler.length))).slice(0, chars)
}

/** Between a round of huge questions and reading the RSS. */
const SETTLE_MS = 1000
/** The huge rounds' commands are numbered from here: above the cold start's and the long text's. */
const HUGE_NUMBERS_FROM = 1_000_000

export async function runProcessLife(options: ProcessRunOptions): Promise<ProcessRunResult[]> {
  const app = await launchMain({ apiUrl: options.apiUrl, signingSecret: options.signingSecret })
  const results: ProcessRunResult[] = []
  try {
    await new Promise((resolve) => setTimeout(resolve, options.coldDelay * 1000))
    const base = { port: app.port, signingSecret: options.signingSecret, responseUrl: options.responseUrl }
    const measure = async (
      label: string,
      judged: boolean,
      run: () => Promise<BurstResult>,
      memoryRound = false,
    ) => {
      const rssBefore = await rssOf(app.pid)
      const result = await run()
      // Late answers (response_url) of the last commands are still on their way: let them land.
      if (memoryRound) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      results.push({ label, result, rssBefore, rssAfter: await rssOf(app.pid), judged, memoryRound })
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
          // Numbered after the cold start's: the same trigger_id again would be dropped as a replay.
          firstRequest: options.coldConnections,
          text: (n) => filled(n, options.longChars),
        }),
    )
    const hugeConnections = Math.min(10, options.hugeCount)
    for (let round = 0; round < options.hugeRounds; round++) {
      // After the cold start's and the long text's commands, each round's own numbers.
      const first = HUGE_NUMBERS_FROM + round * options.hugeCount
      await measure(
        `huge questions, round ${round + 1}/${options.hugeRounds}: ${options.hugeCount} distinct commands of ${options.hugeChars.toLocaleString('en')} characters, ${hugeConnections} at a time`,
        false,
        () =>
          runBurst({
            ...base,
            connections: hugeConnections,
            requestsPerConnection: Math.ceil(options.hugeCount / hugeConnections),
            total: options.hugeCount,
            firstRequest: first,
            text: (n) => filled(n, options.hugeChars, ASCII_FILLER),
            fresh: true,
          }),
        true,
      )
    }
  } finally {
    await app.stop()
  }
  return results
}
