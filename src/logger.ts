import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger }

/** Past this much log output waiting for a slow reader, new lines are dropped rather than held in memory. */
const MAX_BACKLOG_BYTES = 1 << 20

/**
 * Where log lines go: stderr, through Node's own stream for it. A log line must never stop the process:
 * - a pipe is written without blocking (Node opens stdio pipes non-blocking and queues what does not fit),
 *   whereas pino's default destination writes synchronously at exit and retried forever on a pipe whose
 *   reader was gone or had stopped reading — the process then never exited;
 * - a reader that is gone (EPIPE) or any other write error (a full disk under a redirected file) turns
 *   logging off instead of throwing into whatever was logging;
 * - a reader that stops reading costs at most MAX_BACKLOG_BYTES; later lines are dropped.
 */
export function stderrDestination(stream: NodeJS.WriteStream = process.stderr): DestinationStream {
  let broken = false
  stream.on('error', () => {
    broken = true
  })
  return {
    write(line: string) {
      if (broken || stream.writableLength > MAX_BACKLOG_BYTES) return
      try {
        stream.write(line)
      } catch {
        // A file destination writes synchronously and throws (ENOSPC, EIO…): the same as a broken pipe.
        broken = true
      }
    },
  }
}

/** JSON logs, one event per line, on stderr so that stdout stays for answers (CLI, console chat). */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'ia-cinema' } }, stderrDestination())
}
