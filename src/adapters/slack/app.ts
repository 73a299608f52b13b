import type { AddressInfo } from 'node:net'
import type { AnswerItem } from '../../answers/answer.js'
import type { AdapterHandle, HttpRoute } from '../../bot/adapter.js'
import type { Bot } from '../../bot/bot.js'
import type { SlackConfig } from '../../config.js'
import type { Logger } from '../../logger.js'
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
  /** Extra GET routes on the HTTP receiver's server (/healthz); ignored in Socket Mode. */
  routes?: HttpRoute[]
  /** How long a Web API call may take before it is given up, never retried (default 10 s). */
  webApiTimeoutMs?: number
  /**
   * A bot that records nothing (src/bot/warm-up.ts): before listening, the warm-up questions go through the
   * adapter's whole path with it, so that the first requests find that code compiled.
   */
  warmUp?: Bot
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
  const app = buildApp({
    botToken: config.botToken,
    ...(socketMode ? { appToken: config.appToken } : { signingSecret: config.signingSecret }),
    slackApiUrl,
    routes: options.routes,
    webApiTimeoutMs: options.webApiTimeoutMs,
    log,
  })
  const listeners = registerListeners(app, {
    bot,
    logger: log,
    ackBudgetMs: options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS,
  })

  try {
    await app.init()
  } catch (error) {
    throw new SlackStartError(
      `Slack: the bot token was refused or Slack is unreachable (${message(error)})`,
      {
        cause: error,
      },
    )
  }

  let stopping: Promise<void> | undefined
  // Idempotent: a shutdown path may call it twice, and Bolt's receivers reject a second stop.
  const stop = () => {
    // The receiver stops taking requests first; then what was already accepted finishes its replies.
    stopping ??= Promise.resolve(app.stop()).then(() => listeners.drain())
    return stopping
  }
  const status = () => (stopping ? 'stopped' : 'ready') as ReturnType<AdapterHandle['status']>
  const postDailyQuote = async (channel: string, item: AnswerItem) => {
    const message = renderDailyQuote(item)
    await app.client.chat.postMessage({ channel, ...message, unfurl_links: false })
  }
  const handle = { status, postDailyQuote, stop }

  try {
    if (socketMode) {
      await app.start()
      log.info('Slack connected (Socket Mode)')
      return { mode: 'socket', ...handle }
    }
    const server = await app.start(config.port)
    const port = (server.address() as AddressInfo).port
    log.info({ port }, 'Slack listening (HTTP mode, /slack/events)')
    return { mode: 'http', port, ...handle }
  } catch (error) {
    await app.stop().catch(() => undefined)
    throw new SlackStartError(
      `Slack: could not start the ${socketMode ? 'Socket Mode' : 'HTTP'} receiver (${message(error)})`,
      {
        cause: error,
      },
    )
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
