/**
 * npm start: load the corpus, build the index, open the store, start every adapter whose tokens are set
 * (Slack, Discord) with /healthz and the daily quote; with none, the console chat on stdin/stdout.
 */

import path from 'node:path'
import { runConsoleChat } from './adapters/console/console-chat.js'
import type { AdapterHandle } from './bot/adapter.js'
import type { Requester } from './bot/bot.js'
import { createBot } from './bot/create-bot.js'
import { DeliveryClaims } from './bot/delivery-claims.js'
import { EngineHolder } from './bot/engine-holder.js'
import { DEFAULT_CORPUS_DIR } from './bot/load-bot.js'
import { warmUp } from './bot/warm-up.js'
import { CardRenderer } from './cards/card-renderer.js'
import { DEFAULT_SLACK_PORT, loadConfigOrExit, settingProblem } from './config.js'
import { CorpusError } from './corpus/errors.js'
import { deskRoute } from './desk/route.js'
import { createLogger } from './logger.js'
import { DailyQuote, type DailyQuoteTarget } from './operations/daily-quote.js'
import { healthRoute, startHealthServer } from './operations/health.js'
import { watchParent } from './operations/parent-watch.js'
import { handleShutdownSignals } from './operations/shutdown.js'
import { StorageError } from './storage/errors.js'
import { userHasher } from './storage/keys.js'
import { type OpenedStore, openStore } from './storage/open-store.js'
import { redactUrl } from './storage/postgres-connection.js'

const config = loadConfigOrExit()
const logger = createLogger(config.logLevel)
const startedAt = new Date()
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))

/** A setting that cannot work: one line naming the variable, exit 1 (as for a malformed variable). */
function badSetting(variable: string, problem: string): never {
  process.stderr.write(`${settingProblem(variable, problem)}\n`)
  process.exit(1)
}

// What the bot records (feedback, reports, daily quote history, delivery claims): PostgreSQL when
// DATABASE_URL is set, else SQLite in DATA_DIR. A database that cannot be reached, or a folder that cannot be
// created or written, is a bad setting; trouble after start only degrades the store (see /healthz), the bot
// keeps answering.
let opened: OpenedStore
try {
  opened = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    salt: config.dataSalt,
    logger,
  })
} catch (error) {
  const detail = error instanceof StorageError ? error.detail : String(error).split('\n')[0]
  if (config.databaseUrl !== undefined)
    badSetting('DATABASE_URL', `(${redactUrl(config.databaseUrl)}) cannot be used: ${detail}`)
  badSetting('DATA_DIR', `(${config.dataDir}) cannot be used: ${detail}`)
}
const store = opened.store
// Each Slack delivery and Discord interaction is acted on once across every instance sharing the store.
const claims = new DeliveryClaims({ store, logger })
const hash = userHasher(opened.salt)
const userKey = (requester: Requester) =>
  requester.userId ? hash(requester.platform, requester.userId) : undefined

const corpusDir = config.corpusDir ?? DEFAULT_CORPUS_DIR
const holder = await EngineHolder.load(corpusDir, logger).catch((error: unknown) => {
  // The file named relative to the folder, which the line names once.
  const message =
    error instanceof CorpusError ? error.relativeTo(corpusDir) : `cannot load the corpus: ${String(error)}`
  if (config.corpusDir !== undefined)
    badSetting('CORPUS_DIR', `(${config.corpusDir}) cannot be used: ${message}`)
  process.stderr.write(`${path.relative(process.cwd(), corpusDir) || '.'}: ${message}\n`)
  process.exit(1)
})

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

// One card renderer for every adapter and the daily quote: each card is drawn once per corpus version.
const cards = new CardRenderer()

/** A port already taken is a setting too: the error names the variable that chose it. */
async function listening<T>(variable: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    throw Object.assign(new Error(`${variable} ${port} is already in use`), {
      setting: variable,
      reason: `${port} is already in use`,
    })
  }
}

const adapters: Record<string, AdapterHandle> = {}
const stoppers: Array<() => Promise<void> | void> = []
let shuttingDown = () => false
let starting = true
const health = healthRoute({
  holder,
  adapters: () => adapters,
  storage: () => store.health?.() ?? { state: 'ok' },
  startedAt,
  starting: () => starting,
  shuttingDown: () => shuttingDown(),
})
// The editor's desk rides on the servers that carry /healthz; without DESK_TOKEN, /desk is their 404. It reads
// the store the bot writes to (with PostgreSQL, every instance's rows).
const routes = config.desk
  ? [health, deskRoute({ config: config.desk, holder, reader: opened.desk, logger })]
  : [health]

