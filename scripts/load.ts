/**
 * npm run load: signed /ia-cinema slash commands against the Slack HTTP endpoint on loopback, with autocannon
 * (200 connections for 10 s by default), next to two bare Bolt apps that acknowledge with a constant — "ok",
 * and a constant as big as a real answer — measured the same way in the same run. Passes (exit 0) when no
 * acknowledgement took over 3 s, no request failed, and the app keeps at least 0.8× the throughput of the bare
 * app that sends an answer-sized constant. The questions are distinct (load/questions.ts: the eval sets, then
 * never-seen phrasings and typos), and the answer cache's hit rate is printed, so that the run measures the
 * cold path rather than answers served from memory.
 *
 *
 * Then, against the app as `npm start` runs it (src/main.ts) in a process started for them: a cold start (200
 * connections at once, 1 s after it listens), a long-text run (100 commands of 40,000 characters at once), and
 * rounds of huge distinct questions for memory (6 rounds of 225 commands of 1,000,000 characters, 10 at a
 * time). The first two count in the verdict (no acknowledgement over 3 s), and so does the memory: the RSS
 * after the last round may be at most 150 MB above the RSS before the first. Each run prints the app's RSS
 * before and after.
 *
 * Options: --duration <s> (10), --connections <n> (200), --warmup <s> (2, at least 1: the first second is the
 * gentle start described in load/measure.ts); --cold-delay <s> (1), --cold-connections <n> (200),
 * --long-connections <n> (100), --long-chars <n> (40000), --huge-rounds <n> (6), --huge-count <n> (225 a round), --huge-chars <n> (1000000).
 */

import os from 'node:os'
import { parseArgs } from 'node:util'
import type { CacheStats } from '../src/bot/answer-cache.js'
import { startFakeSlackApi } from './load/fake-slack-api.js'
import { hitRateLine } from './load/hit-rate.js'
import { launchTarget } from './load/launch.js'
import { ACK_DEADLINE_MS, type LoadResult, RAMP_SECONDS, runLoad } from './load/measure.js'
import { type ProcessRunResult, runProcessLife } from './load/process-runs.js'
import { megabytes, rssOf } from './load/rss.js'
import { TARGET_LABELS, TARGETS, type TargetKind } from './load/targets.js'

const MIN_RATIO = 0.8
/** Most the app's RSS may grow from before the first round of huge questions to after the last. */
const MAX_HUGE_GROWTH_MB = 150
const SIGNING_SECRET = 'load-signing-secret-0123456789abcdef'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '2' },
    'cold-delay': { type: 'string', default: '1' },
    'cold-connections': { type: 'string', default: '200' },
    'long-connections': { type: 'string', default: '100' },
    'long-chars': { type: 'string', default: '40000' },
    'huge-rounds': { type: 'string', default: '6' },
    'huge-count': { type: 'string', default: '225' },
    'huge-chars': { type: 'string', default: '1000000' },
  },
})

function option(name: string, raw: string, kind: 'seconds' | 'count', min = 0): number {
  const value = Number(raw)
  const valid =
    Number.isFinite(value) && value > 0 && value >= min && (kind === 'seconds' || Number.isInteger(value))
  if (!valid) {
    const what =
      kind === 'count'
        ? 'a whole number above 0'
        : `a number of seconds ${min > 0 ? `of at least ${min}` : 'above 0'}`
    process.stderr.write(`load: --${name} must be ${what}\n`)
    process.exit(2)
  }
  return value
}

const duration = option('duration', values.duration, 'seconds')
const connections = option('connections', values.connections, 'count')
const warmup = option('warmup', values.warmup, 'seconds', RAMP_SECONDS)
const life = {
  coldDelay: option('cold-delay', values['cold-delay'], 'seconds'),
  coldConnections: option('cold-connections', values['cold-connections'], 'count'),
  longConnections: option('long-connections', values['long-connections'], 'count'),
  longChars: option('long-chars', values['long-chars'], 'count'),
  hugeRounds: option('huge-rounds', values['huge-rounds'], 'count'),
  hugeCount: option('huge-count', values['huge-count'], 'count'),
  hugeChars: option('huge-chars', values['huge-chars'], 'count'),
}

process.stdout.write(
  `load: Node ${process.version}, ${os.availableParallelism()} cores; ${connections} connections, ` +
    `${duration} s measured after ${warmup} s of warm-up on the same connections (opened at one request ` +
    `per second each for the first ${RAMP_SECONDS} s); autocannon in this process, each app in a child ` +
    'process of its own, one app at a time\n',
)

interface Measured {
  kind: TargetKind
  result: LoadResult
  /** Answers that missed the ack budget and went through the response_url or chat.postEphemeral. */
  deferred: number
  rssBefore?: number
  rssAfter?: number
}

const slack = await startFakeSlackApi()
const deferredCalls = () =>
  (slack.counts.get('response_url') ?? 0) + (slack.counts.get('chat.postEphemeral') ?? 0)
