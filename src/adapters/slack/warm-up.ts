/**
 * A fresh process spends two to three times longer on its first requests than on later ones: Bolt, the HTTP
 * server, the inbound screen, the listeners, the engine and the Block Kit rendering are compiled as they run.
 * Two hundred slash commands arriving at once right after start then waited seconds for their
 * acknowledgements. So before the real app listens, a throwaway copy of it (same receiver, screen, listeners,
 * over a bot that records nothing) answers signed slash commands on a loopback port, and stops.
 */

import { createHmac, randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { stringify } from 'node:querystring'
import type { Bot } from '../../bot/bot.js'
import { WARM_UP_QUESTIONS } from '../../bot/warm-up.js'
import { CardRenderer } from '../../cards/card-renderer.js'
import type { Logger } from '../../logger.js'
import { buildApp } from './build-app.js'
import { EVENTS_PATH } from './edge/receiver.js'
import { registerListeners } from './listeners.js'
import { renderAnswer } from './render-blocks.js'

/** Rounds of the warm-up questions sent to the throwaway app (about a hundred requests). */
const ROUNDS = 6
/** Connections to the throwaway app; a burst of real requests also arrives on many at once. */
const CONCURRENCY = 16
/** Nothing listens there: a warm-up answer that missed its acknowledgement goes nowhere. */
const NOWHERE = 'http://127.0.0.1:9/'

export interface WarmUpSettings {
  socketMode: boolean
  log: Logger
  slackApiUrl?: string
}

export async function warmUpSlack(bot: Bot, settings: WarmUpSettings): Promise<void> {
  // Socket Mode has no HTTP path of its own to warm: the rendering is what its first envelopes would wait for.
  const answers = await Promise.all(WARM_UP_QUESTIONS.map((q) => bot.ask(q, { platform: 'slack' })))
  for (const answer of answers) renderAnswer(answer)
  if (settings.socketMode) return

  const silent = settings.log.child({ warmUp: true }, { level: 'silent' })
  const signingSecret = randomBytes(32).toString('hex')
  const app = buildApp({
    botToken: 'xoxb-warm-up',
    signingSecret,
    slackApiUrl: NOWHERE,
    identity: { botId: 'B0WARMUP', botUserId: 'U0WARMUP' },
    log: silent,
  })
  const listeners = registerListeners(app, {
    bot,
    logger: silent,
    ackBudgetMs: 1500,
    cards: new CardRenderer(),
  })
  await app.init()
  const server = await app.start({ port: 0, host: '127.0.0.1' })
  const { port } = server.address() as AddressInfo
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const started = performance.now()
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const offset = round * WARM_UP_QUESTIONS.length
      await Promise.all(
        WARM_UP_QUESTIONS.map((text, i) => post(port, agent, signingSecret, command(text, offset + i))),
      )
    }
  } finally {
    agent.destroy()
    await app.stop()
    await listeners.drain()
  }
  settings.log.debug({ ms: Math.round(performance.now() - started) }, 'slack: warmed up')
}

function command(text: string, n: number): string {
  return stringify({
    command: '/ia-cinema',
    text,
    team_id: 'T0WARMUP',
    channel_id: 'C0WARMUP',
    user_id: `U0WARM${n % 10}`,
    trigger_id: `warm-up.${n}`,
    response_url: `${NOWHERE}response`,
  })
}

/** One signed request; failures are of no interest (the point is the code it ran). */
function post(port: number, agent: Agent, secret: string, body: string): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000)
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path: EVENTS_PATH,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
        },
      },
      (response) => {
        response.resume()
        response.on('end', resolve)
        response.on('error', () => resolve())
      },
    )
    outgoing.on('error', () => resolve())
    outgoing.end(body)
  })
}
