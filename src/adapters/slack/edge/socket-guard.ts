/**
 * The same screen for Socket Mode. The Socket Mode client reads `payload.event.type` of an events_api envelope
 * without checking it, so `payload: null` becomes an unhandled rejection and an envelope never acknowledged
 * (Slack then redelivers it). Each frame is checked here before the client sees it: a malformed envelope is
 * acknowledged (so that Slack does not resend it) and dropped with one log line, and a delivery already
 * answered is acknowledged and dropped too.
 */

import type { SocketModeReceiver } from '@slack/bolt'
import { z } from 'zod'
import type { SeenOnce } from '../../../bot/replay-guard.js'
import type { Logger } from '../../../logger.js'
import { inspectInbound } from './inbound.js'

export interface SocketGuardOptions {
  seen: SeenOnce
  log: Logger
}

type SocketClient = SocketModeReceiver['client']
type FrameListener = (data: unknown, isBinary: boolean) => unknown

const envelope = z.looseObject({
  type: z.string(),
  envelope_id: z.string().optional(),
  payload: z.unknown().optional(),
})

/** Frames the client handles itself, carrying no payload. */
const CONTROL = new Set(['hello', 'disconnect'])

type Screened = { pass: true } | { pass: false; envelopeId?: string; level: 'info' | 'warn'; reason: string }

function screen(data: unknown, isBinary: boolean, seen: SeenOnce): Screened {
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
    case 'process':
      if (inbound.deliveryId && !seen.first(inbound.deliveryId)) {
        return {
          pass: false,
          envelopeId,
          level: 'info',
          reason: `already answered: ${inbound.deliveryId.slice(0, 80)}`,
        }
      }
      return { pass: true }
  }
}

/** Puts the screen between the WebSocket and the Socket Mode client's own frame handler. */
export function guardSocketMode(client: SocketClient, options: SocketGuardOptions): void {
  const handlers = client.listeners('ws_message') as FrameListener[]
  client.removeAllListeners('ws_message')
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const screened = screen(data, isBinary, options.seen)
    if (screened.pass) {
      for (const handler of handlers) handler.call(client, data, isBinary)
      return
    }
    options.log[screened.level](
      { envelopeId: screened.envelopeId, reason: screened.reason },
      'slack: envelope acknowledged and dropped',
    )
    if (screened.envelopeId) acknowledge(client, screened.envelopeId, options.log)
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
