/**
 * Discord's other transport: an HTTP "interactions endpoint URL" instead of the gateway. Stateless, so
 * any number of replicas can run behind a load balancer (two gateway processes would both receive every
 * interaction). Same core, same rendering, same click semantics as the gateway client; only slash
 * commands, autocomplete and buttons arrive this way (no mentions, no DMs: those need the gateway).
 *
 * Each request is checked before it is answered: body size (413), a timestamp within ±5 minutes and the
 * Ed25519 signature (401), the payload's shape (400), and an interaction id not already answered here or by
 * another instance sharing the store (409; src/bot/delivery-claims.ts). Every refusal is one log line.
 */

import type { KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Bot } from '../../bot/bot.js'
import { DeliveryClaims, privateOnly } from '../../bot/delivery-claims.js'
import { isFreshTimestamp, REPLAY_WINDOW_SECONDS } from '../../bot/replay-guard.js'
import { CardRenderer, type CardSource } from '../../cards/card-renderer.js'
import { closeServer, takeOver } from '../../http/front.js'
import type { Logger } from '../../logger.js'
import { describeError } from './errors.js'
import { type AnswerContext, answerInteraction, asMessage, type CallbackBody } from './http/answer.js'
import { sendFollowUp } from './http/follow-up.js'
import { AUTOCOMPLETE, MESSAGE, PING, parseInteraction, type RawInteraction } from './http/payload.js'
import { isValidSignature, publicKeyFromHex } from './http/signature.js'
import { warmUpEndpoint } from './http/warm-up.js'
import { ERROR_TEXT, renderNotice } from './render-message.js'

export { isValidSignature, publicKeyFromHex }

export interface DiscordHttpOptions {
  /** The application's public key, hex, from the developer portal. */
  publicKey: string
  /** API base for the follow-ups of slow answers; default https://discord.com/api. */
  apiUrl?: string
  /** Answers slower than this are deferred (default 2 s of Discord's 3). */
  deferAfterMs?: number
  /** Larger bodies are refused with 413 before any parsing (default 1 MiB). */
  maxBodyBytes?: number
  /** Quote cards (default: a renderer of its own). */
  cards?: CardSource
  /**
   * A bot that records nothing (src/bot/warm-up.ts): before listening, signed interactions go through a
   * throwaway endpoint with it, so that the first real ones find that code compiled.
   */
  warmUp?: Bot
  /** Interaction ids claimed across instances through the store (default: this process's memory alone). */
  claims?: DeliveryClaims
}

const silent = (logger: Logger) => logger.child({ warmUp: true }, { level: 'silent' })

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

export class DiscordInteractionsEndpoint {
  private readonly key: KeyObject
  private readonly api: string
  private readonly maxBodyBytes: number
  private readonly log: Logger
  private readonly context: AnswerContext
  /** For an interaction the store could not claim: answered, but nothing posted publicly. */
  private readonly privateContext: AnswerContext
  private readonly claims: DeliveryClaims

  constructor(bot: Bot, options: DiscordHttpOptions, logger: Logger) {
    this.key = publicKeyFromHex(options.publicKey)
    this.api = (options.apiUrl ?? 'https://discord.com/api').replace(/\/+$/, '')
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
    this.log = logger.child({ adapter: 'discord-http' })
    this.context = {
      bot,
      deferAfterMs: options.deferAfterMs ?? 2000,
      cards: options.cards ?? new CardRenderer(),
      log: this.log,
      followUp: (interaction, method, data) => this.followUp(interaction, method, data),
    }
    this.privateContext = { ...this.context, bot: privateOnly(bot) }
    this.claims = options.claims ?? new DeliveryClaims()
  }

