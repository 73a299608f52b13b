/**
 * The same screen for Socket Mode. The Socket Mode client reads `payload.event.type` of an events_api envelope
 * without checking it, so `payload: null` becomes an unhandled rejection and an envelope never acknowledged
 * (Slack then redelivers it). Each frame is checked here before the client sees it: a malformed envelope is
 * acknowledged (so that Slack does not resend it) and dropped with one log line, and a delivery already
 * answered (edge/claim.ts, across instances) is acknowledged and dropped too.
 */

import type { SocketModeReceiver } from '@slack/bolt'
import { z } from 'zod'
import type { DeliveryClaims } from '../../../bot/delivery-claims.js'
import type { Logger } from '../../../logger.js'
import { screenDelivery } from './claim.js'
import { inspectInbound } from './inbound.js'

export interface SocketGuardOptions {
  claims: DeliveryClaims
  log: Logger
}

type SocketClient = SocketModeReceiver['client']
type FrameListener = (data: unknown, isBinary: boolean) => unknown

const envelope = z.looseObject({
  type: z.string(),
  envelope_id: z.string().optional(),
  payload: z.unknown().optional(),
  retry_attempt: z.number().optional(),
})

/** Frames the client handles itself, carrying no payload. */
const CONTROL = new Set(['hello', 'disconnect'])

type Screened = { pass: true } | { pass: false; envelopeId?: string; level: 'info' | 'warn'; reason: string }

async function screen(data: unknown, isBinary: boolean, claims: DeliveryClaims): Promise<Screened> {
  if (isBinary) return { pass: true } // the client ignores binary frames itself
  let parsed: z.infer<typeof envelope>
  try {
    const text = typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8')
    const result = envelope.safeParse(JSON.parse(text))
    if (!result.success) return { pass: false, level: 'warn', reason: 'not an envelope' }
    parsed = result.data
  } catch {
    return { pass: false, level: 'warn', reason: 'not JSON' }
  }
  if (CONTROL.has(parsed.type)) return { pass: true }
  const envelopeId = parsed.envelope_id
  if (!envelopeId) return { pass: false, level: 'warn', reason: `${parsed.type} without envelope_id` }
  const inbound = inspectInbound(parsed.payload)
  switch (inbound.verdict) {
    case 'malformed':
      return { pass: false, envelopeId, level: 'warn', reason: `malformed: ${inbound.reason}` }
    case 'ignore':
      return { pass: false, envelopeId, level: 'info', reason: inbound.reason }
    case 'process': {
      const retried = (parsed.retry_attempt ?? 0) > 0
      const dropped = await screenDelivery(claims, inbound.deliveryId, retried)
      if (dropped) return { pass: false, envelopeId, level: 'info', reason: dropped }
      return { pass: true }
    }
  }
}

/** Puts the screen between the WebSocket and the Socket Mode client's own frame handler. */
export function guardSocketMode(client: SocketClient, options: SocketGuardOptions): void {
  const handlers = client.listeners('ws_message') as FrameListener[]
  client.removeAllListeners('ws_message')
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    screen(data, isBinary, options.claims).then(
      (screened) => {
        if (screened.pass) {
          for (const handler of handlers) handler.call(client, data, isBinary)
          return
        }
        options.log[screened.level](
          { envelopeId: screened.envelopeId, reason: screened.reason },
          'slack: envelope acknowledged and dropped',
        )
        if (screened.envelopeId) acknowledge(client, screened.envelopeId, options.log)
      },
      (error: unknown) => options.log.error({ err: error }, 'slack: could not screen an envelope'),
    )
  })
}

/** An empty acknowledgement, as the client's own ack() sends it. */
function acknowledge(client: SocketClient, envelopeId: string, log: Logger): void {
  // `send` is private in the typings but is what the client's ack() calls.
  const send = (client as unknown as { send(id: string, body?: object): Promise<void> }).send
  send.call(client, envelopeId, {}).catch((error: unknown) => {
    log.warn({ err: error, envelopeId }, 'slack: could not acknowledge a dropped envelope')
  })
}
