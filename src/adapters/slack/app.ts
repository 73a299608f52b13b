import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LogLevel } from '@slack/bolt'
import type { AnswerItem } from '../../answers/answer.js'
import type { AdapterHandle, CardFile, HttpRoute } from '../../bot/adapter.js'
import type { Bot } from '../../bot/bot.js'
import type { DeliveryClaims } from '../../bot/delivery-claims.js'
import { CardRenderer, type CardSource } from '../../cards/card-renderer.js'
import type { SlackConfig } from '../../config.js'
import { type Front, takeOver } from '../../http/front.js'
import type { Logger } from '../../logger.js'
import { uploadCard } from './actions/share-card.js'
import { boltLevelFor, boltLogger } from './bolt-logger.js'
import { buildApp } from './build-app.js'
import { SlackConfigError, SlackStartError } from './errors.js'
import { registerListeners } from './listeners.js'
import { renderDailyQuote } from './render-blocks.js'
import { warmUpSlack } from './warm-up.js'

export interface SlackHandle extends AdapterHandle {
  mode: 'http' | 'socket'
  /** Port the HTTP receiver listens on (the real one when config.port is 0); undefined in Socket Mode. */
  port?: number
  stop(): Promise<void>
}

export interface SlackOptions {
  /** How long a slash command waits for the answer before acknowledging empty (default 1.5 s, Slack allows 3). */
  ackBudgetMs?: number
  /** Extra GET/HEAD routes on the HTTP receiver's server (/healthz); ignored in Socket Mode. */
  routes?: HttpRoute[]
  /** Quote cards, shared with the other adapters so each card is drawn once (default: a renderer of its own). */
  cards?: CardSource
  /** How long a Web API call may take before it is given up, never retried (default 10 s). */
  webApiTimeoutMs?: number
  /**
   * A bot that records nothing (src/bot/warm-up.ts): before listening, the warm-up questions go through the
   * adapter's whole path with it, so that the first requests find that code compiled.
   */
  warmUp?: Bot
  /** Deliveries claimed across instances through the store (default: this process's memory alone). */
  claims?: DeliveryClaims
}

const DEFAULT_ACK_BUDGET_MS = 1500

/** Slack's Web API base must end with a slash: the client appends method names to it. */
function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined
  return url.endsWith('/') ? url : `${url}/`
}

/**
 * Starts the Slack app: Socket Mode when an app-level token is configured, otherwise the HTTP receiver on
 * `/slack/events`, verifying Slack's signatures. Resolves once the bot token has been checked (auth.test) and
 * the transport is up; rejects with SlackStartError otherwise.
 */
export async function startSlack(
  bot: Bot,
  config: SlackConfig,
  logger: Logger,
  options: SlackOptions = {},
): Promise<SlackHandle> {
  const socketMode = Boolean(config.appToken)
  if (!socketMode && !config.signingSecret) {
    throw new SlackConfigError('Slack: HTTP mode needs a signing secret (or an app token for Socket Mode)')
  }
  const log = logger.child({ platform: 'slack' })
  const slackApiUrl = apiBase(config.apiUrl)
  // Before the real app listens, a throwaway copy answers the warm-up questions on a loopback port.
  if (options.warmUp) await warmUpSlack(options.warmUp, { socketMode, log, slackApiUrl })
  const boltLog = boltLogger(log)
  const app = buildApp({
    botToken: config.botToken,
    boltLog,
    ...(socketMode ? { appToken: config.appToken } : { signingSecret: config.signingSecret }),
    slackApiUrl,
    webApiTimeoutMs: options.webApiTimeoutMs,
    ...(options.claims ? { claims: options.claims } : {}),
    log,
  })
  const listeners = registerListeners(
    app,
    {
      bot,
      logger: log,
      ackBudgetMs: options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS,
      cards: options.cards ?? new CardRenderer(),
    },
    options.claims,
  )

  // The token check (auth.test) says what went wrong in one line of its own; the Web API client's line
  // about the same failed request would only repeat it.
  boltLog.setLevel(LogLevel.ERROR)
  try {
    await app.init()
  } catch (error) {
    throw new SlackStartError(
      `Slack: the bot token was refused or Slack is unreachable (${message(error)})`,
      { cause: error, ...blame(error, config.apiUrl) },
    )
  } finally {
    boltLog.setLevel(boltLevelFor(log.level))
  }

  let front: Front | undefined
  let stopping: Promise<void> | undefined
  // Idempotent: a shutdown path may call it twice, and Bolt's receivers reject a second stop.
  const stop = () => {
    // The receiver stops taking requests first (keep-alive connections included); then what was already
    // accepted finishes its replies.
    front?.shut()
    stopping ??= Promise.resolve(app.stop()).then(() => listeners.drain())
    return stopping
  }
  const status = () => (stopping ? 'stopped' : 'ready') as ReturnType<AdapterHandle['status']>
  const postDailyQuote = async (channel: string, item: AnswerItem, card?: CardFile) => {
    const message = renderDailyQuote(item)
    if (card) await uploadCard(app.client, { channel }, item, card, message)
    else await app.client.chat.postMessage({ channel, ...message, unfurl_links: false })
  }
  const handle = { status, postDailyQuote, stop }

  try {
    if (socketMode) {
      await app.start()
      log.info('Slack connected (Socket Mode)')
      return { mode: 'socket', ...handle }
    }
    const server = (await app.start(config.port)) as Server
    front = takeOver(server, options.routes)
    const port = (server.address() as AddressInfo).port
    log.info({ port }, 'Slack listening (HTTP mode, /slack/events)')
    return { mode: 'http', port, ...handle }
  } catch (error) {
    await app.stop().catch(() => undefined)
    const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    throw new SlackStartError(
      `Slack: could not start the ${socketMode ? 'Socket Mode' : 'HTTP'} receiver (${message(error)})`,
      {
        cause: error,
        ...(taken ? { setting: 'PORT', reason: `${config.port} is already in use` } : {}),
      },
    )
  }
}

/**
 * The variable to name when auth.test failed: the token when Slack refused it; SLACK_API_URL when it is set
 * and did not answer as Slack's Web API does (nothing listening, a timeout, an HTTP error).
 */
function blame(error: unknown, apiUrl: string | undefined): { setting?: string; reason?: string } {
  const refused = slackErrorCode(error)
  if (refused && TOKEN_REFUSALS.has(refused))
    return { setting: 'SLACK_BOT_TOKEN', reason: `rejected by Slack (${refused})` }
  if (!apiUrl) return {}
  const code = (error as { code?: unknown }).code
  if (code === 'slack_webapi_http_error') {
    const status = (error as { statusCode?: unknown }).statusCode
    return { setting: 'SLACK_API_URL', reason: `(${apiUrl}) answered HTTP ${String(status)} to auth.test` }
  }
  if (code === 'slack_webapi_request_error') {
    const original = (error as { original?: unknown }).original
    const why = original instanceof Error ? original.message : message(error)
    return { setting: 'SLACK_API_URL', reason: `(${apiUrl}) cannot be reached: ${why}` }
  }
  return {}
}

/** Slack's answers to auth.test that mean the token itself is wrong, not that Slack could not be reached. */
const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
])

/** The `error` of a Web API answer (`invalid_auth`…), from @slack/web-api's platform error. */
function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data
  return typeof data?.error === 'string' ? data.error : undefined
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
