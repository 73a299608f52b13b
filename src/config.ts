import path from 'node:path'
import { deskConfig } from './config/desk.js'
import { envSchema } from './config/env-schema.js'
import { PROJECT_ROOT } from './config/project-root.js'
import type { Config } from './config/types.js'

/**
 * The only reader of process.env. Every variable is validated at start-up; a bad one stops the process
 * with one line per problem, naming the variable.
 */

export type { Env } from './config/env-schema.js'
export { PROJECT_ROOT, projectRoot } from './config/project-root.js'
export type * from './config/types.js'

/** Slack's HTTP receiver listens here when PORT is unset. */
export const DEFAULT_SLACK_PORT = 3000

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

/**
 * The line for a variable that cannot work, the same whether the schema refused it or start-up found it
 * unusable (a folder that cannot be written, a token the platform refused).
 */
export function settingProblem(variable: string, problem: string): string {
  return `config: ${variable} ${problem}`
}

/** Parses an environment (process.env by default). Throws ConfigError listing one line per bad variable. */
export function parseConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) =>
        settingProblem(issue.path.join('.') || 'environment', issue.message),
      ),
    )
  }
  const env = parsed.data
  return {
    slack: env.SLACK_BOT_TOKEN
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET,
          appToken: env.SLACK_APP_TOKEN,
          apiUrl: env.SLACK_API_URL,
          port: env.PORT ?? DEFAULT_SLACK_PORT,
        }
      : undefined,
    discord: env.DISCORD_TOKEN
      ? {
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID,
          guildId: env.DISCORD_GUILD_ID,
          apiUrl: env.DISCORD_API_URL,
        }
      : undefined,
    discordHttp:
      env.DISCORD_PUBLIC_KEY && env.DISCORD_HTTP_PORT !== undefined
        ? { publicKey: env.DISCORD_PUBLIC_KEY, port: env.DISCORD_HTTP_PORT, apiUrl: env.DISCORD_API_URL }
        : undefined,
    corpusDir: env.CORPUS_DIR,
    watchCorpus: env.CORPUS_WATCH === 'on',
    // In the project's folder, as corpus/ is, wherever the process was started from.
    dataDir: env.DATA_DIR ?? path.join(PROJECT_ROOT, 'data'),
    databaseUrl: env.DATABASE_URL,
    dataSalt: env.DATA_SALT,
    healthPort: env.HEALTH_PORT,
    adminUsers: (env.ADMIN_USERS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    rateLimit: parseRate(env.RATE_LIMIT),
    dailyQuote:
      env.DAILY_QUOTE_AT && (env.DAILY_QUOTE_SLACK_CHANNEL || env.DAILY_QUOTE_DISCORD_CHANNEL)
        ? {
            at: env.DAILY_QUOTE_AT,
            timezone: env.DAILY_QUOTE_TIMEZONE,
            days: env.DAILY_QUOTE_DAYS,
            slackChannel: env.DAILY_QUOTE_SLACK_CHANNEL,
            discordChannel: env.DAILY_QUOTE_DISCORD_CHANNEL,
            card: env.DAILY_QUOTE_CARD === 'on',
          }
        : undefined,
    desk: deskConfig(env),
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    startedByNpm: env.npm_lifecycle_event !== undefined,
  }
}

function parseRate(text: string): { max: number; windowMs: number } {
  const [max = '10', seconds = '10'] = text.replace(/s$/, '').split('/')
  return { max: Number(max), windowMs: Number(seconds) * 1000 }
}

/** For entry points: the config, or one line per problem on stderr and exit 1. */
export function loadConfigOrExit(): Config {
  try {
    return parseConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n`)
      process.exit(1)
    }
    throw error
  }
}
