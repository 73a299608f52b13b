import type { AddressInfo } from 'node:net'
import { App } from '@slack/bolt'
import type { Answer, AnswerItem } from '../../answers/answer.js'
import type { AdapterHandle, HttpRoute } from '../../bot/adapter.js'
import type { Bot } from '../../bot/bot.js'
import type { SlackConfig } from '../../config.js'
import type { Logger } from '../../logger.js'
import { boltLevelFor, boltLogger } from './bolt-logger.js'
import { createReceiver } from './edge/receiver.js'
import { SlackConfigError, SlackStartError } from './errors.js'
import { registerListeners } from './listeners.js'
import { renderAnswer, renderDailyQuote } from './render-blocks.js'
import { AT_MOST_ONCE_RETRIES, WEB_API_TIMEOUT_MS } from './web-api-policy.js'

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
  /** Answers rendered once before listening, so that the first requests find the rendering compiled. */
  warmUp?: readonly Answer[]
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
  const boltLog = boltLogger(log)
  const slackApiUrl = apiBase(config.apiUrl)
  const app = new App({
    token: config.botToken,
    receiver: createReceiver({
      ...(socketMode ? { appToken: config.appToken } : { signingSecret: config.signingSecret }),
      routes: options.routes,
      slackApiUrl,
      log,
      boltLog,
      boltLevel: boltLevelFor(log.level),
    }),
    logger: boltLog,
    logLevel: boltLevelFor(log.level),
    // Interactions are stateless (state travels in button values): Bolt's conversation store is not used.
    convoStore: false,
    // The mention and DM listeners already drop every bot message, this bot's own included; Bolt's
    // ignoreSelf middleware would repeat that check on every request.
    ignoreSelf: false,
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      // Posts happen at most once: see web-api-policy.ts.
      retryConfig: AT_MOST_ONCE_RETRIES,
      timeout: options.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
    },
    // auth.test runs in init(), awaited below, instead of as a floating promise in the constructor: a bad
    // token then fails start-up cleanly rather than as an unhandled rejection.
    deferInitialization: true,
  })
  for (const answer of options.warmUp ?? []) renderAnswer(answer)
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
