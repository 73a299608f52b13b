/**
 * Discord's other transport: an HTTP "interactions endpoint URL" instead of the gateway. Stateless, so
 * any number of replicas can run behind a load balancer (two gateway processes would both receive every
 * interaction). Same core, same rendering, same click semantics as the gateway client; only slash
 * commands, autocomplete and buttons arrive this way (no mentions, no DMs: those need the gateway).
 */

import type { KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ActionOutcome, Bot } from '../../bot/bot.js'
import { type CardImage, CardRenderer, type CardSource } from '../../cards/card-renderer.js'
import { closeServer, takeOver } from '../../http/front.js'
import type { Logger } from '../../logger.js'
import { toChoices } from './autocomplete-choices.js'
import { COMMAND_NAME, QUESTION_OPTION } from './command-definition.js'
import { requesterOf, withDeadline } from './context.js'
import { describeError } from './errors.js'
import { CARD_FAILED, cardResponse, clickResponse } from './outcome.js'
import {
  ERROR_TEXT,
  multipartMessage,
  type RenderedMessage,
  renderAnswer,
  renderNotice,
} from './render-message.js'
import { isValidSignature, publicKeyFromHex } from './signature.js'

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
}

/** Interaction and callback types, as numbers: this module only speaks the raw API. */
const PING = 1
const APPLICATION_COMMAND = 2
const MESSAGE_COMPONENT = 3
const AUTOCOMPLETE = 4
const PONG = 1
const MESSAGE = 4
const DEFERRED_MESSAGE = 5
const DEFERRED_UPDATE = 6
const UPDATE = 7
const AUTOCOMPLETE_RESULT = 8
const EPHEMERAL = 64
const BUTTON = 2

const NO_MENTIONS = { parse: [] }

interface RawUser {
  id: string
  username?: string
  global_name?: string | null
}

interface RawOption {
  name?: unknown
  value?: unknown
  focused?: boolean
}

interface RawInteraction {
  type?: unknown
  id?: string
  token?: string
  application_id?: string
  locale?: string
  user?: RawUser
  member?: { user?: RawUser }
  data?: { name?: unknown; options?: RawOption[]; custom_id?: unknown; component_type?: unknown }
  message?: { flags?: number }
}

interface CallbackBody {
  type: number
  data?: Record<string, unknown>
}

const asMessage = (message: RenderedMessage, ephemeral: boolean): Record<string, unknown> => ({
  ...message,
  allowed_mentions: NO_MENTIONS,
  ...(ephemeral ? { flags: EPHEMERAL } : {}),
})

const optionsOf = (interaction: RawInteraction): RawOption[] =>
  Array.isArray(interaction.data?.options) ? interaction.data.options : []

export class DiscordInteractionsEndpoint {
  private readonly key: KeyObject
  private readonly api: string
  private readonly deferAfterMs: number
  private readonly maxBodyBytes: number
  private readonly log: Logger
  private readonly cards: CardSource

  constructor(
    private readonly bot: Bot,
    options: DiscordHttpOptions,
    logger: Logger,
  ) {
    this.key = publicKeyFromHex(options.publicKey)
    this.api = (options.apiUrl ?? 'https://discord.com/api').replace(/\/+$/, '')
    this.deferAfterMs = options.deferAfterMs ?? 2000
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
    this.cards = options.cards ?? new CardRenderer()
    this.log = logger.child({ adapter: 'discord-http' })
  }

