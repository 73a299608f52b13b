import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AdapterHandle, HttpRoute } from '../bot/adapter.js'
import type { EngineHolder } from '../bot/engine-holder.js'
import { closeServer, takeOver } from '../http/front.js'
import type { Logger } from '../logger.js'
import type { StoreHealth } from '../storage/store.js'

export const HEALTH_PATH = '/healthz'

export interface HealthSources {
  holder: EngineHolder
  adapters: () => Record<string, AdapterHandle>
  /** Undefined when the bot runs without a store. */
  storage?: () => StoreHealth
  startedAt: Date
  /** True until every adapter has started: the endpoint may listen before them, and then says so (503). */
  starting?: () => boolean
  shuttingDown: () => boolean
}

/**
 * What /healthz answers: the index, the corpus version, the store and each adapter's state. It is public on
 * the Slack port: file names are relative to the corpus folder, and the store shows a state, not its path.
 */
export function healthReport(sources: HealthSources) {
  const reload = sources.holder.status()
  const adapters = Object.fromEntries(
    Object.entries(sources.adapters()).map(([name, a]) => [name, a.status()]),
  )
  const storage = sources.storage?.() ?? { state: 'off' as const }
  const stopping = sources.shuttingDown()
  const starting = sources.starting?.() ?? false
  const adaptersReady = !starting && Object.values(adapters).every((state) => state === 'ready')
  return {
    status: stopping
      ? 'stopping'
      : starting
        ? 'starting'
        : adaptersReady && storage.state !== 'degraded'
          ? 'ok'
          : 'degraded',
    /** The bot answers: every adapter serves (the store may be degraded). */
    serving: !stopping && adaptersReady,
    /** The process to send SIGHUP to for a reload (npm start does not pass SIGHUP on). */
    pid: process.pid,
    index: { records: sources.holder.engine.size },
    corpus: {
      version: reload.version,
      loadedAt: reload.loadedAt.toISOString(),
      ...(reload.reloadingSince ? { reloadingSince: reload.reloadingSince.toISOString() } : {}),
      ...(reload.lastError
        ? { lastReloadError: { message: reload.lastError.message, at: reload.lastError.at.toISOString() } }
        : {}),
    },
    storage: {
      state: storage.state,
      ...(storage.problem ? { problem: storage.problem, since: storage.since?.toISOString() } : {}),
    },
    adapters,
    uptimeSeconds: Math.round((Date.now() - sources.startedAt.getTime()) / 1000),
  }
}

/**
 * GET or HEAD /healthz. 503 while the adapters start; 200 while every adapter serves — also when only the store is degraded, since the bot
 * still answers (the body says `degraded`); 503 while an adapter is down or the process is stopping.
 */
export function healthRoute(sources: HealthSources): HttpRoute {
  return {
    path: HEALTH_PATH,
    handler: (_request: IncomingMessage, response: ServerResponse) => {
      const report = healthReport(sources)
      response.writeHead(report.serving ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      response.end(JSON.stringify(report))
    },
  }
}

/**
 * A server of its own for /healthz (and the routes beside it: /desk), when Slack's HTTP receiver is not
 * there to carry them.
 */
export async function startHealthServer(
  port: number,
  routes: HttpRoute | readonly HttpRoute[],
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createServer()
  // The same front as Slack's receiver: the same paths and methods answer on both.
  const front = takeOver(server, Array.isArray(routes) ? routes : [routes])
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  logger.info({ port: bound }, 'health endpoint listening (/healthz)')
  return { port: bound, stop: () => closeServer(server, front) }
}
