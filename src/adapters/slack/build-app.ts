import { App, type Logger as BoltLogger } from '@slack/bolt'
import type { DeliveryClaims } from '../../bot/delivery-claims.js'
import type { Logger } from '../../logger.js'
import { boltLevelFor, boltLogger } from './bolt-logger.js'
import { createReceiver } from './edge/receiver.js'
import { AT_MOST_ONCE_RETRIES, WEB_API_TIMEOUT_MS } from './web-api-policy.js'

export interface AppSettings {
  botToken: string
  /** Socket Mode when set; HTTP otherwise. */
  appToken?: string
  signingSecret?: string
  /** The Web API base, ending with a slash; Slack's own when unset. */
  slackApiUrl?: string
  webApiTimeoutMs?: number
  /** The bot's ids when known in advance: no auth.test then (the warm-up app, which must not call Slack). */
  identity?: { botId: string; botUserId: string }
  /** Deliveries claimed across instances (default: this process's memory alone). */
  claims?: DeliveryClaims
  log: Logger
  /** Bolt's and the Web API client's logger (default: one writing into `log`). */
  boltLog?: BoltLogger
}

/** The Bolt app, its receiver behind the inbound screen, and a Web API client that posts at most once. */
export function buildApp(settings: AppSettings): App {
  const { log, slackApiUrl, identity } = settings
  const boltLog = settings.boltLog ?? boltLogger(log)
  const boltLevel = boltLevelFor(log.level)
  return new App({
    token: settings.botToken,
    ...(identity ? { ...identity, tokenVerificationEnabled: false } : {}),
    receiver: createReceiver({
      ...(settings.appToken ? { appToken: settings.appToken } : { signingSecret: settings.signingSecret }),
      slackApiUrl,
      ...(settings.claims ? { claims: settings.claims } : {}),
      log,
      boltLog,
      boltLevel,
    }),
    logger: boltLog,
    logLevel: boltLevel,
    // Interactions are stateless (state travels in button values): Bolt's conversation store is not used.
    convoStore: false,
    // The mention and DM listeners already drop every bot message, this bot's own included; Bolt's
    // ignoreSelf middleware would repeat that check on every request.
    ignoreSelf: false,
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      // Posts happen at most once: see web-api-policy.ts.
      retryConfig: AT_MOST_ONCE_RETRIES,
      timeout: settings.webApiTimeoutMs ?? WEB_API_TIMEOUT_MS,
    },
    // auth.test runs in init(), awaited by the caller, instead of as a floating promise in the constructor: a
    // bad token then fails start-up cleanly rather than as an unhandled rejection.
    deferInitialization: true,
  })
}
