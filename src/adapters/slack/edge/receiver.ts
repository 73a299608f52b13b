import { type Logger as BoltLogger, HTTPReceiver, type LogLevel, SocketModeReceiver } from '@slack/bolt'
import { DeliveryClaims } from '../../../bot/delivery-claims.js'
import type { Logger } from '../../../logger.js'
import { guardHttpReceiver } from './http-guard.js'
import { warmUpInbound } from './inbound.js'
import { guardSocketMode } from './socket-guard.js'

export const EVENTS_PATH = '/slack/events'

export interface ReceiverSettings {
  /** Socket Mode when set; HTTP otherwise. */
  appToken?: string
  signingSecret?: string
  log: Logger
  boltLog: BoltLogger
  boltLevel: LogLevel
  /** The Web API base, for the Socket Mode client's apps.connections.open. */
  slackApiUrl?: string
  /** Deliveries claimed across instances (default: this process's memory alone). */
  claims?: DeliveryClaims
}

// Opening a Socket Mode connection changes nothing on Slack's side: retrying it is safe, unlike a post.
const CONNECTION_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 }

/**
 * Bolt's own receiver for the transport, with the inbound screen in front of it (edge/http-guard.ts,
 * edge/socket-guard.ts). Deliveries are claimed through `claims`: per process, and in the shared store when
 * there is one.
 */
export function createReceiver(settings: ReceiverSettings): HTTPReceiver | SocketModeReceiver {
  warmUpInbound()
  const claims = settings.claims ?? new DeliveryClaims()
  const { log, boltLog: logger, boltLevel: logLevel } = settings
  if (settings.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger,
      logLevel,
      installerOptions: {
        clientOptions: {
          ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
          retryConfig: CONNECTION_RETRIES,
        },
      },
    })
    guardSocketMode(receiver.client, { claims, log })
    return receiver
  }
  const signingSecret = settings.signingSecret ?? ''
  const receiver = new HTTPReceiver({
    signingSecret,
    // guardHttpReceiver (installed just below, always) checks the timestamp and the signature of every request
    // to EVENTS_PATH before Bolt sees it; Bolt's own check would repeat the work.
    signatureVerification: false,
    endpoints: [EVENTS_PATH],
    logger,
    logLevel,
  })
  guardHttpReceiver(receiver, { signingSecret, endpoint: EVENTS_PATH, claims, log })
  return receiver
}
