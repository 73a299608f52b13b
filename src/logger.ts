import { type Logger, pino } from 'pino'

export type { Logger }

/** JSON logs, one event per line, on stderr so that stdout stays for answers (CLI, console chat). */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'ia-cinema' } }, pino.destination(2))
}
