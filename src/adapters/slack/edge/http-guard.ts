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
import { parse, stringify } from 'node:querystring'
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt'
import type { DeliveryClaims } from '../../../bot/delivery-claims.js'
import { cutQuestion, cutText, MAX_QUESTION_CHARS } from '../../../bot/question-length.js'
import { isFreshTimestamp, REPLAY_WINDOW_SECONDS } from '../../../bot/replay-guard.js'
import type { Logger } from '../../../logger.js'
import { screenDelivery } from './claim.js'
import { formText } from './form-text.js'
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
  const form = header(request, 'content-type') === FORM
  const read = form
    ? formText(buffered.rawBody, { text: MAX_QUESTION_CHARS, other: MAX_COMMAND_FIELD_CHARS })
    : { text: buffered.rawBody.toString(), cut: false }
  const raw = read.text
  // Slack's certificate check is unsigned: answered here, and nothing sent along with it goes further.
  if (form && SSL_CHECK.test(raw)) return refuse(200, 'ssl_check', 'debug')

  const timestamp = header(request, 'x-slack-request-timestamp')
  if (timestamp === undefined || !isFreshTimestamp(timestamp)) {
    return refuse(401, `timestamp missing, malformed or more than ${REPLAY_WINDOW_SECONDS} s away`)
  }
  // Signed as the bytes came (a megabyte body is not copied once more into the HMAC's input).
  const signature = header(request, 'x-slack-signature')
  if (!isSlackSignature(options.signingSecret, timestamp, buffered.rawBody, signature)) {
    return refuse(401, 'signature mismatch')
  }

  let body: unknown
  try {
    body = parseBody(raw, header(request, 'content-type'))
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
      // Bolt parses the body once more: what it gets is the bounded one, never the megabyte that came.
      const bounded =
        boundedCommandBody(body) ?? (read.cut ? stringify(body as Record<string, string>) : undefined)
      if (bounded !== undefined) buffered.rawBody = Buffer.from(bounded)
      return { pass: true }
    }
  }
}

/**
 * Bolt's parseHTTPRequestBody on the text already decoded (Bolt's decodes the buffer once more): a form, a
 * form carrying a JSON `payload` (interactions), or JSON.
 */
function parseBody(raw: string, contentType: string | undefined): unknown {
  if (contentType !== FORM) return JSON.parse(raw)
  const fields = parse(raw)
  return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields
}

/** Longest a slash command's other fields get (ids, names, the response_url are well under 200). */
export const MAX_COMMAND_FIELD_CHARS = 1000

/**
 * The body Bolt gets in place of a slash command's, when a field of it is too long; undefined when none is.
 * A slash command's text is cut here rather than in the listener: Bolt parses the form body once more, and
 * 100 commands of 40,000 characters at once spent a fifth of their time in that parse and its garbage. The
 * signature was checked on the original body above, and Bolt does not check it again.
 *
 * Every other field is bounded too, so that what Bolt parses is small whatever came in: the values it
 * parses are slices of the body, and a slice kept anywhere (a rate limiter's key, a late reply's
 * response_url) would keep the whole body alive with it.
 */
export function boundedCommandBody(body: unknown): string | undefined {
  const command = body as { command?: unknown }
  if (typeof command.command !== 'string') return undefined
  let cut = false
  const bound = (name: string, value: string) => {
    const limit = name === 'text' ? MAX_QUESTION_CHARS : MAX_COMMAND_FIELD_CHARS
    if (value.length <= limit) return value
    cut = true
    return name === 'text' ? cutQuestion(value) : cutText(value, limit)
  }
  const bounded: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(body as Record<string, string | string[]>)) {
    bounded[name] = typeof value === 'string' ? bound(name, value) : value.map((v) => bound(name, v))
  }
  return cut ? stringify(bounded) : undefined
}
