/**
 * Starts the real Bolt app (through startSlack, HTTP mode, random port) against the fake Slack, with logs
 * captured in memory so tests can check that failures are logged.
 */

import { Writable } from 'node:stream'
import { pino } from 'pino'
import { type SlackHandle, type SlackOptions, startSlack } from '../../../src/adapters/slack/app.js'
import type { Answer } from '../../../src/answers/answer.js'
import type { ActionOutcome, Bot, Requester, Suggestion } from '../../../src/bot/bot.js'
import type { SlackConfig } from '../../../src/config.js'
import type { Logger } from '../../../src/logger.js'
import { type FakeSlack, startFakeSlack } from '../../helpers/fake-slack.js'
import { SIGNING_SECRET, SlackSender } from '../../helpers/fake-slack-requests.js'

export interface LogLine {
  level: number
  msg: string
  [key: string]: unknown
}

export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  return { logger: pino({ level: 'info' }, sink), lines }
}

/** Wraps a bot to record what the adapter asked it, whatever bot it is (fake or real). */
export class RecordingBot implements Bot {
  readonly asked: Array<{ text: string; requester: Requester }> = []
  readonly acted: string[] = []
  constructor(readonly inner: Bot) {}
  ask(text: string, requester: Requester): Promise<Answer> {
    this.asked.push({ text, requester })
    return this.inner.ask(text, requester)
  }
  act(id: string, requester: Requester): Promise<ActionOutcome> {
    this.acted.push(id)
    return this.inner.act(id, requester)
  }
  autocomplete(partial: string): Suggestion[] {
    return this.inner.autocomplete(partial)
  }
  onboarding(): Answer {
    return this.inner.onboarding()
  }
}

export interface Harness {
  slack: FakeSlack
  handle: SlackHandle
  sender: SlackSender
  bot: RecordingBot
  logs: LogLine[]
  close(): Promise<void>
}

export async function startHarness(
  bot: Bot,
  options: SlackOptions = {},
  config: Partial<SlackConfig> = {},
): Promise<Harness> {
  const slack = await startFakeSlack()
  const { logger, lines } = memoryLogger()
  const recording = new RecordingBot(bot)
  // No trailing slash on purpose: startSlack must add it.
  const apiUrl = slack.apiUrl.replace(/\/$/, '')
  const handle = await startSlack(
    recording,
    { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl, port: 0, ...config },
    logger,
    options,
  )
  const sender = new SlackSender(`http://127.0.0.1:${handle.port}/slack/events`)
  return {
    slack,
    handle,
    sender,
    bot: recording,
    logs: lines,
    async close() {
      await handle.stop()
      await slack.stop()
    },
  }
}

/** Polls `check` until it is true (for state with no change notification, such as log lines). */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
