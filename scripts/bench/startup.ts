/**
 * Start to first answer, as `echo monteur | npm start` lives it: spawn the bot with no platform token (the
 * console chat), send one question, time until the first line of the answer, through tsx (the dev path)
 * and compiled (`npm run build`, then node dist/src/main.js).
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const QUESTION = 'monteur'
const TIMEOUT_MS = 600_000

export interface StartupFigures {
  tsxMs: number[]
  compiledMs: number[]
  /** The machine's 1-minute load average when the runs ended: wall-clock times grow with it. */
  loadAverage: number
}

function firstAnswerMs(command: string, args: string[], corpusDir: string): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ia-cinema-bench-data-'))
  const start = performance.now()
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, CORPUS_DIR: corpusDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  child.stdin.end(`${QUESTION}\n`)
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let answeredAt: number | undefined
  child.stdout.once('data', () => {
    answeredAt = performance.now()
  })
  child.stdout.resume()
  // Resolved once the process has exited (the chat ends with its input), so that runs never overlap.
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('exit', (code) => {
      clearTimeout(timer)
      rmSync(dataDir, { recursive: true, force: true })
      if (answeredAt !== undefined && code === 0) resolve(answeredAt - start)
      else
        reject(
          new Error(
            `bench: ${[command, ...args].join(' ')} exited (${code}) without answering: ${stderr.trim()}`,
          ),
        )
    })
  })
}

/** Compiles the bot as `npm run build` does (always: figures for stale JavaScript would mislead). */
export function buildDist(): void {
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`bench: npm run build failed: ${(run.stdout + run.stderr).trim()}`)
}

/** `runs` starts each way, alternating so that both see the same machine. */
export async function measureStartup(corpusDir: string, runs: number): Promise<StartupFigures> {
  const figures: StartupFigures = { tsxMs: [], compiledMs: [], loadAverage: 0 }
  for (let i = 0; i < runs; i++) {
    figures.tsxMs.push(
      await firstAnswerMs(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], corpusDir),
    )
    figures.compiledMs.push(await firstAnswerMs(process.execPath, ['dist/src/main.js'], corpusDir))
  }
  figures.loadAverage = loadavg()[0] ?? 0
  return figures
}
