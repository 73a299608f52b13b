import { z } from 'zod'
import { checkDeskVariables, deskVariables } from './desk.js'

/** Every environment variable the bot reads, validated; cross-field rules at the end. */

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

/** An empty variable means unset (as .env.example ships them), never "0" or "". */
const unsetIfEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalPort = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number (0 to 65535)')
    .transform(Number)
    .refine((n) => n <= 65535, 'must be a port number (0 to 65535)')
    .optional(),
)

/** One of a few words, empty meaning the default; the message lists them. */
const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(values, { error: `must be one of ${values.join(', ')}` })
      .optional()
      .transform((v) => v ?? fallback),
  )

export const envSchema = z
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
    // Unset: Slack's HTTP receiver takes 3000; nothing else takes a port (see Config.port).
    PORT: optionalPort,
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
    DISCORD_PUBLIC_KEY: optionalText.refine(
      (v) => v === undefined || /^[0-9a-f]{64}$/i.test(v),
      'must be the application public key (64 hex characters)',
    ),
    DISCORD_HTTP_PORT: optionalPort,
    CORPUS_DIR: optionalText,
    CORPUS_WATCH: choice(['on', 'off'], 'on'),
    DATA_DIR: optionalText,
    // The value is never repeated in a message: it may hold a password.
    DATABASE_URL: optionalText.refine(
      (v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v),
      'must be a postgres:// or postgresql:// URL',
    ),
    DATA_SALT: optionalText.refine(
      (v) => v === undefined || v.length >= 16,
      'must be at least 16 characters',
    ),
    HEALTH_PORT: optionalPort,
    ADMIN_USERS: optionalText.refine(
      (v) => v === undefined || v.split(',').every((u) => /^(slack|discord):\S+$/.test(u.trim())),
      'must be a comma-separated list of platform:userId, e.g. slack:U123,discord:456',
    ),
    DAILY_QUOTE_SLACK_CHANNEL: optionalText,
    DAILY_QUOTE_DISCORD_CHANNEL: optionalText,
    DAILY_QUOTE_AT: optionalText.refine(
      (v) => v === undefined || /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(v),
      'must be a time such as 09:30 (or 09:30:15)',
    ),
    DAILY_QUOTE_TIMEZONE: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .default('Europe/Paris')
        .refine((zone) => {
          try {
            new Intl.DateTimeFormat('fr-FR', { timeZone: zone })
            return true
          } catch {
            return false
          }
        }, 'must be an IANA time zone such as Europe/Paris'),
    ),
    DAILY_QUOTE_DAYS: choice(['weekdays', 'everyday'], 'weekdays'),
    DAILY_QUOTE_CARD: choice(['on', 'off'], 'off'),
    RATE_LIMIT: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .default('10/10s')
        .refine(
          (v) => /^[1-9]\d{0,3}\/[1-9]\d{0,3}s$/.test(v),
          'must look like 10/10s (at least 1 request per at least 1 second)',
        ),
    ),
    LOG_LEVEL: choice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    // Set by npm for the script it runs (start, start:prod, dev): the app then watches npm (parent-watch.ts).
    npm_lifecycle_event: optionalText,
    ...deskVariables,
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
    if (env.DISCORD_PUBLIC_KEY && env.DISCORD_HTTP_PORT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_HTTP_PORT'],
        message: 'is required with DISCORD_PUBLIC_KEY',
      })
    }
    if (env.DISCORD_HTTP_PORT !== undefined && !env.DISCORD_PUBLIC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_PUBLIC_KEY'],
        message: 'is required with DISCORD_HTTP_PORT',
      })
    }
    const need = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message })
    if (env.DAILY_QUOTE_SLACK_CHANNEL && !env.SLACK_BOT_TOKEN)
      need('DAILY_QUOTE_SLACK_CHANNEL', 'needs SLACK_BOT_TOKEN')
    if (env.DAILY_QUOTE_DISCORD_CHANNEL && !env.DISCORD_TOKEN)
      need('DAILY_QUOTE_DISCORD_CHANNEL', 'needs DISCORD_TOKEN')
    if ((env.DAILY_QUOTE_SLACK_CHANNEL || env.DAILY_QUOTE_DISCORD_CHANNEL) && !env.DAILY_QUOTE_AT) {
      need('DAILY_QUOTE_AT', 'is required when a daily quote channel is set')
    }
    checkDeskVariables(env, need)
  })

export type Env = z.infer<typeof envSchema>
