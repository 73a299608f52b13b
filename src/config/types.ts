import type { DeskConfig } from './desk.js'
import type { Env } from './env-schema.js'

export type { DeskConfig }

export interface SlackConfig {
  botToken: string
  /** Present in HTTP mode. */
  signingSecret?: string
  /** Present in Socket Mode. */
  appToken?: string
  apiUrl?: string
  port: number
}

export interface DiscordConfig {
  token: string
  applicationId?: string
  guildId?: string
  apiUrl?: string
}

export interface DailyQuoteConfig {
  /** "HH:MM" (or "HH:MM:SS") in `timezone`. */
  at: string
  timezone: string
  days: 'weekdays' | 'everyday'
  slackChannel?: string
  discordChannel?: string
  /** Post the quote's image card with it (DAILY_QUOTE_CARD=on). */
  card: boolean
}

/** Discord's HTTP interactions endpoint (stateless replicas, serverless): no gateway, no bot token needed. */
export interface DiscordHttpConfig {
  publicKey: string
  port: number
  apiUrl?: string
}

export interface Config {
  slack?: SlackConfig
  discord?: DiscordConfig
  discordHttp?: DiscordHttpConfig
  dailyQuote?: DailyQuoteConfig
  /** The editor's desk on the health port; undefined (off) unless DESK_TOKEN is set. */
  desk?: DeskConfig
  /** Watch corpus/ and reload on change. */
  watchCorpus: boolean
  dataDir: string
  /** PostgreSQL instead of SQLite in dataDir: one database shared by several instances. */
  databaseUrl?: string
  /** Unset: generated on first start and kept in the data folder. */
  dataSalt?: string
  /** Where /healthz listens when Slack's HTTP receiver does not (Socket Mode, Slack off). */
  healthPort?: number
  /** "slack:U123", "discord:456…": who may run the reload command. */
  adminUsers: string[]
  rateLimit: { max: number; windowMs: number }
  /** Unset: the project's own corpus folder. */
  corpusDir?: string
  logLevel: Env['LOG_LEVEL']
  /**
   * PORT as set: Slack's HTTP receiver (3000 when unset, in SlackConfig.port), and /healthz when neither that
   * receiver nor HEALTH_PORT carries it. Unset, and without Slack's HTTP mode, the bot takes no port.
   */
  port?: number
  /** Started by npm (npm start, npm run dev): npm passes on SIGINT and SIGTERM only, see parent-watch.ts. */
  startedByNpm: boolean
}