// Before any adapter listens, representative questions go through the engine, then through each adapter's
// own path (with a bot that records nothing): a burst of requests on a fresh process would otherwise wait
// for all that code to be compiled.
const warmBot =
  config.slack || config.discord || config.discordHttp ? await warmUp(() => holder.engine) : undefined

// /healthz rides on Slack's HTTP receiver when there is one. It gets a server of its own on HEALTH_PORT
// whenever that is set (the console chat included), else on PORT when PORT is set and an adapter runs
// without Slack's receiver; with neither set, no port is taken.
// The editor's desk rides on the same servers: with DESK_TOKEN set and no Slack receiver, it asks for one
// (on PORT, else 3000), the console chat included.
const slackServesHealth = Boolean(config.slack && !config.slack.appToken)
const ownHealth: [string, number] | undefined =
  config.healthPort !== undefined
    ? ['HEALTH_PORT', config.healthPort]
    : slackServesHealth
      ? undefined
      : config.desk !== undefined
        ? ['PORT', config.port ?? DEFAULT_SLACK_PORT]
        : config.port !== undefined && (config.discord || config.discordHttp || config.slack)
          ? ['PORT', config.port]
          : undefined
try {
  // First: a port already taken then stops start-up before anything claims to listen (/healthz says
  // "starting", 503, until the adapters are up).
  if (ownHealth) {
    const [variable, port] = ownHealth
    const server = await listening(variable, port, () => startHealthServer(port, routes, logger))
    stoppers.push(server.stop)
  }
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/app.js')
    adapters.slack = await startSlack(bot, config.slack, logger, {
      routes,
      cards,
      warmUp: warmBot,
      claims,
    })
  }
  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/start-discord.js')
    adapters.discord = await startDiscord(bot, config.discord, logger, { cards, warmUp: warmBot, claims })
  }
  if (config.discordHttp) {
    const { startDiscordHttp } = await import('./adapters/discord/http-interactions.js')
    const { discordHttp } = config
    const endpoint = await listening('DISCORD_HTTP_PORT', discordHttp.port, () =>
      startDiscordHttp(bot, { ...discordHttp, cards, warmUp: warmBot, claims }, logger),
    )
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
  starting = false
} catch (error) {
  await Promise.allSettled([
    ...Object.values(adapters).map((a) => a.stop()),
    ...stoppers.map((stop) => stop()),
  ])
  await store.close()
  // A token refused or a port taken is a setting: its one line, no stack. A platform out of reach is one of
  // the adapters' own errors (a stable code): one line too. Anything else is a bug, logged whole.
  const setting = (error as { setting?: unknown }).setting
  const reason = (error as { reason?: unknown }).reason
  if (typeof setting === 'string' && typeof reason === 'string') badSetting(setting, reason)
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && error instanceof Error)
    logger.fatal({ code, reason: error.message.split('\n')[0] }, 'an adapter could not start')
  else logger.fatal({ err: error }, 'an adapter could not start')
  process.stderr.write(
    `cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
  )
  process.exit(1)
}

if (Object.keys(adapters).length === 0) {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY)
  await runConsoleChat(bot, { input: process.stdin, output: process.stdout, interactive, logger, cards })
  holder.close()
  await Promise.allSettled(stoppers.map((stop) => stop()))
  await store.close()
} else {
  if (config.dailyQuote) {
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
      cards,
    })
    logger.info({ next: daily.nextRun()?.toISOString() }, 'daily quote scheduled')
    stoppers.push(() => daily.stop())
  }

  shuttingDown = handleShutdownSignals({
    logger,
    stop: () => {
      holder.close()
      return [...Object.values(adapters).map((a) => a.stop()), ...stoppers.map((stop) => stop())]
    },
    close: () => store.close(),
  })
  // The pid a reload is sent to (npm start does not pass SIGHUP on): here, and on /healthz.
  logger.info({ pid: process.pid, reload: `kill -HUP ${process.pid}` }, 'ready')
  if (config.startedByNpm) {
    watchParent((npm) => {
      logger.warn(
        { npm, pid: process.pid },
        'npm is gone (SIGHUP ends npm: a reload goes to the app’s pid); shutting down',
      )
      process.kill(process.pid, 'SIGTERM')
    })
  }
}
