/**
 * Requests as Slack sends them to an HTTP-mode app: form-encoded slash commands, `payload=<json>` interactions
 * and JSON Events API callbacks, signed with Slack's v0 scheme.
 */

import { createHmac } from 'node:crypto'
import { FAKE_IDS } from './fake-slack.js'

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef'

let triggers = 0
/** Slack makes a fresh trigger_id for every user action; the app treats a repeated one as a replay. */
export const nextTriggerId = () => `${++triggers}.${process.pid}.fake`

export function slackSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`
}

export interface SendOptions {
  secret?: string
  /** Unix seconds (or any header value, signed as given); defaults to now. */
  timestamp?: number | string
  /** Overrides the computed signature (forgery tests). */
  signature?: string
  retryNum?: number
}

export interface SlackReply {
  status: number
  text: string
  /** Parsed JSON body, when there is one. */
  json?: Record<string, unknown>
  ms: number
}

export class SlackSender {
  constructor(private readonly url: string) {}

  async send(rawBody: string, contentType: string, options: SendOptions = {}): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature':
        options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, rawBody),
    }
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum)
      headers['x-slack-retry-reason'] = 'http_timeout'
    }
    const started = performance.now()
    const response = await fetch(this.url, { method: 'POST', headers, body: rawBody })
    const text = await response.text()
    let json: Record<string, unknown> | undefined
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, text, ...(json ? { json } : {}), ms: performance.now() - started }
  }

  command(
    fields: { text: string; responseUrl: string; userId?: string; channelId?: string },
    options?: SendOptions,
  ) {
    const body = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: FAKE_IDS.teamId,
      team_domain: 'fake',
      channel_id: fields.channelId ?? 'C0000001',
      channel_name: 'general',
      user_id: fields.userId ?? 'U0000001',
      user_name: 'ada',
      command: '/ia-cinema',
      text: fields.text,
      api_app_id: 'A0000001',
      response_url: fields.responseUrl,
      trigger_id: nextTriggerId(),
    }).toString()
    return this.send(body, 'application/x-www-form-urlencoded', options)
  }

  interaction(payload: Record<string, unknown>, options?: SendOptions) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
    return this.send(body, 'application/x-www-form-urlencoded', options)
  }

  event(event: Record<string, unknown>, options: SendOptions & { eventId?: string } = {}) {
    return this.send(eventBody(event, options.eventId), 'application/json', options)
  }

  urlVerification(challenge: string, options?: SendOptions) {
    return this.send(
      JSON.stringify({ token: 'x', challenge, type: 'url_verification' }),
      'application/json',
      options,
    )
  }
}

/** An Events API callback as Slack posts it (JSON), with a random event_id unless one is given. */
export function eventBody(event: Record<string, unknown>, eventId?: string): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: FAKE_IDS.teamId,
    api_app_id: 'A0000001',
    type: 'event_callback',
    event_id: eventId ?? `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_IDS.teamId, user_id: FAKE_IDS.botUserId, is_bot: true }],
    event,
  })
}

/** A block_actions payload for a click on a button carrying `value`. */
export function blockActionsPayload(fields: {
  value: string
  responseUrl: string
  userId?: string
  channelId?: string
  ephemeral?: boolean
  container?: Record<string, unknown>
  actionId?: string
}): Record<string, unknown> {
  const channelId = fields.channelId ?? 'C0000001'
  return {
    type: 'block_actions',
    team: { id: FAKE_IDS.teamId, domain: 'fake' },
    user: { id: fields.userId ?? 'U0000001', username: 'ada', team_id: FAKE_IDS.teamId },
    api_app_id: 'A0000001',
    token: 'deprecated-verification-token',
    container: fields.container ?? {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: channelId,
      is_ephemeral: fields.ephemeral ?? true,
    },
    trigger_id: nextTriggerId(),
    channel: { id: channelId, name: 'general' },
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId ?? 'iac:btn:0',
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Bouton' },
        value: fields.value,
        action_ts: '1700000001.000200',
      },
    ],
  }
}
