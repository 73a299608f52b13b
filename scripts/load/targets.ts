/**
 * The two apps under load, started the same way: Bolt's HTTP receiver on a random port, Web API calls (the
 * auth.test at start, any late answer) sent to the fake Slack.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { App, LogLevel } from '@slack/bolt'
import { startSlack } from '../../src/adapters/slack/app.js'
import { renderAnswer } from '../../src/adapters/slack/render-blocks.js'
import { AnswerCache, type CacheStats } from '../../src/bot/answer-cache.js'
import { createBot } from '../../src/bot/create-bot.js'
import { EngineHolder } from '../../src/bot/engine-holder.js'
import { configuredCorpusDir } from '../../src/bot/load-bot.js'
import { createLogger } from '../../src/logger.js'
import { userHasher } from '../../src/storage/keys.js'
import { IN_MEMORY, openSqliteStore } from '../../src/storage/sqlite-store.js'
import { sampleQuestions } from './questions.js'

export const TARGETS = ['bare', 'bare-answer', 'real'] as const
/** Questions whose answers set the size of the bare app's constant. */
const ANSWER_SAMPLE = 50
export type TargetKind = (typeof TARGETS)[number]

export const TARGET_LABELS: Record<TargetKind, string> = {
  bare: 'bare Bolt (ack constant "ok")',
  'bare-answer': 'bare Bolt (ack constant answer)',
  real: 'ia-cinema (startSlack)',
}

export interface TargetOptions {
  apiUrl: string
  signingSecret: string
}

export interface RunningTarget {
  port: number
  stop(): Promise<void>
  /** The answer cache's counters (ia-cinema only; from a child process, once it has stopped). */
  cacheStats?: () => CacheStats | undefined
}

export function isTargetKind(value: unknown): value is TargetKind {
  return (TARGETS as readonly unknown[]).includes(value)
}

export async function startTarget(kind: TargetKind, options: TargetOptions): Promise<RunningTarget> {
  if (kind === 'bare') return startBare(options, 'ok')
  if (kind === 'bare-answer') return startBare(options, await answerSizedConstant())
  return startReal(options)
}

/**
 * A constant as big as a real answer: of the Block Kit answers to the load's questions, the one whose size is
 * closest to their mean. Acking it separates what the answer costs to send from what it costs to compute.
 */
async function answerSizedConstant(): Promise<Record<string, unknown>> {
  // A store, so that the answers carry their 👍 / 👎 buttons as in the measured app.
  const { store } = openSqliteStore({ dataDir: IN_MEMORY })
  const holder = await EngineHolder.load(configuredCorpusDir(), createLogger('silent'))
  const bot = createBot(() => holder.engine, { store })
  const bodies = await Promise.all(
    sampleQuestions(ANSWER_SAMPLE).map(async (question) => {
      const message = renderAnswer(await bot.ask(question, { platform: 'slack', userId: 'U0LOAD' }))
      return { response_type: 'ephemeral', text: message.text, blocks: message.blocks }
    }),
  )
  const sizes = bodies.map((body) => JSON.stringify(body).length)
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
  const closest = sizes.reduce(
    (best, size, i) => (Math.abs(size - mean) < Math.abs((sizes[best] ?? 0) - mean) ? i : best),
    0,
  )
  return bodies[closest] as Record<string, unknown>
}

/** The floor: Bolt verifying the signature and acknowledging with a constant, nothing else. */
async function startBare(
  options: TargetOptions,
  constant: string | Record<string, unknown>,
): Promise<RunningTarget> {
  const app = new App({
    token: 'xoxb-load',
    signingSecret: options.signingSecret,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: options.apiUrl },
    deferInitialization: true,
  })
  app.command('/ia-cinema', async ({ ack }) => {
    await ack(constant)
  })
  await app.init()
  const server = await app.start(0)
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) }
}

/**
 * ia-cinema as `npm start` composes it: the bot over the live corpus, recording every question in a SQLite
 * store (in a temporary folder). Fair use is left out: 200 connections cycling over 50 users would mostly be
 * answered "trop de demandes", which is cheap and says nothing about answering.
 */
async function startReal(options: TargetOptions): Promise<RunningTarget> {
  const logger = createLogger('warn')
  const holder = await EngineHolder.load(configuredCorpusDir(), logger)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-load-'))
  const { store, salt } = openSqliteStore({ dataDir })
  const hash = userHasher(salt)
  const answerCache = new AnswerCache(() => holder.engine)
  const bot = createBot(() => holder.engine, {
    answerCache,
    store,
    userKey: (requester) => (requester.userId ? hash(requester.platform, requester.userId) : undefined),
    logger,
  })
  const handle = await startSlack(
    bot,
    { botToken: 'xoxb-load', signingSecret: options.signingSecret, apiUrl: options.apiUrl, port: 0 },
    logger,
  )
  if (handle.port === undefined) throw new Error('load: the Slack app did not start in HTTP mode')
  return {
    port: handle.port,
    cacheStats: () => answerCache.stats,
    stop: async () => {
      await handle.stop()
      store.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
