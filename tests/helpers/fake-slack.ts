/**
 * A local stand-in for Slack: the Web API (`/api/<method>`), response_url targets (`/response/<id>`), file
 * upload URLs (`/upload/<file id>`, as files.getUploadURLExternal hands them out) and a Socket Mode
 * WebSocket (`/socket`), all on 127.0.0.1 with a random port. It records what the app sends so tests can
 * assert on real traffic.
 */

import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export const FAKE_IDS = { botUserId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0000001' } as const

export interface ApiCall {
  method: string
  /** Parsed body; JSON-encoded form fields (blocks, view…) are decoded. */
  body: Record<string, unknown>
  token?: string
}

export interface ResponseCall {
  id: string
  body: Record<string, unknown>
}

/** Bytes posted to an upload URL (files.uploadV2's second step), as Slack would store them. */
export interface FileUpload {
  fileId: string
  /** The multipart form field's file name, and its bytes. */
  filename?: string
  bytes: Buffer
}

export interface SocketReply {
  envelope_id: string
  payload?: Record<string, unknown>
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files'])

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {}
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key)) {
      try {
        out[key] = JSON.parse(value)
        continue
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    out[key] = value
  }
  return out
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The file of a multipart/form-data body (the upload step posts one, in a field named `body`). */
async function multipartFile(raw: Buffer, contentType: string): Promise<{ name?: string; bytes: Buffer }> {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData()
  for (const value of form.values()) {
    if (typeof value !== 'string') return { name: value.name, bytes: Buffer.from(await value.arrayBuffer()) }
  }
  return { bytes: Buffer.alloc(0) }
}

export class FakeSlack {
  readonly calls: ApiCall[] = []
  readonly responses: ResponseCall[] = []
  readonly socketReplies: SocketReply[] = []
  readonly uploads: FileUpload[] = []
  /** Methods that answer `{ ok: false, error }` until cleared. */
  readonly failures = new Map<string, string>()
  /** HTTP status the response_url targets answer with (200 unless a test wants respond() to fail). */
  responseStatus = 200
  /**
   * Methods whose next call Slack acts on (it is recorded) but answers badly: with this HTTP status (500…),
   * or by dropping the connection (`'drop'`). Each is used once.
   */
  private readonly breakdowns = new Map<string, number | 'drop'>()
  /** Calls answered 429 (not recorded in `calls`: Slack did not act on them), per method. */
  readonly rateLimited = new Map<string, number>()
  private rateLimits = new Map<string, number>()
  /** While set, Web API calls are recorded on arrival (Slack acts on them) but answered only on thaw(). */
  private frozen: Promise<void> | undefined
  private thawFrozen: (() => void) | undefined
  private frozenMethod: string | undefined
  private server: Server
  private wss: WebSocketServer
  private sockets = new Set<WebSocket>()
  private listeners = new Set<() => void>()
  private seq = 0
  port = 0

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500
        res.end(String(error))
      })
    })
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' })
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      socket.on('message', (data) => {
        this.socketReplies.push(JSON.parse(String(data)) as SocketReply)
        this.changed()
      })
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }))
    })
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1')
    await once(this.server, 'listening')
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    this.thaw()
    for (const socket of this.sockets) socket.terminate()
    this.wss.close()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`
  }

  /** A fresh response_url served by this fake. */
  responseUrl(): string {
    this.seq += 1
    return `http://127.0.0.1:${this.port}/response/r${this.seq}`
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method)
  }

  /**
   * The Web API stops answering (a slow or stuck Slack) until thaw(); calls still take effect. With a
   * method, only calls to that one stall.
   */
  freeze(method?: string): void {
    this.frozenMethod = method
    this.frozen ??= new Promise((resolve) => {
      this.thawFrozen = resolve
    })
  }

  thaw(): void {
    this.thawFrozen?.()
    this.frozen = undefined
    this.thawFrozen = undefined
    this.frozenMethod = undefined
  }

  /** The next `times` calls to `method` are answered 429 with `Retry-After: 0`, as Slack does when rate limiting. */
  rateLimitNext(method: string, times = 1): void {
    this.rateLimits.set(method, times)
  }

  /** The next call to `method` is acted on, then answered with `status` (a 5xx) or a dropped connection. */
  breakNext(method: string, how: number | 'drop'): void {
    this.breakdowns.set(method, how)
  }

  reset(): void {
    this.thaw()
    this.breakdowns.clear()
    this.rateLimited.clear()
    this.rateLimits.clear()
    this.calls.length = 0
    this.responses.length = 0
    this.socketReplies.length = 0
    this.uploads.length = 0
    this.failures.clear()
    this.responseStatus = 200
  }

  /** Resolves once `check` returns a value (re-checked on every recorded call), or rejects after `ms`. */
  async waitFor<T>(check: () => T | undefined, ms = 3000): Promise<T> {
    const first = check()
    if (first !== undefined) return first
    return new Promise<T>((resolve, reject) => {
      const listener = () => {
        const value = check()
        if (value === undefined) return
        clearTimeout(timer)
        this.listeners.delete(listener)
        resolve(value)
      }
      const timer = setTimeout(() => {
        this.listeners.delete(listener)
        reject(new Error(`FakeSlack: condition not met within ${ms} ms`))
      }, ms)
      this.listeners.add(listener)
    })
  }

  /** Sends a Socket Mode envelope to every connected client; resolves once the app has acknowledged it. */
  /** Sends a raw frame (anything, even malformed) to every connected Socket Mode client. */
  sendFrame(frame: string): void {
    for (const socket of this.sockets) socket.send(frame)
  }

  async sendEnvelope(envelope: {
    envelope_id: string
    type: string
    payload: unknown
    [key: string]: unknown
  }) {
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope))
    return this.waitFor(() => this.socketReplies.find((r) => r.envelope_id === envelope.envelope_id))
  }

  async waitForSocket(ms = 3000): Promise<void> {
    await this.waitFor(() => (this.sockets.size > 0 ? true : undefined), ms)
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw = await readBody(req)
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(payload))
    }

    if (url.pathname.startsWith('/upload/')) {
      const contentType = req.headers['content-type'] ?? ''
      const file = contentType.includes('multipart/form-data')
        ? await multipartFile(raw, contentType)
        : { bytes: raw }
      this.uploads.push({
        fileId: url.pathname.slice('/upload/'.length),
        bytes: file.bytes,
        ...(file.name ? { filename: file.name } : {}),
      })
      this.changed()
      // Slack's upload endpoint answers in plain text.
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(`OK - ${file.bytes.length}`)
      return
    }
    const body = parseBody(raw.toString('utf8'), req.headers['content-type'])

    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body })
      this.changed()
      reply(
        this.responseStatus,
        this.responseStatus === 200 ? { ok: true } : { ok: false, error: 'expired_url' },
      )
      return
    }

    if (!url.pathname.startsWith('/api/')) {
      reply(404, { ok: false, error: 'unknown_path' })
      return
    }
    const method = url.pathname.slice('/api/'.length)
    const limited = this.rateLimits.get(method) ?? 0
    if (limited > 0) {
      this.rateLimits.set(method, limited - 1)
      this.rateLimited.set(method, (this.rateLimited.get(method) ?? 0) + 1)
      this.changed()
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }))
      return
    }
    const auth = req.headers.authorization
    const call: ApiCall = { method, body, ...(auth ? { token: auth.replace(/^Bearer /, '') } : {}) }
    this.calls.push(call)
    this.changed()
    if (this.frozen && (this.frozenMethod === undefined || this.frozenMethod === method)) await this.frozen
    // The caller may have given up meanwhile; answering a closed socket is harmless.

    const breakdown = this.breakdowns.get(method)
    if (breakdown !== undefined) {
      this.breakdowns.delete(method)
      if (breakdown === 'drop') req.socket.destroy()
      else reply(breakdown, { ok: false, error: 'internal_error' })
      return
    }
    const failure = this.failures.get(method)
    if (failure) {
      reply(200, { ok: false, error: failure })
      return
    }
    switch (method) {
      case 'auth.test':
        reply(200, {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'ia-cinema',
          team_id: FAKE_IDS.teamId,
          user_id: FAKE_IDS.botUserId,
          bot_id: FAKE_IDS.botId,
        })
        return
      case 'apps.connections.open':
        reply(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` })
        return
      case 'chat.postMessage':
        reply(200, {
          ok: true,
          channel: body.channel,
          ts: `1700000000.${String(this.calls.length).padStart(6, '0')}`,
        })
        return
      case 'chat.postEphemeral':
        reply(200, { ok: true, message_ts: '1700000000.000001' })
        return
      case 'views.publish':
        reply(200, { ok: true, view: { id: 'V0001', type: 'home' } })
        return
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.calls.length).padStart(8, '0')}`
        reply(200, {
          ok: true,
          file_id: fileId,
          upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`,
        })
        return
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as Array<{ id: string; title?: string }>) : []
        reply(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) })
        return
      }
      default:
        reply(200, { ok: false, error: 'unknown_method' })
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start()
}
