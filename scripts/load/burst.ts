/**
 * Many signed slash commands at once, each connection opened at the same moment: what a process meets when
 * traffic arrives right after it starts, or when many people paste long texts together. No gentle start here
 * (see measure.ts): the burst is the point. Each connection sends its commands one after the other.
 */

import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { ACK_DEADLINE_MS, type LoadResult } from './measure.js'
import { slashCommand } from './requests.js'

export interface BurstOptions {
  port: number
  connections: number
  requestsPerConnection: number
  /** At most this many commands in all (connections then share them). */
  total?: number
  signingSecret: string
  responseUrl: string
  /**
   * The number of the first command (default 0): each command's trigger_id derives from its number, and a
   * repeated one is dropped as a replay, so bursts against the same process number their commands apart.
   */
  firstRequest?: number
  /** The text of the n-th command (0-based, across connections); the usual questions in turn without it. */
  text?: (n: number) => string
  /**
   * A new connection for every command. For huge commands: building the next 1 MB body can take longer
   * than the server keeps an idle connection open (5 s), and a write on a connection it just closed fails.
   */
  fresh?: boolean
}

/** What a burst measures: a steady run's figures without its rate, mean size and warm-up. */
export type BurstResult = Pick<
  LoadResult,
  'requests' | 'p50' | 'p99' | 'max' | 'late' | 'non2xx' | 'errors' | 'timeouts'
>

/** Slack stops waiting long before; past this a request is counted as timed out (and late). */
const TIMEOUT_MS = 15_000

function send(agent: Agent, port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers, timeout: TIMEOUT_MS },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })))
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const times: number[] = []
  let late = 0
  let non2xx = 0
  let errors = 0
  let timeouts = 0
  let next = 0
  const connection = async () => {
    const agent = new Agent({ keepAlive: !options.fresh, maxSockets: 1 })
    try {
      for (let i = 0; i < options.requestsPerConnection; i++) {
        if (options.total !== undefined && next >= options.total) break
        const n = (options.firstRequest ?? 0) + next++
        const signed = slashCommand(n, options.signingSecret, options.responseUrl, options.text?.(n))
        const started = performance.now()
        try {
          const status = await send(agent, options.port, signed.body, signed.headers)
          const took = performance.now() - started
          times.push(took)
          if (took > ACK_DEADLINE_MS) late += 1
          if (status < 200 || status > 299) non2xx += 1
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'TIMEOUT') {
            timeouts += 1
            late += 1
          } else errors += 1
        }
      }
    } finally {
      agent.destroy()
    }
  }
  await Promise.all(Array.from({ length: options.connections }, connection))
  const sorted = Float64Array.from(times).sort()
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return {
    requests: times.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    late,
    non2xx,
    errors,
    timeouts,
  }
}
