import { once } from 'node:events'
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixtureCorpus, HAS_MKFIFO, mkfifo } from '../helpers/corpus.js'
import { FakeDiscord } from '../helpers/fake-discord.js'
import { freePort, startMain } from '../helpers/start-process.js'

/** What npm start printed on stderr, without Node's own warnings (node:sqlite's ExperimentalWarning). */
function ownLines(output: string): string[] {
  return output
    .split('\n')
    .filter(
      (line) => line.trim() !== '' && !line.startsWith('>') && !/^\(node:\d+\)|--trace-warnings/.test(line),
    )
}

/**
 * A setting that cannot work stops `npm start` with one line naming the variable and a non-zero exit, and
 * nothing else: no log line, no stack, no password. All cases start at once; each fails within its first seconds. (A Slack
 * token Slack refuses and a port already taken: tests/adapters/slack/start-errors.test.ts.)
 */
describe('npm start with a setting that cannot work', () => {
  it('names the variable in one line and exits 1: corpus and data folders, corpus files, database, Discord token, port and API, Slack API, health port', async () => {
    const discord = await FakeDiscord.start()
    discord.failures.push({
      match: (request) => request.path === '/gateway/bot',
      status: 401,
      code: 0,
      message: '401: Unauthorized',
    })
    const taken = createServer().listen(0, '127.0.0.1')
    await once(taken, 'listening')
    const takenPort = (taken.address() as AddressInfo).port
    const freePgPort = await freePort()
    // Accepts connections and never answers: a Discord API that hangs.
    const silent = createServer((socket) => socket.resume()).listen(0, '127.0.0.1')
    await once(silent, 'listening')
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`
    // Nothing listens there once closed: a Slack API out of reach.
    const closed = createServer().listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/api/`
    await new Promise((resolve) => closed.close(resolve))
    const freeForDiscord = createServer().listen(0, '127.0.0.1')
    await once(freeForDiscord, 'listening')
    const discordPort = (freeForDiscord.address() as AddressInfo).port
    await new Promise((resolve) => freeForDiscord.close(resolve))
    const notAFolder = path.join(mkdtempSync(path.join(tmpdir(), 'ia-cinema-bad-')), 'passwd')
    writeFileSync(notAFolder, 'root:x:0:0\n')

    const cases: Array<{ env: Record<string, string>; line: RegExp }> = [
      { env: { CORPUS_DIR: '/nonexistent' }, line: /^config: CORPUS_DIR \(\/nonexistent\) cannot be used: / },
      {
        env: { DATA_DIR: path.join(notAFolder, 'data') },
        line: new RegExp(`^config: DATA_DIR \\(.*\\) cannot be used: ${notAFolder} is not a folder$`),
      },
      {
        // A PostgreSQL that is not there (a free port): one line, the password masked.
        env: { DATABASE_URL: `postgres://ia:pg-secret-77@127.0.0.1:${freePgPort}/ia_cinema` },
        line: new RegExp(
          `^config: DATABASE_URL \\(postgres://ia:\\*\\*\\*@127\\.0\\.0\\.1:${freePgPort}/ia_cinema\\) cannot be used: PostgreSQL: connection refused$`,
        ),
      },
      {
        env: { DISCORD_TOKEN: 'x', DISCORD_API_URL: discord.apiUrl },
        line: /^config: DISCORD_TOKEN rejected by Discord \(401\)$/,
      },
      {
        env: { DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_HTTP_PORT: String(takenPort) },
        line: new RegExp(`^config: DISCORD_HTTP_PORT ${takenPort} is already in use$`),
      },
      {
        env: { DISCORD_TOKEN: 'x', DISCORD_API_URL: silentUrl },
        line: new RegExp(`^config: DISCORD_API_URL \\(${silentUrl}\\) did not answer within 10 s$`),
      },
      {
        env: { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: closedUrl, PORT: '0' },
        line: new RegExp(`^config: SLACK_API_URL \\(${closedUrl}\\) cannot be reached: `),
      },
      {
        // Nothing may claim to listen before the line about the port taken.
        env: {
          DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
          DISCORD_HTTP_PORT: String(discordPort),
          HEALTH_PORT: String(takenPort),
        },
        line: new RegExp(`^config: HEALTH_PORT ${takenPort} is already in use$`),
      },
    ]
    // A FIFO or a link to /dev/zero named *.md used to hold start-up for good, silently.
    const withZero = await copyFixtureCorpus()
    symlinkSync('/dev/zero', path.join(withZero, 'zero.md'))
    cases.push({
      env: { CORPUS_DIR: withZero },
      line: new RegExp(
        `^config: CORPUS_DIR \\(${withZero}\\) cannot be used: zero\\.md: file: not a regular file \\(a character device\\)`,
      ),
    })
    if (HAS_MKFIFO) {
      const withFifo = await copyFixtureCorpus()
      mkfifo(path.join(withFifo, 'notes.md'))
      cases.push({
        env: { CORPUS_DIR: withFifo },
        line: new RegExp(
          `^config: CORPUS_DIR \\(${withFifo}\\) cannot be used: notes\\.md: file: not a regular file \\(a FIFO\\)`,
        ),
      })
    }
    // An endless mkdir loop under /proc used to hang start-up for good.
    if (existsSync('/proc/self'))
      cases.push({
        env: { DATA_DIR: '/proc/forbidden' },
        line: /^config: DATA_DIR \(\/proc\/forbidden\) cannot be used: \/proc\/forbidden cannot be created/,
      })

    try {
      const runs = cases.map(async ({ env, line }) => {
        const run = startMain({ LOG_LEVEL: 'info', ...env })
        const guard = setTimeout(() => run.kill(), 80_000)
        const code = await run.exited
        clearTimeout(guard)
        return { env, line, code, lines: ownLines(run.output()) }
      })
      for (const { env, line, code, lines } of await Promise.all(runs)) {
        expect(code, JSON.stringify(env)).toBe(1)
        expect(lines, JSON.stringify(env)).toHaveLength(1)
        expect(lines[0]).toMatch(line)
        expect(lines[0]).not.toContain('pg-secret-77')
      }
    } finally {
      taken.close()
      silent.close()
      await discord.close()
    }
  }, 100_000)
})
