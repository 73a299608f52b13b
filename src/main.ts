/**
 * npm start: load the corpus, build the index, start every adapter whose tokens are set (Slack, Discord);
 * with none, the console chat on stdin/stdout.
 */
import { runConsoleChat } from './adapters/console/console-chat.js'
import { loadBot } from './answers/load-bot.js'
import { loadConfigOrExit } from './config.js'
import { CorpusError } from './corpus/errors.js'
import { createLogger } from './logger.js'

const config = loadConfigOrExit()
const logger = createLogger(config.logLevel)

const bot = await loadBot({ corpusDir: config.corpusDir }).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof CorpusError ? error.message : `cannot load the corpus: ${String(error)}`}\n`,
  )
  process.exit(1)
})

const running: Array<{ stop(): Promise<void> }> = []
try {
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/app.js')
    running.push(await startSlack(bot, config.slack, logger))
  }
  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/start-discord.js')
    running.push(await startDiscord(bot, config.discord, logger))
  }
} catch (error) {
  logger.fatal({ err: error }, 'an adapter could not start')
  process.stderr.write(
    `cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
  )
  await Promise.allSettled(running.map((adapter) => adapter.stop()))
  process.exit(1)
}

if (running.length === 0) {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY)
  await runConsoleChat(bot, { input: process.stdin, output: process.stdout, interactive, logger })
} else {
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down')
    await Promise.allSettled(running.map((adapter) => adapter.stop()))
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}
