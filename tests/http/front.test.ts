import { once } from 'node:events'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { closeServer, type Front, takeOver } from '../../src/http/front.js'

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections()
})

async function listen(server: Server): Promise<number> {
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

/** A raw keep-alive connection: what is written and read is exactly what goes over the socket. */
async function open(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  let received = ''
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString()
  })
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return { socket, received: () => received, closed }
}

const request = (path: string, method = 'GET') => `${method} ${path} HTTP/1.1\r\nHost: x\r\n\r\n`

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const health = { path: '/healthz', handler: (_: unknown, res: ServerResponse) => res.end('{"status":"ok"}') }

describe('takeOver', () => {
  it('serves its routes for GET and HEAD only, at their exact path, and hands the rest on', async () => {
    const server = createServer((_req, res) => res.writeHead(418).end('own'))
    takeOver(server, [health])
    const port = await listen(server)
    const status = async (path: string, method: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method })
      return [response.status, await response.text(), response.headers.get('allow')]
    }
    expect(await status('/healthz', 'GET')).toEqual([200, '{"status":"ok"}', null])
    expect(await status('/healthz?x=1', 'GET')).toEqual([200, '{"status":"ok"}', null])
    expect(await status('/healthz', 'HEAD')).toEqual([200, '', null])
    expect(await status('/healthz', 'POST')).toEqual([405, '{"error":"method not allowed"}', 'GET, HEAD'])
    expect(await status('/healthz/', 'GET')).toEqual([418, 'own', null])
    expect(await status('/other', 'POST')).toEqual([418, 'own', null])

    const bare = createServer()
    takeOver(bare, [health])
    const barePort = await listen(bare)
    expect((await fetch(`http://127.0.0.1:${barePort}/other`)).status).toBe(404)
  })

  it('serves a prefix route at its path and below it, with the methods it names', async () => {
    const server = createServer((_req, res) => res.writeHead(418).end('own'))
    const desk = {
      path: '/desk',
      prefix: true,
      methods: ['GET', 'POST'],
      handler: (req: { method?: string; url?: string }, res: ServerResponse) =>
        res.end(`${req.method} ${req.url}`),
    }
    takeOver(server, [health, desk])
    const port = await listen(server)
    const call = async (path: string, method = 'GET') => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method })
      return [response.status, await response.text(), response.headers.get('allow')]
    }
    expect(await call('/desk')).toEqual([200, 'GET /desk', null])
    expect(await call('/desk/questions?x=1', 'POST')).toEqual([200, 'POST /desk/questions?x=1', null])
    expect(await call('/desk/a', 'PUT')).toEqual([405, '{"error":"method not allowed"}', 'GET, POST'])
    expect(await call('/desktop')).toEqual([418, 'own', null])
    expect(await call('/healthz/x')).toEqual([418, 'own', null])
  })

  it('on shut: closes idle keep-alive connections, answers the request in flight and closes its connection, refuses later requests', async () => {
    let held: ServerResponse | undefined
    const server = createServer((req, res) => {
      if (req.url === '/slow') held = res
      else res.end('fast')
    })
    const front: Front = takeOver(server)
    const port = await listen(server)

    const idle = await open(port)
    idle.socket.write(request('/fast'))
    await until(() => idle.received().includes('fast'))
    const busy = await open(port)
    busy.socket.write(request('/slow'))
    await until(() => held !== undefined)
    const halfway = await open(port)
    halfway.socket.write('GET /fast HTTP/1.1\r\n')
    await new Promise((resolve) => setTimeout(resolve, 20))

    const closing = closeServer(server, front)
    await idle.closed
    halfway.socket.write('Host: x\r\n\r\n')
    await halfway.closed
    expect(halfway.received()).toMatch(/^HTTP\/1\.1 503 /)
    expect(halfway.received()).toMatch(/connection: close/i)

    held?.end('slow done')
    await busy.closed
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200 /)
    expect(busy.received()).toMatch(/connection: close/i)
    expect(busy.received()).toContain('slow done')
    await closing
    expect(front.isShut).toBe(true)
  })
})
