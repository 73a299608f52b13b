/**
 * npm start: load the corpus, build the index, open the store, start every adapter whose tokens are set
 * (Slack, Discord) with /healthz and the daily quote; with none, the console chat on stdin/stdout.
 */

import { runConsoleChat } from './adapters/console/console-chat.js'
import type { AdapterHandle } from './bot/adapter.js'
import type { Requester } from './bot/bot.js'
import { createBot } from './bot/create-bot.js'
import { EngineHolder } from './bot/engine-holder.js'
import { DEFAULT_CORPUS_DIR } from './bot/load-bot.js'
import { warmUp } from './bot/warm-up.js'
import { loadConfigOrExit } from './config.js'
import { CorpusError } from './corpus/errors.js'
import { createLogger } from './logger.js'
import { DailyQuote, type DailyQuoteTarget } from './operations/daily-quote.js'
import { healthRoute, startHealthServer } from './operations/health.js'
import type { Store } from './storage/store.js'

const SHUTDOWN_DEADLINE_MS = 4_500

const config = loadConfigOrExit()
const logger = createLogger(config.logLevel)
const startedAt = new Date()
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))

const holder = await EngineHolder.load(config.corpusDir ?? DEFAULT_CORPUS_DIR, logger).catch(
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof CorpusError ? error.message : `cannot load the corpus: ${String(error)}`}\n`,
    )
    process.exit(1)
  },
)

// The store is an aid (feedback, reports, daily quote history): without it the bot still answers.
let store: Store | undefined
let userKey: ((requester: Requester) => string | undefined) | undefined
try {
  const { openSqliteStore } = await import('./storage/sqlite-store.js')
  const { userHasher } = await import('./storage/keys.js')
  const opened = openSqliteStore({ dataDir: config.dataDir, salt: config.dataSalt })
  store = opened.store
  const hash = userHasher(opened.salt)
  userKey = (requester) => (requester.userId ? hash(requester.platform, requester.userId) : undefined)
} catch (error) {
  logger.error(
    { err: error },
    `storage unavailable, answering without it: ${error instanceof Error ? error.message : error}`,
  )
}

const bot = createBot(() => holder.engine, {
  store,
  userKey,
  // Fair use protects shared channels; the console chat is one person at a keyboard (or a pipe).
  rateLimit: config.slack || config.discord || config.discordHttp ? config.rateLimit : undefined,
  adminUsers: config.adminUsers,
  reload: () => holder.reload('reload command'),
  logger,
})
if (config.watchCorpus) holder.watch()
process.on('SIGHUP', () => void holder.reload('SIGHUP'))

const adapters: Record<string, AdapterHandle> = {}
const stoppers: Array<() => Promise<void> | void> = []
let shuttingDown = false
const health = healthRoute({ holder, adapters: () => adapters, startedAt, shuttingDown: () => shuttingDown })

// Before any adapter listens, representative questions go through the engine, then through each adapter's
// own path (with a bot that records nothing): a burst of requests on a fresh process would otherwise wait
// for all that code to be compiled.
const warmBot =
  config.slack || config.discord || config.discordHttp ? await warmUp(() => holder.engine) : undefined

// /healthz rides on Slack's HTTP receiver when there is one; otherwise it gets a server of its own.
let slackServesHealth = false
try {
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/app.js')
    const slack = await startSlack(bot, config.slack, logger, { routes: [health], warmUp: warmBot })
    adapters.slack = slack
    slackServesHealth = slack.mode === 'http'
  }
  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/start-discord.js')
    adapters.discord = await startDiscord(bot, config.discord, logger, { warmUp: warmBot })
  }
  if (config.discordHttp) {
    const { startDiscordHttp } = await import('./adapters/discord/http-interactions.js')
    const endpoint = await startDiscordHttp(bot, { ...config.discordHttp, warmUp: warmBot }, logger)
    let stopped = false
    adapters.discordHttp = {
      status: () => (stopped ? 'stopped' : 'ready'),
      postDailyQuote: async () => {
        throw new Error(
          'the Discord HTTP endpoint cannot post in a channel: the daily quote needs DISCORD_TOKEN',
        )
      },
      stop: async () => {
        stopped = true
        await endpoint.stop()
      },
    }
  }
  if (Object.keys(adapters).length > 0 && (!slackServesHealth || config.healthPort !== undefined)) {
    stoppers.push((await startHealthServer(config.healthPort ?? config.port, health, logger)).stop)
  }
} catch (error) {
  logger.fatal({ err: error }, 'an adapter could not start')
  process.stderr.write(
    `cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
  )
  await Promise.allSettled([
    ...Object.values(adapters).map((a) => a.stop()),
    ...stoppers.map((stop) => stop()),
  ])
  process.exit(1)
}

if (Object.keys(adapters).length === 0) {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY)
  await runConsoleChat(bot, { input: process.stdin, output: process.stdout, interactive, logger })
  holder.close()
  store?.close()
} else {
  if (config.dailyQuote && store) {
    const targets: DailyQuoteTarget[] = []
    const { slackChannel, discordChannel } = config.dailyQuote
    if (slackChannel && adapters.slack)
      targets.push({ platform: 'slack', channel: slackChannel, adapter: adapters.slack })
    if (discordChannel && adapters.discord) {
      targets.push({ platform: 'discord', channel: discordChannel, adapter: adapters.discord })
    }
    const daily = new DailyQuote({
      config: config.dailyQuote,
      store,
      getEngine: () => holder.engine,
      targets,
      logger,
    })
    logger.info({ next: daily.nextRun()?.toISOString() }, 'daily quote scheduled')
    stoppers.push(() => daily.stop())
  }

  // Stop taking new work, let what is in flight finish, close connections and the database, exit 0.
  const shutdown = async (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    logger.info({ signal }, 'shutting down')
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached, exiting')
      process.exit(0)
    }, SHUTDOWN_DEADLINE_MS)
    holder.close()
    await Promise.allSettled([
      ...Object.values(adapters).map((a) => a.stop()),
      ...stoppers.map((stop) => stop()),
    ])
    store?.close()
    clearTimeout(deadline)
    logger.info('stopped')
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}
