/**
 * The console chat as a person meets it: `npm start` at a terminal (a pseudo-terminal made by util-linux
 * `script`, so the app sees a real TTY and the kernel's line discipline), and `npm run dev`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it, type TestContext } from 'vitest'
import { copyResolvedSync, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import { freePort, ROOT } from '../helpers/start-process.js'

const scriptVersion = spawnSync('script', ['--version'], { encoding: 'utf8' })
const hasScript = scriptVersion.status === 0 && scriptVersion.stdout.includes('util-linux')

/** The child's output so far, and a promise for the moment it satisfies `ready`. */
function watch(child: ChildProcess, { onTestFinished }: TestContext) {
  let output = ''
  const waiting: Array<{ ready: (text: string) => boolean; resolve: () => void }> = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    for (const wait of [...waiting]) {
      if (!wait.ready(output)) continue
      waiting.splice(waiting.indexOf(wait), 1)
      wait.resolve()
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  // A failed test leaves nothing running: the child leads a process group of its own (detached). The
  // hook is the test's own (its context's): the tests run concurrently.
  onTestFinished(() => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
  })
  return {
    output: () => output,
    exited,
    until: (ready: (text: string) => boolean) =>
      new Promise<void>((resolve) => (ready(output) ? resolve() : waiting.push({ ready, resolve }))),
  }
}

const count = (text: string, part: string) => text.split(part).length - 1
const env = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
  LOG_LEVEL: 'warn',
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ia-cinema-console-')),
  CORPUS_DIR: FIXTURE_CORPUS_DIR,
  ...extra,
})

describe.concurrent('the console chat, black-box', () => {
  it.skipIf(!hasScript)(
    'at a terminal: Up recalls a line, a line over 4 KB is read whole, /healthz answers on HEALTH_PORT',
    async (context) => {
      const port = await freePort()
      // The pseudo-terminal gets a size (nobody sets one for it), then is the app's stdin and stdout.
      const app = spawn(
        'script',
        ['-qfec', 'stty cols 100 rows 40 && exec ./node_modules/.bin/tsx src/main.ts', '/dev/null'],
        {
          cwd: ROOT,
          detached: true,
          env: env({ SHELL: '/bin/sh', TERM: 'xterm', HEALTH_PORT: String(port) }),
        },
      )
      const chat = watch(app, context)
      // The first prompt comes once readline holds the terminal (raw mode): what is typed from then on
      // is read by readline, not cut by the kernel's line discipline.
      await chat.until((text) => text.includes('ia-cinema> '))

      // Checked at the end, so that each defect shows on its own.
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then(async (response) => ({ code: response.status, ...((await response.json()) as object) }))
        .catch((error: unknown) => ({ error: String(error) }))

      // A line past the canonical-mode buffer (4,095 bytes on Linux), which cut it before: its question
      // comes last, so it is answered only if the line arrives whole (the bot reads a question's first
      // 2,000 characters and keeps nothing past them, so the end of a long question cannot show otherwise);
      // a question; Up then Return, the same question again; « quitter ». Lines are answered in order.
      app.stdin?.write(`${' '.repeat(4_200)}monteur\rmonteur\r\u001b[A\rquitter\r`)
      expect(await chat.exited).toBe(0)
      expect(count(chat.output(), 'Les logiciels d’IA automatisent')).toBe(3)
      expect(chat.output()).not.toContain('^[[A')
      expect(health).toMatchObject({ code: 200, status: 'ok' })
    },
    90_000,
  )

  it.skipIf(!hasScript)(
    'at a terminal: a log line goes on a line of its own, then the prompt and what was typed come back',
    async (context) => {
      const corpusDir = path.join(mkdtempSync(path.join(tmpdir(), 'ia-cinema-console-corpus-')), 'corpus')
      copyResolvedSync(FIXTURE_CORPUS_DIR, corpusDir)
      const app = spawn(
        'script',
        ['-qfec', 'stty cols 100 rows 40 && exec ./node_modules/.bin/tsx src/main.ts', '/dev/null'],
        {
          cwd: ROOT,
          detached: true,
          env: env({ SHELL: '/bin/sh', TERM: 'xterm', CORPUS_DIR: corpusDir, LOG_LEVEL: 'info' }),
        },
      )
      const chat = watch(app, context)
      await chat.until((text) => text.includes('ia-cinema> '))
      app.stdin?.write('mont')
      await chat.until((text) => text.endsWith('mont'))
      // An edit of the corpus: the bot reloads it and logs one line while "mont" waits at the prompt.
      const file = path.join(corpusDir, 'ia-emploi-cinema-audiovisuel.md')
      appendFileSync(file, '\n')
      const redrawn = /"msg":"corpus reloaded"[^\n]*\n[\s\S]*ia-cinema> mont/
      await chat.until((text) => text.includes('"msg":"corpus reloaded"'))
      await Promise.race([
        chat.until((text) => redrawn.test(text)),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ])
      expect(chat.output()).toMatch(redrawn)
      expect(chat.output()).not.toMatch(/mont\{"level"/)
      // What was typed is still there: finishing the word asks for "monteur".
      app.stdin?.write('eur\rquitter\r')
      expect(await chat.exited).toBe(0)
      expect(count(chat.output(), 'Les logiciels d’IA automatisent')).toBe(1)
    },
    90_000,
  )

  it('npm run dev ends with the chat on « quitter »', async (context) => {
    const dev = spawn('npm', ['run', '--silent', 'dev'], { cwd: ROOT, detached: true, env: env({}) })
    const chat = watch(dev, context)
    dev.stdin?.end('monteur\nquitter\n')
    expect(await chat.exited).toBe(0)
    expect(chat.output()).toContain('Les logiciels d’IA automatisent')
  }, 90_000)
})
