/**
 * The Slack side the apps talk back to during a load run: the Web API (`/api/<method>`) and response_url
 * targets (`/response/<id>`). It only counts calls: the test helper's fake keeps every body in memory, which
 * is fine for a test but not for tens of thousands of requests.
 */

import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeSlackApi {
  apiUrl: string
  /** Prefix of the response_url targets; the request number is appended. */
  responseUrl: string
  /** Calls per Web API method, plus `response_url` for posts to a response_url. */
  counts: Map<string, number>
  stop(): Promise<void>
}

const AUTH_TEST = JSON.stringify({
  ok: true,
  url: 'https://charge.slack.com/',
  team: 'Charge',
  user: 'ia-cinema',
  team_id: 'T0000001',
  user_id: 'UBOT0001',
  bot_id: 'BBOT0001',
})

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const counts = new Map<string, number>()
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Drain the body without keeping it: only the fact of the call matters here.
    req.resume()
    req.on('end', () => {
      const path = req.url ?? '/'
      res.setHeader('content-type', 'application/json')
      if (path.startsWith('/response/')) {
        count('response_url')
        res.end('{"ok":true}')
        return
      }
      const method = path.startsWith('/api/') ? path.slice('/api/'.length).split('?')[0] : undefined
      count(method ?? 'unknown')
      switch (method) {
        case 'auth.test':
          res.end(AUTH_TEST)
          return
        case 'chat.postEphemeral':
          res.end('{"ok":true,"message_ts":"1700000000.000001"}')
          return
        case 'chat.postMessage':
          res.end('{"ok":true,"channel":"C0000001","ts":"1700000000.000002"}')
          return
        default:
          res.end('{"ok":false,"error":"unknown_method"}')
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/response/r`,
    counts,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
