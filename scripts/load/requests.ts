/**
 * Slash commands as Slack sends them to an HTTP-mode app: form-encoded, signed with the v0 scheme, one fresh
 * timestamp and signature per request (Bolt rejects signatures older than five minutes, and a replayed
 * buffer would hide the cost of verifying a new one).
 */

import { createHmac } from 'node:crypto'
import { questionAt } from './questions.js'

const USERS = 50

export const TEAM_ID = 'T0000001'
// Slack's trigger ids look like 1700000000.123456789012.0a1b2c…: long enough that V8 slices them out of the body.
const TEAM_NUMBER = '123456789012'

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`
}

export interface SignedRequest {
  headers: Record<string, string>
  body: string
}

/**
 * The n-th request of a run: the n-th question of the sequence, users in turn. `text` replaces the question
 * (long and huge texts).
 */
export function slashCommand(n: number, secret: string, responseUrl: string, text?: string): SignedRequest {
  text ??= questionAt(n)
  const user = `U${String(1 + (n % USERS)).padStart(7, '0')}`
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'charge',
    channel_id: 'C0000001',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/ia-cinema',
    text,
    api_app_id: 'A0000001',
    is_enterprise_install: 'false',
    response_url: `${responseUrl}${n}`,
    trigger_id: `${1_700_000_000 + n}.${TEAM_NUMBER}.${createHmac('sha256', 't').update(String(n)).digest('hex').slice(0, 32)}`,
  }).toString()
  const timestamp = Math.floor(Date.now() / 1000)
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
    body,
  }
}
