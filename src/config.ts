import { z } from 'zod'

/**
 * The only reader of process.env. Every variable is validated at start-up; a bad one stops the process
 * with one line per problem, naming the variable.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const httpUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL')

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback)

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalText.refine(
      (v) => v === undefined || v.startsWith('xoxb-'),
      'must start with xoxb-',
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine(
      (v) => v === undefined || v.startsWith('xapp-'),
      'must start with xapp-',
    ),
    SLACK_API_URL: httpUrl,
    PORT: port(3000),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.refine(
      (v) => v === undefined || /^\d{1,25}$/.test(v),
      'must be a numeric id',
    ),
    DISCORD_GUILD_ID: optionalText.refine(
      (v) => v === undefined || /^\d{1,25}$/.test(v),
      'must be a numeric id',
    ),
    DISCORD_API_URL: httpUrl,
    CORPUS_DIR: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (set it, or SLACK_APP_TOKEN for Socket Mode)',
      })
    }
    if ((env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required when Slack is configured',
      })
    }
  })

export type Env = z.infer<typeof envSchema>

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

export interface Config {
  slack?: SlackConfig
  discord?: DiscordConfig
  /** Unset: the project's own corpus folder. */
  corpusDir?: string
  logLevel: Env['LOG_LEVEL']
  /** HTTP port (Slack HTTP mode), also used for health later. */
  port: number
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

/** Parses an environment (process.env by default). Throws ConfigError listing one line per bad variable. */
export function parseConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `config: ${issue.path.join('.') || 'environment'} ${issue.message}`),
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
          port: env.PORT,
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
    corpusDir: env.CORPUS_DIR,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
  }
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
