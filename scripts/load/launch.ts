/**
 * Starts an app under load in a child process of its own: autocannon (in this process) and the app then each
 * get a core instead of sharing one event loop. Both apps are started this way, so the comparison holds.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { watchCacheStats } from './hit-rate.js'
import type { RunningTarget, TargetKind, TargetOptions } from './targets.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const STOP_GRACE_MS = 5000

/** A target in its child process: `pid` for its memory. */
export interface LaunchedTarget extends RunningTarget {
  pid: number
}

export async function launchTarget(kind: TargetKind, options: TargetOptions): Promise<LaunchedTarget> {
  // node --import tsx rather than the tsx binary: the binary would add a supervising process of its own.
  const child = spawn(
    process.execPath,
    [
      ...(process.env.LOAD_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}`]
        : []),
      '--import',
      'tsx',
      path.join(ROOT, 'scripts', 'load', 'target.ts'),
      kind,
      options.apiUrl,
      options.signingSecret,
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const cacheStats = child.stdout ? watchCacheStats(child.stdout) : () => undefined
  try {
    const port = await firstPort(child, kind)
    return { port, pid: child.pid ?? 0, stop: () => stopChild(child), cacheStats }
  } catch (error) {
    await stopChild(child)
    throw error
  }
}

async function firstPort(child: ChildProcess, kind: TargetKind): Promise<number> {
  if (!child.stdout) throw new Error('load: no stdout from the target process')
  const lines = createInterface({ input: child.stdout })
  for await (const line of lines) {
    // Anything else an app may print on stdout is not for us.
    const port = /^\{"port":(\d+)\}$/.exec(line)?.[1]
    if (port) return Number(port)
  }
  // stdout closes when the child exits: it died before listening (its error went to our stderr).
  throw new Error(`load: the ${kind} app exited before listening`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.stdin?.end()
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  try {
    await exited
  } finally {
    clearTimeout(timer)
  }
}