  /** A node:http listener; mount it on the path registered as the interactions endpoint URL. */
  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    this.handle(request, response).catch((error: unknown) => {
      this.log.error({ error: describeError(error) }, 'discord http request failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end()
      return
    }
    const body = await this.readBody(request)
    if (!body) {
      response.writeHead(413).end()
      return
    }
    const signature = request.headers['x-signature-ed25519']
    const timestamp = request.headers['x-signature-timestamp']
    if (
      !isValidSignature(
        this.key,
        typeof signature === 'string' ? signature : undefined,
        typeof timestamp === 'string' ? timestamp : undefined,
        body,
      )
    ) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature')
      return
    }
    let interaction: RawInteraction
    try {
      interaction = JSON.parse(body.toString('utf8')) as RawInteraction
    } catch {
      response.writeHead(400).end()
      return
    }
    if (typeof interaction !== 'object' || interaction === null) {
      response.writeHead(400).end()
      return
    }

    let sent = false
    const send = (callback: CallbackBody): void => {
      if (sent) return
      sent = true
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(callback))
    }
    try {
      await this.answer(interaction, send)
    } catch (error) {
      this.log.error(
        { interaction: interaction.id, error: describeError(error) },
        'discord interaction failed',
      )
      if (!sent) send({ type: MESSAGE, data: asMessage(renderNotice(ERROR_TEXT), true) })
      else
        await this.followUp(interaction, 'POST', asMessage(renderNotice(ERROR_TEXT), true)).catch(
          () => undefined,
        )
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

  private async answer(interaction: RawInteraction, send: (callback: CallbackBody) => void): Promise<void> {
    const user = interaction.member?.user ?? interaction.user
    switch (interaction.type) {
      case PING:
        send({ type: PONG })
        return
      case AUTOCOMPLETE: {
        const focused = optionsOf(interaction).find((option) => option.focused)
        const partial = focused?.name === QUESTION_OPTION ? String(focused.value ?? '') : undefined
        const choices = partial === undefined ? [] : toChoices(this.bot.autocomplete(partial))
        send({ type: AUTOCOMPLETE_RESULT, data: { choices } })
        return
      }
      case APPLICATION_COMMAND: {
        if (interaction.data?.name !== COMMAND_NAME || !user) {
          send({
            type: MESSAGE,
            data: asMessage(renderNotice('Cette commande n’existe plus. Utilisez /ia-cinema.'), true),
          })
          return
        }
        const value = optionsOf(interaction).find((option) => option.name === QUESTION_OPTION)?.value
        const text =
          typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
        let deferred = false
        const answer = await withDeadline(
          this.bot.ask(text, requesterOf(user, interaction.locale)),
          this.deferAfterMs,
          async () => {
            deferred = true
            send({ type: DEFERRED_MESSAGE, data: { flags: EPHEMERAL } })
          },
        )
        const data = asMessage(renderAnswer(answer), true)
        if (deferred) await this.followUp(interaction, 'PATCH', data)
        else send({ type: MESSAGE, data })
        return
      }
      case MESSAGE_COMPONENT: {
        const customId = interaction.data?.custom_id
        if (interaction.data?.component_type !== BUTTON || typeof customId !== 'string' || !user) break
        let deferred = false
        const outcome = await withDeadline(
          this.bot.act(customId, requesterOf(user, interaction.locale)),
          this.deferAfterMs,
          async () => {
            deferred = true
            send({ type: DEFERRED_UPDATE })
          },
        )
        const name = user.global_name ?? user.username ?? ''
        if (outcome.type === 'card') {
          // Acknowledged before drawing: a cold renderer may take longer than Discord's 3 seconds.
          if (!deferred) send({ type: DEFERRED_UPDATE })
          await this.postCard(interaction, outcome, { id: user.id, name })
          return
        }
        const onEphemeral = ((interaction.message?.flags ?? 0) & EPHEMERAL) !== 0
        const { mode, message } = clickResponse(outcome, { id: user.id, name }, onEphemeral)
        const data = asMessage(message, mode === 'private')
        if (!deferred) send({ type: mode === 'update' ? UPDATE : MESSAGE, data })
        else await this.followUp(interaction, mode === 'update' ? 'PATCH' : 'POST', data)
        return
      }
    }
    send({ type: MESSAGE, data: asMessage(renderNotice('Cette action n’est pas prise en charge.'), true) })
  }

  /** The card as a public follow-up with the PNG attached, or a private word when it cannot be drawn. */
  private async postCard(
    interaction: RawInteraction,
    outcome: Extract<ActionOutcome, { type: 'card' }>,
    clicker: { id: string; name: string },
  ): Promise<void> {
    let card: CardImage
    try {
      card = await this.cards.card(outcome.item, outcome.corpusVersion)
    } catch (error) {
      this.log.error({ interaction: interaction.id, error: describeError(error) }, 'discord card failed')
      await this.followUp(interaction, 'POST', asMessage(renderNotice(CARD_FAILED), true))
      return
    }
    const data = asMessage(cardResponse(outcome.item, card, clicker), false)
    await this.followUp(interaction, 'POST', multipartMessage(data, card))
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
    // A multipart body (a message with a file) sets its own content type, boundary included.
    const reply = await fetch(url, {
      method,
      ...(data instanceof FormData
        ? { body: data }
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) }),
      signal: AbortSignal.timeout(10_000),
    })
    if (!reply.ok) {
      this.log.warn({ interaction: interaction.id, status: reply.status }, 'discord follow-up refused')
    }
  }
}

/** A standalone server for the endpoint (any path), for deployments without another HTTP server. */
export async function startDiscordHttp(
  bot: Bot,
  options: DiscordHttpOptions & { port: number; host?: string },
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
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
