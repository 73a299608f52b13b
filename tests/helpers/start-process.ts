import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FIXTURE_CORPUS_DIR } from './corpus.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A free loopback port (the OS picks it; closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Whether anything accepts connections on a loopback port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** The processes `pid` started, from /proc (Linux); empty where /proc is not there. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

/** Whether a process exists (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export interface RunningProcess {
  /** `npm start` itself: what an operator, Docker or systemd starts and signals. */
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  stop(): Promise<number | null>
  /** SIGKILL to the app and npm: for a test that failed, so that no process outlives it. */
  kill(): void
}

/**
 * Starts `npm start` with the given environment, as an operator would; the data folder is a fresh temporary
 * one unless DATA_DIR is given. `child` is the npm process: signals go to it, as they would from a supervisor.
 */
export function startMain(env: Record<string, string>): RunningProcess {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ia-cinema-data-'))
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      CORPUS_DIR: FIXTURE_CORPUS_DIR,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
    kill() {
      for (const pid of childPids(child.pid ?? 0)) if (alive(pid)) process.kill(pid, 'SIGKILL')
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

/** Polls until `check` is truthy or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}
