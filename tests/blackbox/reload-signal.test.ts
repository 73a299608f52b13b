import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyResolved, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import {
  alive,
  childPids,
  eventually,
  freePort,
  type RunningProcess,
  startMain,
} from '../helpers/start-process.js'

const ARTICLE = 'ia-emploi-cinema-audiovisuel.md'

interface Health {
  status: string
  pid: number
  corpus: { version: string; lastReloadError?: { message: string } }
}

/**
 * The reload the README documents: `kill -HUP <pid>` to the app, whose pid /healthz and the start-up line
 * give (npm passes SIGINT and SIGTERM on, never SIGHUP). Discord's HTTP endpoint alone (nothing outside to
 * fake), the corpus not watched: only the signal reloads it.
 */
describe('npm start: reloading the corpus with SIGHUP', () => {
  let bot: RunningProcess
  let corpusDir: string
  let healthPort: number
  const healthz = async () => (await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()) as Health

  beforeAll(async () => {
    corpusDir = path.join(await mkdtemp(path.join(tmpdir(), 'ia-cinema-sighup-')), 'corpus')
    await copyResolved(FIXTURE_CORPUS_DIR, corpusDir)
    healthPort = await freePort()
    bot = startMain({
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      DISCORD_HTTP_PORT: String(await freePort()),
      HEALTH_PORT: String(healthPort),
      CORPUS_DIR: corpusDir,
      CORPUS_WATCH: 'off',
      LOG_LEVEL: 'info',
    })
    await eventually(async () => ((await healthz()).status === 'ok' ? true : undefined))
  }, 40_000)

  afterAll(async () => {
    bot.kill()
    await rm(path.dirname(corpusDir), { recursive: true, force: true })
  })

  it('gives the app’s pid on /healthz and in its start-up line: npm’s only child', async () => {
    const { pid } = await healthz()
    expect(childPids(bot.child.pid ?? 0)).toEqual([pid])
    expect(bot.output()).toContain(`"pid":${pid},"reload":"kill -HUP ${pid}","msg":"ready"`)
  })

  it('reloads on SIGHUP to that pid, npm still running', async () => {
    const before = await healthz()
    const file = path.join(corpusDir, ARTICLE)
    const text = await readFile(file, 'utf8')
    await writeFile(
      file,
      text.replace('## Conclusion', '## Drones\n\nLes dronistes volent.\n\n## Conclusion'),
    )
    process.kill(before.pid, 'SIGHUP')
    const after = await eventually(async () => {
      const report = await healthz()
      return report.corpus.version !== before.corpus.version ? report : undefined
    })
    expect(after.status).toBe('ok')
    expect(bot.output()).toMatch(/"reason":"SIGHUP".*"msg":"corpus reloaded"/)
    expect(bot.child.exitCode).toBeNull()
  })

  it('tells a folder that cannot be read without its path, and keeps serving', async () => {
    const { pid, corpus } = await healthz()
    await rename(corpusDir, `${corpusDir}-away`)
    try {
      process.kill(pid, 'SIGHUP')
      const failed = await eventually(async () => {
        const report = await healthz()
        return report.corpus.lastReloadError ? report : undefined
      })
      expect(failed.corpus.lastReloadError?.message).toBe('the corpus folder cannot be read')
      expect(failed.corpus.version).toBe(corpus.version)
      const body = await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).text()
      expect(body).not.toContain(path.dirname(corpusDir))
      expect(body).not.toContain(tmpdir())
    } finally {
      await rename(`${corpusDir}-away`, corpusDir)
    }
  })

  it('shuts down when SIGHUP is sent to npm instead, leaving no orphan', async () => {
    const { pid } = await healthz()
    bot.child.kill('SIGHUP')
    await bot.exited
    await eventually(() => (alive(pid) ? undefined : true), 10_000)
    expect(bot.output()).toContain('npm is gone')
    expect(bot.output()).toContain('"msg":"stopped"')
  })
})
