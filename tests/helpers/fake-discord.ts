/**
 * A local stand-in for Discord, enough for the real discord.js 14 client: REST under /api/v10 on
 * 127.0.0.1 and a JSON gateway WebSocket on the same port. Every REST request is recorded so that tests
 * assert what the bot actually sent; helpers dispatch gateway events as Discord would.
 */

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export interface RecordedRequest {
  method: string
  /** Path below /api/v10, e.g. `/interactions/1/tok/callback`. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Parsed JSON body (a multipart body's `payload_json`), or undefined when there was none. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON the bot sent.
  body: any
  /** Files of a multipart body (`files[n]` fields), as Discord receives attachments. */
  files: Array<{ field: string; name: string; contentType: string; bytes: Buffer }>
}

/** A multipart/form-data body as Discord reads it: `payload_json` and the `files[n]` parts. */
async function readMultipart(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: RecordedRequest['files'] }> {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData()
  const files: RecordedRequest['files'] = []
  let body: unknown
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value)
      continue
    }
    files.push({
      field,
      name: value.name,
      contentType: value.type,
      bytes: Buffer.from(await value.arrayBuffer()),
    })
  }
  return { body, files }
}

export interface InjectedFailure {
  match: (request: RecordedRequest) => boolean
  status: number
  code: number
  message: string
  /** A 429's wait, in seconds: in the body's `retry_after` and (rounded up) in the Retry-After header. */
  retryAfter?: number
}

export interface FakeUser {
  id: string
  username: string
  global_name: string | null
  discriminator: string
  avatar: null
  bot?: boolean
}

/** Ids of the fixed world: one guild, one text channel, the bot and a human. */
export const IDS = {
  application: '1100000000000000001',
  bot: '1100000000000000001',
  guild: '1100000000000000002',
  channel: '1100000000000000003',
  botRole: '1100000000000000004',
  user: '1100000000000000005',
  dmChannel: '1100000000000000006',
  command: '1100000000000000007',
} as const

export const BOT_USER: FakeUser = {
  id: IDS.bot,
  username: 'ia-cinema',
  global_name: 'IA & cinéma',
  discriminator: '0',
  avatar: null,
  bot: true,
}

export const HUMAN: FakeUser = {
  id: IDS.user,
  username: 'camille',
  global_name: 'Camille',
  discriminator: '0',
  avatar: null,
}

const TIMESTAMP = '2025-06-01T12:00:00.000Z'

export interface FakeDiscordOptions {
  heartbeatIntervalMs?: number
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = []
  /** Gateway frames received from the client (IDENTIFY, RESUME, heartbeats…). */
  readonly gatewayFrames: Array<{ op: number; d: unknown }> = []
  readonly failures: InjectedFailure[] = []
  private readonly server = createServer((request, response) => this.handle(request, response))
  private readonly wss = new WebSocketServer({ noServer: true })
  private socket: WebSocket | undefined
  private seq = 0
  private nextId = 2_000_000_000_000_000_000n
  private waiters: Array<() => void> = []
  /** Interactions and messages dispatched, by id, so that a test can send one again as a replay. */
  private readonly dispatched = new Map<string, { t: string; d: unknown }>()
  port = 0

