import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Route = (response: import('node:http').ServerResponse) => void

/** A web server on 127.0.0.1 with fixed answers per path; a path it does not know answers 404. */
export async function startFixtureServer(
  routes: Record<string, Route>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const route = routes[request.url ?? '']
    if (route) route(response)
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
