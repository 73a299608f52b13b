import type { Logger } from '../logger.js'

/** Past this, the process exits whatever is still running (Docker and Kubernetes kill at 10 s and 30 s). */
export const SHUTDOWN_DEADLINE_MS = 4_500
/** At the deadline, the store still gets this long to write what waits (a round trip to PostgreSQL). */
const CLOSE_GRACE_MS = 300

export interface ShutdownOptions {
  logger: Logger
  /** Everything that takes work, stopped in parallel: adapters, servers, schedules. */
  stop: () => Array<Promise<void> | void>
  /**
   * Runs once they have stopped, or at the deadline: the store, written and closed. Awaited until the
   * deadline (or CLOSE_GRACE_MS when the deadline itself is what runs it).
   */
  close: () => void | Promise<void>
  deadlineMs?: number
}

function quietly(action: () => void): void {
  try {
    action()
  } catch {
    // Nothing here may keep the process from exiting: a log line that cannot be written is lost, not fatal.
  }
}

/**
 * SIGTERM and SIGINT: stop taking new work, let what is in flight finish, close the store, exit 0. Returns
 * whether the shutdown has begun (for /healthz).
 *
 * The deadline is armed before anything else runs, and nothing it does can wait: whatever happens to the
 * adapters or to the log reader, the process ends. A repeated signal changes nothing (npm forwards the
 * terminal's Ctrl-C to a process that received it already).
 */
export function handleShutdownSignals(options: ShutdownOptions): () => boolean {
  let begun = false
  let closing = false
  let exited = false
  const exit = (reason: 'stopped' | 'deadline') => {
    if (exited) return
    exited = true
    quietly(() =>
      reason === 'stopped'
        ? options.logger.info('stopped')
        : options.logger.warn('shutdown deadline reached, exiting with work still in flight'),
    )
    process.exit(0)
  }
  const finish = (reason: 'stopped' | 'deadline') => {
    // The deadline while the store is closing: it has had its time.
    if (closing) return exit('deadline')
    closing = true
    let closed: Promise<void> = Promise.resolve()
    quietly(() => {
      closed = Promise.resolve(options.close())
    })
    if (reason === 'deadline') setTimeout(() => exit('deadline'), CLOSE_GRACE_MS)
    void closed.catch(() => undefined).then(() => exit(reason))
  }
  const begin = (signal: NodeJS.Signals) => {
    if (begun) return
    begun = true
    setTimeout(() => finish('deadline'), options.deadlineMs ?? SHUTDOWN_DEADLINE_MS)
    quietly(() => options.logger.info({ signal }, 'shutting down'))
    let stopping: Array<Promise<void> | void> = []
    quietly(() => {
      stopping = options.stop()
    })
    void Promise.allSettled(stopping).then(() => finish('stopped'))
  }
  process.on('SIGTERM', begin)
  process.on('SIGINT', begin)
  return () => begun
}
