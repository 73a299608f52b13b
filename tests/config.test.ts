import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../src/config.js'
import { ROOT } from './helpers/start-process.js'

const problems = (env: Record<string, string>) => {
  try {
    parseConfig(env)
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).problems
  }
}

describe('config', () => {
  it('runs with nothing set: console chat, defaults everywhere', () => {
    const config = parseConfig({})
    expect(config.slack).toBeUndefined()
    expect(config.discord).toBeUndefined()
    // The data folder is the project's, as corpus/ is, whatever the current directory.
    expect(config).toMatchObject({ logLevel: 'info', watchCorpus: true, dataDir: path.join(ROOT, 'data') })
    // No port is taken unless one is asked for (Slack's HTTP receiver defaults to 3000, below).
    expect(config.port).toBeUndefined()
  })

  it('reads empty variables (as .env.example ships them) as unset, never as 0', () => {
    const config = parseConfig({ PORT: '', HEALTH_PORT: '', LOG_LEVEL: '', CORPUS_WATCH: '', RATE_LIMIT: '' })
    expect(config.port).toBeUndefined()
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '' }).slack?.port).toBe(
      3000,
    )
    expect(
      parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080' }).slack?.port,
    ).toBe(8080)
    expect(config.healthPort).toBeUndefined()
    expect(config.rateLimit).toEqual({ max: 10, windowMs: 10_000 })
  })

  it('names every bad variable on a line of its own', () => {
    const lines = problems({
      PORT: '1e3',
      LOG_LEVEL: 'loud',
      RATE_LIMIT: '0/10s',
      ADMIN_USERS: 'U123',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
    })
    expect(lines).toHaveLength(5)
    for (const name of ['PORT', 'LOG_LEVEL', 'RATE_LIMIT', 'ADMIN_USERS', 'SLACK_BOT_TOKEN']) {
      expect(lines.filter((line) => line.startsWith(`config: ${name} `))).toHaveLength(1)
    }
  })

  it('checks the rules between variables', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'config: SLACK_SIGNING_SECRET is required in HTTP mode (set it, or SLACK_APP_TOKEN for Socket Mode)',
    ])
    expect(problems({ DAILY_QUOTE_SLACK_CHANNEL: 'C1' })).toEqual(
      expect.arrayContaining([
        'config: DAILY_QUOTE_SLACK_CHANNEL needs SLACK_BOT_TOKEN',
        'config: DAILY_QUOTE_AT is required when a daily quote channel is set',
      ]),
    )
  })

  it('posts the daily quote’s card only with DAILY_QUOTE_CARD=on', () => {
    const daily = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DAILY_QUOTE_SLACK_CHANNEL: 'C1' }
    const at = { ...daily, DAILY_QUOTE_AT: '09:30' }
    expect(parseConfig(at).dailyQuote?.card).toBe(false)
    expect(parseConfig({ ...at, DAILY_QUOTE_CARD: '' }).dailyQuote?.card).toBe(false)
    expect(parseConfig({ ...at, DAILY_QUOTE_CARD: 'on' }).dailyQuote?.card).toBe(true)
    expect(problems({ ...at, DAILY_QUOTE_CARD: 'yes' })).toEqual([
      'config: DAILY_QUOTE_CARD must be one of on, off',
    ])
  })

  it('takes a PostgreSQL URL in DATABASE_URL, and never repeats it when refusing one', () => {
    const url = 'postgres://ia:s3cret@db.example:5432/ia_cinema'
    expect(parseConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    expect(parseConfig({ DATABASE_URL: 'postgresql://localhost/ia' }).databaseUrl).toBe(
      'postgresql://localhost/ia',
    )
    expect(parseConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
    const refused = problems({ DATABASE_URL: 'mysql://ia:s3cret@db/ia' })
    expect(refused).toEqual(['config: DATABASE_URL must be a postgres:// or postgresql:// URL'])
    expect(refused.join('')).not.toContain('s3cret')
  })

  it('takes the daily quote’s time with or without seconds', () => {
    const daily = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DAILY_QUOTE_SLACK_CHANNEL: 'C1' }
    expect(parseConfig({ ...daily, DAILY_QUOTE_AT: '09:30:15' }).dailyQuote?.at).toBe('09:30:15')
    expect(problems({ ...daily, DAILY_QUOTE_AT: '09:30:60' })).toEqual([
      'config: DAILY_QUOTE_AT must be a time such as 09:30 (or 09:30:15)',
    ])
  })

  it('starts the Discord HTTP interactions endpoint only with both its key and its port', () => {
    const key = 'ab'.repeat(32)
    expect(parseConfig({ DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_PORT: '8787' }).discordHttp).toEqual({
      publicKey: key,
      port: 8787,
      apiUrl: undefined,
    })
    expect(problems({ DISCORD_PUBLIC_KEY: key })).toEqual([
      'config: DISCORD_HTTP_PORT is required with DISCORD_PUBLIC_KEY',
    ])
    expect(problems({ DISCORD_PUBLIC_KEY: 'nope', DISCORD_HTTP_PORT: '1' })).toEqual([
      'config: DISCORD_PUBLIC_KEY must be the application public key (64 hex characters)',
    ])
  })

  it('builds the platform sections from their tokens', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DISCORD_TOKEN: 'abc',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      ADMIN_USERS: 'slack:U1, discord:42',
    })
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1' })
    expect(config.discord).toMatchObject({ token: 'abc', apiUrl: 'http://127.0.0.1:9/api' })
    expect(config.adminUsers).toEqual(['slack:U1', 'discord:42'])
  })

  it('turns the editor’s desk on with DESK_TOKEN only, and checks its tokens and time zone', () => {
    expect(parseConfig({}).desk).toBeUndefined()
    expect(parseConfig({ DESK_TOKEN: '' }).desk).toBeUndefined()
    const editor = 'e'.repeat(20)
    expect(parseConfig({ DESK_TOKEN: editor }).desk).toEqual({
      editorToken: editor,
      timeZone: 'Europe/Paris',
    })
    expect(
      parseConfig({
        DESK_TOKEN: editor,
        DESK_READONLY_TOKEN: 'r'.repeat(16),
        DESK_TIMEZONE: 'America/Montreal',
      }).desk,
    ).toEqual({ editorToken: editor, readerToken: 'r'.repeat(16), timeZone: 'America/Montreal' })
    expect(problems({ DESK_TOKEN: 'short' })).toEqual([
      'config: DESK_TOKEN must be at least 16 characters without spaces (e.g. openssl rand -hex 24)',
    ])
    expect(problems({ DESK_READONLY_TOKEN: 'r'.repeat(16) })).toEqual([
      'config: DESK_READONLY_TOKEN needs DESK_TOKEN',
    ])
    expect(problems({ DESK_TOKEN: editor, DESK_READONLY_TOKEN: editor })).toEqual([
      'config: DESK_READONLY_TOKEN must differ from DESK_TOKEN',
    ])
    expect(problems({ DESK_TOKEN: editor, DESK_TIMEZONE: 'Mars/Olympus' })).toEqual([
      'config: DESK_TIMEZONE must be an IANA time zone such as Europe/Paris',
    ])
  })
})
