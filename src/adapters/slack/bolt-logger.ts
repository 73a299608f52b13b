import { type Logger as BoltLogger, LogLevel } from '@slack/bolt'
import type { Logger } from '../../logger.js'

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
}

/**
 * Bolt's log level for a pino level. Bolt is chatty at info (connection chatter, request dumps at debug), so it
 * only speaks at warn and above unless the operator asked for debug output.
 */
export function boltLevelFor(pinoLevel: string): LogLevel {
  return pinoLevel === 'debug' || pinoLevel === 'trace' ? LogLevel.DEBUG : LogLevel.WARN
}

/**
 * Bolt, its WebClient and the Socket Mode client all log through this object, so their lines end up in the same
 * JSON stream as ours instead of on stdout in Bolt's own format.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = boltLevelFor(logger.level)
  let child = logger.child({ component: 'slack-bolt' })

  const write = (at: LogLevel, args: unknown[]) => {
    if (SEVERITY[at] < SEVERITY[level]) return
    const err = args.find((a): a is Error => a instanceof Error)
    const message = args
      .filter((a) => !(a instanceof Error))
      .map((a) => (typeof a === 'string' ? a : safeJson(a)))
      .join(' ')
    const fields = err ? { err } : {}
    switch (at) {
      case LogLevel.DEBUG:
        child.debug(fields, message)
        break
      case LogLevel.INFO:
        child.info(fields, message)
        break
      case LogLevel.WARN:
        child.warn(fields, message)
        break
      default:
        child.error(fields, message)
    }
  }

  return {
    debug: (...args: unknown[]) => write(LogLevel.DEBUG, args),
    info: (...args: unknown[]) => write(LogLevel.INFO, args),
    warn: (...args: unknown[]) => write(LogLevel.WARN, args),
    error: (...args: unknown[]) => write(LogLevel.ERROR, args),
    setLevel: (next: LogLevel) => {
      level = next
    },
    getLevel: () => level,
    setName: (name: string) => {
      child = logger.child({ component: name })
    },
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