  /** A node:http listener; mount it on the path registered as the interactions endpoint URL. */
  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    this.handle(request, response).catch((error: unknown) => {
      this.log.error({ error: describeError(error) }, 'discord http request failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  }

  private refuse(response: ServerResponse, status: number, reason: string, interaction?: string): void {
    this.log[status === 409 ? 'info' : 'warn'](
      { status, reason, interaction },
      'discord http request refused',
    )
    response.writeHead(status, { 'content-type': 'text/plain' }).end(reason)
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end()
      return
    }
    const body = await this.readBody(request)
    if (!body) return this.refuse(response, 413, 'body over the size limit')
    const timestamp = header(request, 'x-signature-timestamp')
    if (!isFreshTimestamp(timestamp)) {
      return this.refuse(
        response,
        401,
        `timestamp missing, malformed or over ${REPLAY_WINDOW_SECONDS} s away`,
      )
    }
    if (!isValidSignature(this.key, header(request, 'x-signature-ed25519'), timestamp, body)) {
      return this.refuse(response, 401, 'invalid request signature')
    }
    let json: unknown
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      return this.refuse(response, 400, 'not JSON')
    }
    const parsed = parseInteraction(json)
    if (!parsed.ok) return this.refuse(response, 400, `malformed interaction: ${parsed.reason}`)
    const { interaction } = parsed
    // PING carries nothing to answer twice, nor does autocomplete (a keystroke's choices, posted nowhere);
    // anything else is answered once across instances.
    let context = this.context
    if (interaction.type !== PING && interaction.type !== AUTOCOMPLETE) {
      const claimedAt = Date.now()
      const verdict = await this.claims.claim(`discord:${interaction.id ?? ''}`)
      if (verdict === 'repeat')
        return this.refuse(response, 409, 'interaction already answered', interaction.id)
      // Discord never redelivers an interaction: one the store could not claim is answered, privately only.
      if (verdict === 'unverified') context = this.privateContext
      // Discord's 3 s run from the interaction: the time its claim took comes off the wait before deferring.
      const spent = Date.now() - claimedAt
      if (spent > 0) context = { ...context, deferAfterMs: Math.max(0, context.deferAfterMs - spent) }
    }

    let sent = false
    const send = (callback: CallbackBody): void => {
      if (sent) return
      sent = true
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(callback))
    }
    try {
      await answerInteraction(context, interaction, send)
    } catch (error) {
      this.log.error(
        { interaction: interaction.id, error: describeError(error) },
        'discord interaction failed',
      )
      const apology = asMessage(renderNotice(ERROR_TEXT), true)
      if (!sent) send({ type: MESSAGE, data: apology })
      else await this.followUp(interaction, 'POST', apology).catch(() => undefined)
    }
  }

  /** The body, or undefined when it is larger than allowed. */
  private async readBody(request: IncomingMessage): Promise<Buffer | undefined> {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > this.maxBodyBytes) return undefined
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of request) {
      size += (chunk as Buffer).length
      if (size > this.maxBodyBytes) return undefined
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks)
  }

  /** Edits the original response (PATCH) or adds a follow-up message (POST) through the interaction webhook. */
  private async followUp(
    interaction: RawInteraction,
    method: 'PATCH' | 'POST',
    data: Record<string, unknown> | FormData,
  ): Promise<void> {
    const { application_id: applicationId, token } = interaction
    if (!applicationId || !token) return
    const base = `${this.api}/v10/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}`
    const url = method === 'PATCH' ? `${base}/messages/@original` : base
    await sendFollowUp(url, method, data, this.log.child({ interaction: interaction.id }))
  }
}

/** A standalone server for the endpoint (any path), for deployments without another HTTP server. */
export async function startDiscordHttp(
  bot: Bot,
  options: DiscordHttpOptions & { port: number; host?: string },
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
  if (options.warmUp) {
    const warmBot = options.warmUp
    // Follow-ups of the throwaway endpoint go nowhere (nothing listens on port 9), never to Discord.
    const nowhere = 'http://127.0.0.1:9/api'
    await warmUpEndpoint(
      (publicKey) =>
        new DiscordInteractionsEndpoint(warmBot, { publicKey, apiUrl: nowhere }, silent(logger)).listener,
    )
  }
  const endpoint = new DiscordInteractionsEndpoint(bot, options, logger)
  const server = createServer(endpoint.listener)
  // Interactions in flight are answered before the server closes; keep-alive connections do not hold it open.
  const front = takeOver(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  logger.info({ adapter: 'discord-http', port }, 'discord interactions endpoint listening')
  return {
    port,
    stop: () => closeServer(server, front),
  }
}