const measured: Measured[] = []
let lives: ProcessRunResult[] = []
let cacheStats: CacheStats | undefined
try {
  for (const kind of TARGETS) {
    const target = await launchTarget(kind, { apiUrl: slack.apiUrl, signingSecret: SIGNING_SECRET })
    try {
      const rssBefore = await rssOf(target.pid)
      let before = deferredCalls()
      const snapshot = setTimeout(() => {
        before = deferredCalls()
      }, warmup * 1000)
      const result = await runLoad({
        port: target.port,
        connections,
        duration,
        warmup,
        signingSecret: SIGNING_SECRET,
        responseUrl: slack.responseUrl,
      })
      clearTimeout(snapshot)
      // A late answer is posted after its empty ack: give the last ones a moment to land before counting.
      await new Promise((resolve) => setTimeout(resolve, 200))
      measured.push({
        kind,
        result,
        deferred: deferredCalls() - before,
        rssBefore,
        rssAfter: await rssOf(target.pid),
      })
    } finally {
      await target.stop()
      if (kind === 'real') cacheStats = target.cacheStats?.()
    }
  }
  lives = await runProcessLife({
    apiUrl: slack.apiUrl,
    responseUrl: slack.responseUrl,
    signingSecret: SIGNING_SECRET,
    ...life,
  })
} finally {
  await slack.stop()
}

const width = Math.max(...TARGETS.map((kind) => TARGET_LABELS[kind].length))
const rss = (before: number | undefined, after: number | undefined) =>
  `RSS ${megabytes(before)} → ${megabytes(after)}`
for (const { kind, result: r, deferred, rssBefore, rssAfter } of measured) {
  process.stdout.write(
    `${TARGET_LABELS[kind].padEnd(width)}  ${r.rps.toFixed(0).padStart(6)} req/s  ` +
      `p50 ${r.p50.toFixed(0).padStart(4)} ms  p99 ${r.p99.toFixed(0).padStart(4)} ms  ` +
      `max ${r.max.toFixed(0).padStart(5)} ms  acks over 3 s: ${r.late}  ` +
      `non-2xx: ${r.non2xx}  errors: ${r.errors}  timeouts: ${r.timeouts}  ` +
      `(${r.requests} responses, ${r.meanBytes.toFixed(0)} B each, ${deferred} answers via response_url, ` +
      `warm-up max ${r.warmupMax.toFixed(0)} ms)  ${rss(rssBefore, rssAfter)}\n`,
  )
}
for (const { label, result: r, rssBefore, rssAfter } of lives) {
  process.stdout.write(
    `${label}: p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  max ${r.max.toFixed(0)} ms  ` +
      `acks over 3 s: ${r.late}  non-2xx: ${r.non2xx}  errors: ${r.errors}  timeouts: ${r.timeouts}  ` +
      `(${r.requests} responses)  ${rss(rssBefore, rssAfter)}\n`,
  )
}

const rounds = lives.filter((l) => l.memoryRound)
const growthMb =
  rounds[0]?.rssBefore !== undefined && rounds.at(-1)?.rssAfter !== undefined
    ? ((rounds.at(-1)?.rssAfter ?? 0) - (rounds[0]?.rssBefore ?? 0)) / 1024 / 1024
    : undefined
process.stdout.write(
  `memory: ${rss(rounds[0]?.rssBefore, rounds.at(-1)?.rssAfter)} over ${rounds.length} rounds of huge ` +
    `questions, growth ${growthMb === undefined ? 'n/a' : `${growthMb.toFixed(0)} MB`} ` +
    `(must be under ${MAX_HUGE_GROWTH_MB} MB)\n`,
)
process.stdout.write(`${hitRateLine(cacheStats)}\n`)

const resultOf = (kind: TargetKind) => measured.find((m) => m.kind === kind)?.result
const bare = resultOf('bare')
const bareAnswer = resultOf('bare-answer')
const real = resultOf('real')
if (!bare || !bareAnswer || !real) throw new Error('load: an app was not measured')
// The verdict compares with the bare app that sends an answer-sized constant: both then pay the same for
// Bolt and for sending an answer, and the ratio measures what ia-cinema adds (parsing, search, rendering,
// recording). The ratio to the "ok" app is printed too: it adds the cost of sending a real answer at all.
const ratio = bareAnswer.rps > 0 ? real.rps / bareAnswer.rps : 0
const ratioToOk = bare.rps > 0 ? real.rps / bare.rps : 0
// A failing baseline makes the ratio meaningless, so its failures count too.
const failed = [bare, bareAnswer, real, ...lives.map((l) => l.result)].reduce(
  (sum, r) => sum + r.non2xx + r.errors + r.timeouts,
  0,
)
// The huge questions are about memory: their timings are printed, not judged.
const late = real.late + lives.filter((l) => l.judged).reduce((sum, l) => sum + l.result.late, 0)
// Where the OS does not tell the RSS, memory is not judged.
const memoryHolds = growthMb === undefined || growthMb < MAX_HUGE_GROWTH_MB
const pass = late === 0 && ratio >= MIN_RATIO && failed === 0 && memoryHolds
process.stdout.write(
  `acks over ${ACK_DEADLINE_MS / 1000} s (steady, cold start, long text): ${late} (must be 0); ` +
    `throughput ratio: ${ratio.toFixed(2)}× bare Bolt acking an answer-sized constant (must be ≥ ${MIN_RATIO.toFixed(2)}), ` +
    `${ratioToOk.toFixed(2)}× bare Bolt acking "ok"; ` +
    `failed requests: ${failed} (must be 0); memory growth over the huge rounds ${memoryHolds ? 'under' : 'over'} ` +
    `${MAX_HUGE_GROWTH_MB} MB — ${pass ? 'PASS' : 'FAIL'}\n`,
)
process.exitCode = pass ? 0 : 1
