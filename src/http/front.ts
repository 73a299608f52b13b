import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'

/** A plain route (/healthz): exact path, any query string, GET or HEAD unless it says otherwise. */
export interface Route {
  path: string
  /** Also every path below it (`/desk/…`). */
  prefix?: boolean
  /** The methods it answers (default GET and HEAD); others get 405. */
  methods?: readonly string[]
  handler: (request: IncomingMessage, response: ServerResponse) => void
}

export interface Front {
  /**
   * Stops serving without waiting on keep-alive clients: requests that arrive from now on, on connections
   * already open, are refused (503, `Connection: close`); responses still being written close their
   * connection when done; idle connections close now and as soon as any becomes idle. Closing the listening
   * socket stays with the server's owner (`server.close()`), which then resolves once the work in flight is
   * answered. Idempotent.
   */
  shut(): void
  readonly isShut: boolean
}

const ROUTE_METHODS = ['GET', 'HEAD']

const routeFor = (routes: readonly Route[], path: string) =>
  routes.find((r) => r.path === path || (r.prefix === true && path.startsWith(`${r.path}/`)))

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body)
}

/**
 * Takes over a server's request handling, the same way on every server the bot opens (Slack's HTTP receiver,
 * the standalone health server, Discord's interactions endpoint): `routes` first, by exact path, whatever
 * the server is; every other request goes to the listeners the server already had (Bolt's receiver), or is
 * a 404 when it had none. Gives the server a shutdown that keep-alive connections cannot hold open: a client
 * reusing its connection in a loop would otherwise be served until the process is killed.
 */
export function takeOver(server: Server, routes: readonly Route[] = []): Front {
  const own = server.listeners('request') as RequestListener[]
  server.removeAllListeners('request')
  const inFlight = new Set<ServerResponse>()
  let isShut = false
  const closeIdleSoon = () => setImmediate(() => server.closeIdleConnections())

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (isShut) {
      send(response, 503, '{"error":"shutting down"}', { connection: 'close', 'retry-after': '5' })
      return
    }
    inFlight.add(response)
    response.once('close', () => {
      inFlight.delete(response)
      // A connection whose response had gone out before the shutdown becomes idle only now.
      if (isShut) closeIdleSoon()
    })
    const path = (request.url ?? '').split('?')[0] ?? ''
    const route = routeFor(routes, path)
    if (route) {
      const methods = route.methods ?? ROUTE_METHODS
      if (methods.includes(request.method ?? '')) route.handler(request, response)
      else send(response, 405, '{"error":"method not allowed"}', { allow: methods.join(', ') })
      return
    }
    if (own.length === 0) {
      send(response, 404, '{"error":"not found"}')
      return
    }
    for (const listener of own) listener.call(server, request, response)
  })

  return {
    shut() {
      if (isShut) return
      isShut = true
      for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close')
      server.closeIdleConnections()
    },
    get isShut() {
      return isShut
    },
  }
}

/** Shuts the front and closes the server; resolves once every connection is gone. */
export function closeServer(server: Server, front: Front): Promise<void> {
  front.shut()
  return new Promise((resolve) => {
    server.close(() => resolve())
  })
}
