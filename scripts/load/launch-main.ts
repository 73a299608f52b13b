/**
 * The app exactly as `npm start` runs it (src/main.ts, Slack HTTP mode), in a process of its own, for the
 * runs that are about a process's life: its first seconds, and what it keeps in memory. Fair use is lifted
 * (a burst from 50 users would mostly be answered "trop de demandes"), the corpus is not watched, the store
 * lives in a temporary folder.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const STOP_GRACE_MS = 6_000
const LISTENING = 'Slack listening (HTTP mode, /slack/events)'

export interface RunningApp {
  pid: number
  port: number
  stop(): Promise<void>
}

export async function launchMain(options: {
  apiUrl: string
  signingSecret: string
  /** Node options before the script (--max-old-space-size, --heapsnapshot-signal…). */
  nodeArgs?: string[]
  /** Variables added to the app's environment. */
  env?: Record<string, string>
}): Promise<RunningApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ia-cinema-load-main-'))
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-load',
        SLACK_SIGNING_SECRET: options.signingSecret,
        SLACK_API_URL: options.apiUrl,
        PORT: '0',
        DATA_DIR: dataDir,
        RATE_LIMIT: '9999/1s',
        CORPUS_WATCH: 'off',
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  const stop = async () => {
    await stopChild(child)
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const port = await listeningPort(child)
    return { pid: child.pid ?? 0, port, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Reads the app's log until it listens; afterwards keeps reading, passing on its warnings and errors. */
async function listeningPort(child: ChildProcess): Promise<number> {
  if (!child.stderr) throw new Error('load: no stderr from the app')
  const lines = createInterface({ input: child.stderr })
  return new Promise((resolve, reject) => {
    let port: number | undefined
    lines.on('line', (line) => {
      let entry: { level?: number; msg?: string; port?: number }
      try {
        entry = JSON.parse(line)
      } catch {
        process.stderr.write(`${line}\n`)
        return
      }
      if (port === undefined && entry.msg === LISTENING && typeof entry.port === 'number') {
        port = entry.port
        resolve(port)
      } else if ((entry.level ?? 0) >= 40) process.stderr.write(`${line}\n`)
    })
    lines.on('close', () => {
      if (port === undefined) reject(new Error('load: the app exited before listening'))
    })
  })
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  try {
    await exited
  } finally {
    clearTimeout(timer)
  }
}
