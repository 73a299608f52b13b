/**
 * A screen in front of Bolt's HTTPReceiver on `/slack/events`. Bolt checks the signature and refuses stale
 * timestamps, but accepts timestamps in the future (a day ahead, or milliseconds), crashes without answering on
 * a signed `payload=null`, and hands a replayed event to the listeners again. Here each request is read once,
 * then: timestamp within ±5 minutes and signature (401, edge/signature.ts), body well formed (400, or 200 and dropped for an
 * event, which Slack would only retry), each delivery once across instances (edge/claim.ts: a repeat gets 200
 * and nothing else).
 * What passes goes to Bolt unchanged, with the body already read (Bolt reuses it). The receiver is built
 * with Bolt's own signature check off (edge/receiver.ts): it would verify the same signature again and parse
 * every form body one more time, which a burst of long requests pays for.
 */

import type { IncomingMessage } from 'node:http'
import { stringify } from 'node:querystring'
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt'
import type { DeliveryClaims } from '../../../bot/delivery-claims.js'
import { cutQuestion, MAX_QUESTION_CHARS } from '../../../bot/question-length.js'
import { isFreshTimestamp, REPLAY_WINDOW_SECONDS } from '../../../bot/replay-guard.js'
import type { Logger } from '../../../logger.js'
import { screenDelivery } from './claim.js'
import { inspectInbound } from './inbound.js'
import { isSlackSignature } from './signature.js'

export interface HttpGuardOptions {
  signingSecret: string
  /** The path Bolt serves events on. */
  endpoint: string
  claims: DeliveryClaims
  log: Logger
}

type Level = 'debug' | 'info' | 'warn'
type Screened = { pass: true } | { pass: false; status: number; level: Level; reason: string }

const FORM = 'application/x-www-form-urlencoded'
const SSL_CHECK = /(?:^|&)ssl_check=1(?:&|$)/

const refuse = (status: number, reason: string, level: Level = 'warn'): Screened => ({
  pass: false,
  status,
  level,
  reason,
})

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

/** Puts the screen in front of the receiver's request listener; other paths and methods go straight through. */
export function guardHttpReceiver(receiver: HTTPReceiver, options: HttpGuardOptions): void {
  const bolt = receiver.requestListener
  receiver.requestListener = (request, response) => {
    const path = (request.url ?? '/').split('?')[0]
    // Anything else (custom routes, 404s) must reach Bolt synchronously: its server catches what it throws.
    if (request.method !== 'POST' || path !== options.endpoint) return bolt(request, response)
    screen(request, options).then(
      (screened) => {
        if (screened.pass) return bolt(request, response)
        options.log[screened.level](
          { status: screened.status, reason: screened.reason },
          screened.status >= 400 ? 'slack: request refused' : 'slack: request acknowledged and dropped',
        )
        response.writeHead(screened.status).end()
      },
      (error: unknown) => {
        options.log.error({ err: error }, 'slack: could not read a request')
        if (!response.headersSent) response.writeHead(500).end()
      },
    )
  }
}

async function screen(request: IncomingMessage, options: HttpGuardOptions): Promise<Screened> {
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(request, HTTPModuleFunctions.defaultBodyLimit)
  } catch (error) {
    if (HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413) {
      return refuse(413, 'body over the size limit')
    }
    return refuse(400, 'the body could not be read')
  }
  const raw = buffered.rawBody.toString()
  // Slack's certificate check is unsigned: answered here, and nothing sent along with it goes further.
  if (header(request, 'content-type') === FORM && SSL_CHECK.test(raw))
    return refuse(200, 'ssl_check', 'debug')

  const timestamp = header(request, 'x-slack-request-timestamp')
  if (timestamp === undefined || !isFreshTimestamp(timestamp)) {
    return refuse(401, `timestamp missing, malformed or more than ${REPLAY_WINDOW_SECONDS} s away`)
  }
  if (!isSlackSignature(options.signingSecret, timestamp, raw, header(request, 'x-slack-signature'))) {
    return refuse(401, 'signature mismatch')
  }

  let body: unknown
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered)
  } catch {
    return refuse(400, 'the body is not valid JSON or form data')
  }
  const inbound = inspectInbound(body)
  switch (inbound.verdict) {
    case 'malformed':
      return inbound.retriedBySlack
        ? refuse(200, `malformed event dropped: ${inbound.reason}`)
        : refuse(400, `malformed: ${inbound.reason}`)
    case 'ignore':
      return refuse(200, inbound.reason, 'info')
    case 'process': {
      const retried = header(request, 'x-slack-retry-num') !== undefined
      const dropped = await screenDelivery(options.claims, inbound.deliveryId, retried)
      if (dropped) return refuse(200, dropped, 'info')
      cutCommandText(buffered, body)
      return { pass: true }
    }
  }
}

/**
 * A slash command's text is cut here rather than in the listener: Bolt parses the form body once more, and
 * 100 commands of 40,000 characters at once spent a fifth of their time in that parse and its garbage. The
 * signature was checked on the original body above, and Bolt does not check it again.
 */
function cutCommandText(buffered: { rawBody: Buffer }, body: unknown): void {
  const command = body as { command?: unknown; text?: unknown }
  if (typeof command.command !== 'string' || typeof command.text !== 'string') return
  if (command.text.length <= MAX_QUESTION_CHARS) return
  const fields = body as Record<string, string | string[]>
  buffered.rawBody = Buffer.from(stringify({ ...fields, text: cutQuestion(command.text) }))
}
