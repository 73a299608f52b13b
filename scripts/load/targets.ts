/**
 * The two apps under load, started the same way: Bolt's HTTP receiver on a random port, Web API calls (the
 * auth.test at start, any late answer) sent to the fake Slack.
 */

import type { AddressInfo } from 'node:net'
import { App, LogLevel } from '@slack/bolt'
import { startSlack } from '../../src/adapters/slack/app.js'
import { loadBot } from '../../src/answers/load-bot.js'
import { createLogger } from '../../src/logger.js'

export const TARGETS = ['bare', 'real'] as const
export type TargetKind = (typeof TARGETS)[number]

export const TARGET_LABELS: Record<TargetKind, string> = {
  bare: 'bare Bolt (ack constant)',
  real: 'ia-cinema (startSlack)',
}

export interface TargetOptions {
  apiUrl: string
  signingSecret: string
}

export interface RunningTarget {
  port: number
  stop(): Promise<void>
}

export function isTargetKind(value: unknown): value is TargetKind {
  return (TARGETS as readonly unknown[]).includes(value)
}

export async function startTarget(kind: TargetKind, options: TargetOptions): Promise<RunningTarget> {
  return kind === 'bare' ? startBare(options) : startReal(options)
}

/** The floor: Bolt verifying the signature and acknowledging with a constant, nothing else. */
async function startBare(options: TargetOptions): Promise<RunningTarget> {
  const app = new App({
    token: 'xoxb-load',
    signingSecret: options.signingSecret,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: options.apiUrl },
    deferInitialization: true,
  })
  app.command('/ia-cinema', async ({ ack }) => {
    await ack('ok')
  })
  await app.init()
  const server = await app.start(0)
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) }
}

async function startReal(options: TargetOptions): Promise<RunningTarget> {
  const bot = await loadBot()
  const handle = await startSlack(
    bot,
    { botToken: 'xoxb-load', signingSecret: options.signingSecret, apiUrl: options.apiUrl, port: 0 },
    createLogger('warn'),
  )
  if (handle.port === undefined) throw new Error('load: the Slack app did not start in HTTP mode')
  return { port: handle.port, stop: handle.stop }
}