  private constructor(private readonly options: FakeDiscordOptions) {
    this.server.on('upgrade', (request, socket, head) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws))
    })
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options)
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve))
    fake.port = (fake.server.address() as AddressInfo).port
    return fake
  }

  /** What DiscordConfig.apiUrl takes; discord.js appends /v10. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  snowflake(): string {
    this.nextId += 1n
    return this.nextId.toString()
  }

  // ---- REST ---------------------------------------------------------------------------------------

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      void this.record(request, Buffer.concat(chunks)).then((recorded) => {
        this.requests.push(recorded)
        this.route(recorded, response)
        this.notify()
      })
    })
  }

  private async record(request: IncomingMessage, raw: Buffer): Promise<RecordedRequest> {
    const url = new URL(request.url ?? '/', this.apiUrl)
    const contentType = request.headers['content-type'] ?? ''
    let body: unknown
    let files: RecordedRequest['files'] = []
    if (contentType.includes('multipart/form-data')) {
      ;({ body, files } = await readMultipart(raw, contentType))
    } else {
      const text = raw.toString('utf8')
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = text
      }
    }
    return {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''),
      query: url.searchParams,
      headers: request.headers,
      body,
      files,
    }
  }

  private send(response: ServerResponse, status: number, payload?: unknown): void {
    if (payload === undefined) {
      response.writeHead(status).end()
      return
    }
    const text = JSON.stringify(payload)
    response.writeHead(status, { 'content-type': 'application/json' }).end(text)
  }

  private route(request: RecordedRequest, response: ServerResponse): void {
    const failure = this.failures.find((candidate) => candidate.match(request))
    if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1)
      if (failure.retryAfter !== undefined) {
        // As Discord refuses a request over a rate limit: it did not act on it.
        const body = { message: failure.message, retry_after: failure.retryAfter, global: false }
        response
          .writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(Math.ceil(failure.retryAfter)),
            'x-ratelimit-scope': 'user',
          })
          .end(JSON.stringify(body))
        return
      }
      this.send(response, failure.status, { message: failure.message, code: failure.code })
      return
    }
    const { method, path } = request
    if (method === 'GET' && path === '/gateway/bot') {
      this.send(response, 200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      })
    } else if (method === 'GET' && path === '/users/@me') {
      this.send(response, 200, BOT_USER)
    } else if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      this.send(response, 204)
    } else if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      this.send(response, 200, this.messageFrom(request.body, IDS.channel, 64))
    } else if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      this.send(response, 200, this.messageFrom(request.body, IDS.channel, request.body?.flags ?? 0))
    } else if (method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) {
      const channelId = path.split('/')[2] ?? IDS.channel
      this.send(response, 200, this.messageFrom(request.body, channelId, 0))
    } else if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(request.body) ? request.body : []
      this.send(
        response,
        200,
        commands.map((command: Record<string, unknown>) => ({
          id: this.snowflake(),
          application_id: IDS.application,
          version: this.snowflake(),
          default_member_permissions: null,
          ...command,
        })),
      )
    } else {
      this.send(response, 404, { message: '404: Not Found', code: 0 })
    }
  }

  /** A message object as Discord returns it after a post or an edit. */
  // biome-ignore lint/suspicious/noExplicitAny: echoes whatever the bot sent.
  messageFrom(body: any, channelId: string, flags: number): Record<string, unknown> {
    return {
      id: this.snowflake(),
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? '',
      timestamp: TIMESTAMP,
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (body?.attachments ?? []).map((a: { id?: unknown; filename?: string }, index: number) => ({
        id: this.snowflake(),
        filename: a.filename ?? `file${index}`,
        size: 0,
        url: `https://cdn.fake/${a.filename ?? index}`,
        proxy_url: `https://cdn.fake/${a.filename ?? index}`,
      })),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags,
    }
  }

  /** Makes the next matching request fail the way Discord fails it. */
  failNext(
    match: (request: RecordedRequest) => boolean,
    status: number,
    code: number,
    message: string,
  ): void {
    this.failures.push({ match, status, code, message })
  }

  /** Refuses the next matching request with a 429 asking to wait `retryAfter` seconds. */
  rateLimitNext(match: (request: RecordedRequest) => boolean, retryAfter: number): void {
    this.failures.push({ match, status: 429, code: 0, message: 'You are being rate limited.', retryAfter })
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  async waitForRequest(
    match: (request: RecordedRequest) => boolean,
    timeoutMs = 3000,
  ): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.requests.find(match)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`fake-discord: no matching request within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** The callback for an interaction, once the bot has sent it. */
  callbackFor(interaction: { id: string; token: string }, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitForRequest(
      (request) =>
        request.method === 'POST' &&
        request.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      timeoutMs,
    )
  }

  // ---- Gateway ------------------------------------------------------------------------------------

  get connected(): boolean {
    return this.socket?.readyState === 1
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws
    ws.on('message', (data) => this.onFrame(ws, data.toString()))
    ws.on('error', () => undefined)
    this.sendFrame(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } })
  }

  private sendFrame(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState === 1) ws.send(JSON.stringify({ s: null, t: null, ...frame }))
  }

  private onFrame(ws: WebSocket, text: string): void {
    const frame = JSON.parse(text) as { op: number; d: unknown }
    this.gatewayFrames.push(frame)
    this.notify()
    switch (frame.op) {
      case 1:
        this.sendFrame(ws, { op: 11 })
        break
      case 2:
        this.seq = 0
        this.dispatchOn(ws, 'READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: IDS.application, flags: 0 },
          private_channels: [],
        })
        this.dispatchOn(ws, 'GUILD_CREATE', this.guildPayload())
        break
      case 6:
        this.dispatchOn(ws, 'RESUMED', {})
        break
    }
  }

  private dispatchOn(ws: WebSocket, t: string, d: unknown): void {
    this.seq += 1
    this.sendFrame(ws, { op: 0, t, s: this.seq, d })
  }

  /** Dispatches an event that carries an id, remembering it for redispatch(). */
  private recordDispatch(t: string, d: { id: string; [field: string]: unknown }): void {
    this.dispatched.set(d.id, { t, d })
    this.dispatch(t, d)
  }

  /** Sends a dispatch event on the current gateway connection. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error('fake-discord: no gateway connection')
    this.dispatchOn(this.socket, t, d)
  }

  /** Dispatches an interaction or a message again, as a resumed session may replay it. */
  redispatch(id: string): void {
    const event = this.dispatched.get(id)
    if (!event) throw new Error(`fake-discord: nothing dispatched with id ${id}`)
    this.dispatch(event.t, event.d)
  }

  /** Resolves once the client has sent a gateway frame with this opcode (counting from `after`). */
  async waitForFrame(op: number, after = 0, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!this.gatewayFrames.slice(after).some((frame) => frame.op === op)) {
      if (Date.now() > deadline) throw new Error(`fake-discord: no gateway op ${op} within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  /**
   * Drops the gateway connection: with a close code as Discord does during maintenance, or without one
   * (`'network'`) as a lost connection looks. Either way the client should resume its session.
   */
  dropConnection(how: number | 'network' = 4000): void {
    if (how === 'network') this.socket?.terminate()
    else this.socket?.close(how, 'fake-discord: reconnect please')
  }

  private guildPayload(): Record<string, unknown> {
    return {
      id: IDS.guild,
      name: 'Ciné-club',
      icon: null,
      owner_id: IDS.user,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: TIMESTAMP,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        role(IDS.guild, '@everyone', false),
        { ...role(IDS.botRole, 'ia-cinema', true), tags: { bot_id: IDS.bot } },
      ],
      channels: [
        {
          id: IDS.channel,
          type: 0,
          guild_id: IDS.guild,
          name: 'général',
          position: 0,
          permission_overwrites: [],
          parent_id: null,
          nsfw: false,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
        },
      ],
      threads: [],
      members: [member(BOT_USER, [IDS.botRole])],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      afk_channel_id: null,
      afk_timeout: 300,
      system_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      preferred_locale: 'fr',
    }
  }

  // ---- Interactions and messages ------------------------------------------------------------------

  private interaction(
    type: number,
    data: unknown,
    extra: Record<string, unknown> = {},
  ): { id: string; token: string } {
    const id = this.snowflake()
    const token = `token-${id}`
    this.recordDispatch('INTERACTION_CREATE', {
      id,
      application_id: IDS.application,
      type,
      data,
      guild_id: IDS.guild,
      channel_id: IDS.channel,
      channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'général', permission_overwrites: [] },
      member: { ...member(HUMAN, []), permissions: '2248473465835073' },
      token,
      version: 1,
      locale: 'fr',
      guild_locale: 'fr',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
      attachment_size_limit: 8_388_608,
      ...extra,
    })
    return { id, token }
  }

  /** `/ia-cinema question:<value>`; `value` may be any JSON, to forge malformed options. */
  slashCommand(question: unknown, name = 'ia-cinema'): { id: string; token: string } {
    return this.interaction(2, {
      id: IDS.command,
      name,
      type: 1,
      options: [{ name: 'question', type: 3, value: question }],
    })
  }

  autocomplete(partial: string): { id: string; token: string } {
    return this.interaction(4, {
      id: IDS.command,
      name: 'ia-cinema',
      type: 1,
      options: [{ name: 'question', type: 3, value: partial, focused: true }],
    })
  }

  /** A click on a button of a message the bot sent (ephemeral unless `flags` says otherwise). */
  buttonClick(
    customId: string,
    message: { flags?: number; components?: unknown[] } = {},
  ): { id: string; token: string } {
    const flags = message.flags ?? 64
    return this.interaction(
      3,
      { custom_id: customId, component_type: 2 },
      {
        message: {
          ...this.messageFrom({ components: message.components ?? [] }, IDS.channel, flags),
          interaction_metadata: {
            id: this.snowflake(),
            type: 2,
            user: HUMAN,
            authorizing_integration_owners: {},
          },
        },
      },
    )
  }

  /** A message from the human, in the guild channel (default) or in a DM with the bot. */
  messageCreate(
    content: string,
    options: { dm?: boolean; mentionsBot?: boolean; author?: FakeUser } = {},
  ): string {
    const id = this.snowflake()
    const author = options.author ?? HUMAN
    const mentionsBot = options.mentionsBot ?? content.includes(`<@${IDS.bot}>`)
    this.recordDispatch('MESSAGE_CREATE', {
      id,
      channel_id: options.dm ? IDS.dmChannel : IDS.channel,
      ...(options.dm
        ? { channel_type: 1 }
        : { guild_id: IDS.guild, member: member(author, []), channel_type: 0 }),
      author,
      content,
      timestamp: TIMESTAMP,
      edited_timestamp: null,
      tts: false,
      mention_everyone: content.includes('@everyone'),
      mentions: mentionsBot ? [BOT_USER] : [],
      mention_roles: [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1]),
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
    })
    return id
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    this.wss.close()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

function role(id: string, name: string, managed: boolean): Record<string, unknown> {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: managed ? 1 : 0,
    permissions: '2248473465835073',
    managed,
    mentionable: false,
    flags: 0,
  }
}

function member(user: FakeUser, roles: string[]): Record<string, unknown> {
  return {
    user,
    nick: null,
    avatar: null,
    roles,
    joined_at: TIMESTAMP,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  }
}
