import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../src/storage/sqlite-driver.js'
import { DATABASE_FILE } from '../../src/storage/sqlite-store.js'
import { copyFixtureCorpus, HAS_MKFIFO, mkfifo } from '../helpers/corpus.js'
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js'
import { blockActionsPayload, SIGNING_SECRET, SlackSender } from '../helpers/fake-slack-requests.js'
import { keepAliveLoop } from '../helpers/keep-alive.js'
import {
  alive,
  childPids,
  eventually,
  freePort,
  portOpen,
  ROOT,
  type RunningProcess,
  startMain,
} from '../helpers/start-process.js'

const ARTICLE = 'ia-emploi-cinema-audiovisuel.md'
const USER = 'U0RAWID42'

/**
 * Operations as a team runs the bot, through `npm start` in Slack HTTP mode with a health port of its own
 * too: feedback and gaps in the report, live corpus edits, /healthz on both servers, a database deleted under
 * it, SIGTERM to npm during keep-alive traffic.
 */
describe('npm start in operation (Slack HTTP mode)', () => {
  let slack: FakeSlack
  let bot: RunningProcess
  let sender: SlackSender
  let corpusDir: string
  let dataDir: string
  let port: number
  let healthPort: number

  interface Health {
    status: string
    index: { records: number }
    corpus: { version: string; lastReloadError?: { message: string } }
    storage: { state: string; problem?: string }
    adapters: Record<string, string>
  }
  const healthz = async () => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health
  const ask = async (text: string) => {
    const responseUrl = slack.responseUrl()
    const reply = await sender.command({ text, responseUrl, userId: USER })
    expect(reply.status).toBe(200)
    return JSON.stringify(
      reply.json ??
        (await slack.waitFor(
          () => slack.responses.find((r) => r.id === responseUrl.split('/').at(-1))?.body,
        )),
    )
  }

  beforeAll(async () => {
    slack = await startFakeSlack()
    corpusDir = await copyFixtureCorpus('ia-cinema-live-corpus-')
    dataDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-live-data-'))
    port = await freePort()
    healthPort = await freePort()
    bot = startMain({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: String(port),
      SLACK_API_URL: slack.apiUrl,
      CORPUS_DIR: corpusDir,
      DATA_DIR: dataDir,
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: 'info',
      // One user asks every question of this file within seconds; fair use is tested on its own.
      RATE_LIMIT: '1000/10s',
    })
    sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`)
    await eventually(async () => (await sender.urlVerification('ping')).status === 200)
  }, 40_000)

  afterAll(async () => {
    await bot.stop()
    await slack.stop()
  })

  it('reports a 👎 and a question with no answer, and stores no raw user id', async () => {
    const answer = await ask('monteur')
    const down = /"value":"(iac:fb:down:[^"]+)"/.exec(answer)?.[1]
    expect(down).toBeDefined()
    // One user clicking 👎 again and again is one vote.
    for (let i = 0; i < 12; i++) {
      const click = await sender.interaction(
        blockActionsPayload({ value: down ?? '', responseUrl: slack.responseUrl(), userId: USER }),
      )
      expect(click.status).toBe(200)
    }
    expect(await ask('recette de la pizza margherita')).toContain('Rien trouvé')

    const report = await eventually(() => {
      const run = spawnSync(
        path.join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['scripts/report.ts', '--data-dir', dataDir, '--since', '1d'],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      )
      return run.status === 0 && run.stdout.includes('pizza margherita') && run.stdout.includes('#p')
        ? run.stdout
        : undefined
    })
    expect(report).toContain('recette de la pizza margherita')
    const recordId = /iac:fb:down:[0-9a-f]*:(.+)$/.exec(down ?? '')?.[1] ?? ''
    expect(report).toContain(recordId)
    expect(report).toMatch(
      new RegExp(`^ +1 👎 +0 👍  ${recordId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
    )

    for (const file of await readdir(dataDir)) {
      const bytes = await readFile(path.join(dataDir, file))
      expect(bytes.includes(USER), file).toBe(false)
    }
  })

  it('answers from a document added with npm run corpus:add, without a restart', async () => {
    const before = await healthz()
    expect(await ask('gravier')).toContain('Rien trouvé')
    // One node process (no tsx wrapper): the script as npm runs it, for the price of a single start-up.
    const add = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/corpus-add.ts', 'tests/corpus/import/fixtures/interview-page.html'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', CORPUS_DIR: corpusDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    add.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    add.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const code = await new Promise<number | null>((resolve) => add.on('exit', resolve))
    expect(code, output).toBe(0)
    // CORPUS_DIR read through the config, as the bot reads it.
    expect(output).toContain(`wrote ${path.join(corpusDir, 'bruiteurs-on-ne-remplace-pas-un-pas-dans.md')}`)

    await eventually(async () =>
      (await healthz()).corpus.version !== before.corpus.version ? true : undefined,
    )
    const answer = await ask('gravier')
    expect(answer).toContain('Un pas dans le gravier raconte un personnage')
    expect(answer).toContain('revue-du-son.example/2024/bruiteurs-ia')

    // Back to the one article for the tests that follow (a removed document is dropped the same way).
    await rm(path.join(corpusDir, 'bruiteurs-on-ne-remplace-pas-un-pas-dans.md'))
    await eventually(async () =>
      (await healthz()).corpus.version === before.corpus.version ? true : undefined,
    )
  })

  it('keeps serving when a link to /dev/zero or a FIFO named *.md lands in the corpus folder, and says which', async () => {
    const before = await healthz()
    const reloadError = async (name: string) =>
      eventually(async () => {
        const report = await healthz()
        return report.corpus.lastReloadError?.message.startsWith(name) ? report : undefined
      })
    // Read as files, each held the event loop for good: no answer, no /healthz, 4 GB for /dev/zero.
    const zero = path.join(corpusDir, 'zero.md')
    await symlink('/dev/zero', zero)
    const report = await reloadError('zero.md')
    expect(report.corpus.version).toBe(before.corpus.version)
    expect(report.corpus.lastReloadError?.message).toBe(
      'zero.md: file: not a regular file (a character device): only regular files are read',
    )
    expect(await ask('monteur')).toContain('Les logiciels d’IA automatisent le montage de base')
    await rm(zero)
    if (HAS_MKFIFO) {
      const fifo = path.join(corpusDir, 'notes.md')
      mkfifo(fifo)
      await reloadError('notes.md')
      expect(await ask('monteur')).toContain('Les logiciels d’IA automatisent le montage de base')
      await rm(fifo)
    }
    // The folder as it was: the next reload succeeds and clears the error.
    await eventually(async () => ((await healthz()).corpus.lastReloadError ? undefined : true))
    expect(
      bot
        .output()
        .split('\n')
        .filter((line) => line.includes('corpus reload failed') && line.includes('not a regular file'))
        .length,
    ).toBeGreaterThanOrEqual(1)
  })

  it('serves an edited corpus at once, keeps the old one on a broken edit, and /healthz tells the version', async () => {
    const logStart = bot.output().length
    const before = await healthz()
    expect(before.status).toBe('ok')
    expect(before.index.records).toBeGreaterThan(40)
    expect(before.adapters).toEqual({ slack: 'ready' })
    expect(await ask('dronistes')).toContain('Rien trouvé')

    const file = path.join(corpusDir, ARTICLE)
    const original = await readFile(file, 'utf8')
    const edited = original.replace(
      '## Conclusion : encadrer l’IA',
      '## Le son sur le plateau\n\nLes dronistes confient leurs plans de survol à des trajectoires calculées par l’IA.\n\n## Conclusion : encadrer l’IA',
    )
    await writeFile(file, edited)
    const after = await eventually(async () => {
      const report = await healthz()
      return report.corpus.version !== before.corpus.version ? report : undefined
    })
    expect(await ask('dronistes')).toContain('Les dronistes confient leurs plans')

    await writeFile(file, edited.replace(/^url: .*$/m, 'url: pas-une-adresse'))
    await eventually(async () => ((await healthz()).corpus.lastReloadError ? true : undefined))
    const broken = await healthz()
    expect(broken.corpus.version).toBe(after.corpus.version)
    // Public on the Slack port: the file is named relative to the corpus folder, whose path is not shown.
    expect(broken.corpus.lastReloadError?.message).toMatch(new RegExp(`^${ARTICLE}: front matter field`))
    expect(JSON.stringify(broken)).not.toContain(corpusDir)
    expect(await ask('dronistes')).toContain('Les dronistes confient leurs plans')
    const failures = bot
      .output()
      .slice(logStart)
      .split('\n')
      .filter((line) => line.includes('corpus reload failed'))
    expect(failures).toHaveLength(1)
    expect(failures[0]).toContain('"field":"front matter field \\"url\\""')
  })

  it('answers GET and HEAD /healthz alike on the Slack port and on its own port', async () => {
    const answer = async (at: number, path: string, method: string) => {
      const response = await fetch(`http://127.0.0.1:${at}${path}`, { method })
      const body = await response.text()
      return { status: response.status, type: response.headers.get('content-type'), empty: body === '' }
    }
    for (const path of ['/healthz', '/healthz?probe=1', '/healthz/', '/HEALTHZ', '/health']) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        const [slackPort, ownPort] = [
          await answer(port, path, method),
          await answer(healthPort, path, method),
        ]
        expect(slackPort.status, `${method} ${path}`).toBe(ownPort.status)
      }
    }
    const head = await answer(port, '/healthz', 'HEAD')
    expect(head).toEqual({ status: 200, type: 'application/json; charset=utf-8', empty: true })
    expect((await answer(healthPort, '/healthz', 'POST')).status).toBe(405)
    // Without DESK_TOKEN the editor's desk is not there at all, on either server.
    for (const at of [port, healthPort]) expect((await answer(at, '/desk', 'GET')).status).toBe(404)
    expect((await answer(healthPort, '/desk/questions', 'GET')).status).toBe(404)
  })

  it('keeps answering when its database file is deleted: degraded on /healthz, one log line, recording again', async () => {
    for (const suffix of ['', '-wal', '-shm'])
      await rm(path.join(dataDir, `${DATABASE_FILE}${suffix}`), { force: true })
    // The bot answers as before; what it records waits.
    expect(await ask('doublage pendant la panne')).toContain('doublage')
    const degraded = await eventually(async () => {
      const report = await healthz()
      return report.storage.state === 'degraded' ? report : undefined
    })
    expect(degraded).toMatchObject({
      status: 'degraded',
      storage: { problem: 'database file deleted or replaced' },
    })
    // Still serving: the health check keeps a load balancer sending traffic.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    await eventually(async () => ((await healthz()).storage.state === 'ok' ? true : undefined))
    const lines = bot.output().split('\n')
    expect(lines.filter((line) => line.includes('storage degraded'))).toHaveLength(1)
    expect(lines.filter((line) => line.includes('storage recovered'))).toHaveLength(1)
    const db = openSqlite(path.join(dataDir, DATABASE_FILE), 1000)
    const rows = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM queries WHERE query = ?')
    expect(rows.get('doublage pendant la panne')?.n).toBe(1)
    db.close()
  })

  it('notices its database file truncated in place: degraded, then recording again in a new file', async () => {
    const file = path.join(dataDir, DATABASE_FILE)
    await truncate(file, 0)
    expect(await ask('bruitage pendant la panne')).toContain('bruit')
    const degraded = await eventually(async () => {
      const report = await healthz()
      return report.storage.state === 'degraded' ? report : undefined
    })
    expect(degraded.storage.problem).toBe('database file truncated or overwritten')
    await eventually(async () => ((await healthz()).storage.state === 'ok' ? true : undefined))
    expect((await readdir(dataDir)).some((name) => name.startsWith(`${DATABASE_FILE}.damaged-`))).toBe(true)
    const db = openSqlite(file, 1000)
    const rows = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM queries WHERE query = ?')
    expect(rows.get('bruitage pendant la panne')?.n).toBe(1)
    db.close()
  })

  it('on SIGTERM to npm during keep-alive traffic: answers what is in flight, serves nothing after, exits 0', async () => {
    const url = `http://127.0.0.1:${port}/slack/events`
    const loops = Array.from({ length: 4 }, () => keepAliveLoop(url, slack.responseUrl()))
    const requests = Array.from({ length: 30 }, (_, i) =>
      sender.command({
        text: i % 2 ? 'monteur' : 'Quels métiers sont menacés ?',
        responseUrl: slack.responseUrl(),
        userId: `U${i}`,
      }),
    )
    let shutdownSeenAt = Number.POSITIVE_INFINITY
    bot.child.stderr?.on('data', () => {
      if (shutdownSeenAt === Number.POSITIVE_INFINITY && bot.output().includes('"msg":"shutting down"'))
        shutdownSeenAt = performance.now()
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const app = childPids(bot.child.pid ?? 0)
    bot.child.kill('SIGTERM')
    const replies = await Promise.allSettled(requests)
    const exchanges = (await Promise.all(loops)).flat()
    expect(await bot.exited).toBe(0)

    const output = bot.output()
    expect(output).toContain('"signal":"SIGTERM","msg":"shutting down"')
    // Every adapter, server and the store closed before the deadline.
    expect(output).toContain('"msg":"stopped"')
    expect(output).not.toContain('deadline')
    // Requests accepted were answered; later ones were refused at the door (503), never left hanging.
    for (const reply of replies)
      if (reply.status === 'fulfilled') expect([200, 503]).toContain(reply.value.status)
    expect(replies.some((r) => r.status === 'fulfilled' && r.value.status === 200)).toBe(true)
    expect(exchanges.filter((e) => e.status === 200).length).toBeGreaterThan(0)
    for (const exchange of exchanges)
      if (exchange.status !== undefined) expect([200, 503]).toContain(exchange.status)
    // Nothing sent once the shutdown had begun was served, on a kept-alive connection or a new one.
    expect(exchanges.filter((e) => e.sentAt > shutdownSeenAt && e.status === 200)).toEqual([])
    // npm's child was the app itself, and it is gone with its ports.
    expect(app.length).toBeLessThanOrEqual(1)
    for (const pid of app) expect(alive(pid)).toBe(false)
    expect(await portOpen(port)).toBe(false)
    expect(await portOpen(healthPort)).toBe(false)
  })
})
