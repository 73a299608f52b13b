/**
 * One autocannon run against one app: closed loop (each connection sends its next command as soon as the
 * previous one is acknowledged), every request freshly signed.
 *
 * Connections open gently. A saturated Node server accepts one new connection per event-loop turn (libuv ≥
 * 1.45), and a turn lasts as long as it takes to answer every connection already accepted. Opened all at
 * once at full speed, the first ~100 connections saturate the app and the others wait in the accept queue
 * for seconds (up to the 10 s timeout for ia-cinema, over 3 s for the bare app on a busy machine; a plain
 * node:http server doing 0.5 ms of work per request does the same): that measures how autocannon connects,
 * not the app under 200 connections. So for the first second each connection sends one request, which lets
 * the app accept all of them, then the brakes come off. Warm-up and measurement are then one run on the same
 * connections, the warm-up left out of the timings.
 */

import type { EventEmitter } from 'node:events'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import { slashCommand } from './requests.js'

/** Slack gives an app 3 seconds to acknowledge a slash command before showing the user an error. */
export const ACK_DEADLINE_MS = 3000

/**
 * Length of the gentle start. autocannon's per-connection rate limit refills once a second from when the
 * connection was created; lifting it just before that first refill lets every connection resume at full speed
 * on it.
 */
export const RAMP_SECONDS = 1
const LIFT_AT_MS = RAMP_SECONDS * 1000 - 100

export interface LoadOptions {
  port: number
  connections: number
  /** Seconds measured, after the warm-up. */
  duration: number
  /** Seconds at the start of the run left out of the timings; at least RAMP_SECONDS. */
  warmup: number
  signingSecret: string
  /** Prefix of the response_url each command carries. */
  responseUrl: string
}

export interface LoadResult {
  /** Responses completed in the measured window. */
  requests: number
  /** Over the measured window. */
  rps: number
  p50: number
  p99: number
  max: number
  /**
   * Acknowledgements that took longer than ACK_DEADLINE_MS in the measured window, plus requests still
   * unanswered at the end that were already older than that: Slack would have given up on both.
   */
  late: number
  /** Failures count from the first request, warm-up included: a broken answer is broken at any time. */
  non2xx: number
  errors: number
  timeouts: number
  /** Mean response size, to show that the real app sends answers and not just an empty 200. */
  meanBytes: number
  /** Slowest response of the warm-up, reported so that a bad start stays visible. */
  warmupMax: number
}

/** The part of autocannon's client that the gentle start relies on (not in its typings). */
interface RateLimited {
  rate?: number
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmup < RAMP_SECONDS) throw new Error(`load: the warm-up must last at least ${RAMP_SECONDS} s`)
  let sent = 0
  let late = 0
  let bytes = 0
  let non2xx = 0
  let errors = 0
  let timeouts = 0
  let warmupMax = 0
  const times: number[] = []
  const pending = new Map<object, number>()
  const clients: RateLimited[] = []
  const started = performance.now()
  const windowStart = started + options.warmup * 1000

  let liftFailed = false
  const lift = setTimeout(() => {
    for (const client of clients) {
      // Fail loudly rather than measure at one request per second if autocannon's internals change.
      if (client.rate !== 1) liftFailed = true
      client.rate = Number.POSITIVE_INFINITY
    }
  }, LIFT_AT_MS)

  try {
    await new Promise<void>((resolve, reject) => {
      autocannon(
        {
          url: `http://127.0.0.1:${options.port}/slack/events`,
          method: 'POST',
          connections: options.connections,
          duration: options.warmup + options.duration,
          connectionRate: 1,
          // Our own timings below are what gets reported; autocannon's correction for a fixed rate would only
          // distort its histogram once the rate is lifted.
          ignoreCoordinatedOmission: true,
          // Well past the deadline, so that a slow acknowledgement is counted as late instead of vanishing as
          // a timeout (timeouts are failures too).
          timeout: 10,
          requests: [
            {
              setupRequest: (request) => {
                const signed = slashCommand(sent++, options.signingSecret, options.responseUrl)
                return { ...request, headers: { ...request.headers, ...signed.headers }, body: signed.body }
              },
            },
          ],
          setupClient: (client) => {
            clients.push(client as unknown as RateLimited)
            // The typings only list some of the client's events; these others are emitted all the same.
            const events: EventEmitter = client
            // One request in flight per connection (no pipelining): its send time is enough to find the
            // ones still unanswered at the end.
            events.on('request', () => pending.set(client, performance.now()))
            client.on('response', (status, resBytes, responseTime) => {
              pending.delete(client)
              if (status < 200 || status > 299) non2xx += 1
              if (performance.now() < windowStart) {
                warmupMax = Math.max(warmupMax, responseTime)
                return
              }
              times.push(responseTime)
              bytes += resBytes
              if (responseTime > ACK_DEADLINE_MS) late += 1
            })
            events.on('timeout', () => {
              timeouts += 1
            })
            events.on('connError', () => {
              errors += 1
            })
          },
        },
        (error) => (error ? reject(error) : resolve()),
      )
    })
  } finally {
    clearTimeout(lift)
  }
  if (liftFailed) throw new Error('load: could not lift autocannon’s rate limit after the gentle start')

  const ended = performance.now()
  for (const since of pending.values()) if (ended - since > ACK_DEADLINE_MS) late += 1
  const sorted = Float64Array.from(times).sort()
  const seconds = Math.max(ended - windowStart, 1) / 1000
  return {
    requests: times.length,
    rps: times.length / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    late,
    non2xx,
    errors,
    timeouts,
    meanBytes: times.length === 0 ? 0 : bytes / times.length,
    warmupMax,
  }
}
