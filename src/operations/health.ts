import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AdapterHandle, HttpRoute } from '../bot/adapter.js'
import type { EngineHolder } from '../bot/engine-holder.js'
import type { Logger } from '../logger.js'

export interface HealthSources {
  holder: EngineHolder
  adapters: () => Record<string, AdapterHandle>
  startedAt: Date
  shuttingDown: () => boolean
}

/** What /healthz answers: the index, the corpus version and each adapter's state. */
export function healthReport(sources: HealthSources) {
  const reload = sources.holder.status()
  const adapters = Object.fromEntries(
    Object.entries(sources.adapters()).map(([name, a]) => [name, a.status()]),
  )
  const ok = !sources.shuttingDown() && Object.values(adapters).every((state) => state === 'ready')
  return {
    status: sources.shuttingDown() ? 'stopping' : ok ? 'ok' : 'degraded',
    index: { records: sources.holder.engine.size },
    corpus: {
      version: reload.version,
      loadedAt: reload.loadedAt.toISOString(),
      ...(reload.reloadingSince ? { reloadingSince: reload.reloadingSince.toISOString() } : {}),
      ...(reload.lastError
        ? { lastReloadError: { message: reload.lastError.message, at: reload.lastError.at.toISOString() } }
        : {}),
    },
    adapters,
    uptimeSeconds: Math.round((Date.now() - sources.startedAt.getTime()) / 1000),
  }
}

export function healthRoute(sources: HealthSources): HttpRoute {
  return {
    path: '/healthz',
    handler: (_request: IncomingMessage, response: ServerResponse) => {
      const report = healthReport(sources)
      response.writeHead(report.status === 'ok' ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
      })
      response.end(JSON.stringify(report))
    },
  }
}

/** A server of its own for /healthz, when Slack's HTTP receiver is not there to carry it. */
export async function startHealthServer(
  port: number,
  route: HttpRoute,
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method === 'GET' && path === route.path) return route.handler(request, response)
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => resolve())
  })
  const bound = (server.address() as AddressInfo).port
  logger.info({ port: bound }, 'health endpoint listening (/healthz)')
  return {
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}
