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
        if (around) around(() => stream.write(line))
        else stream.write(line)
      } catch {
        // A file destination writes synchronously and throws (ENOSPC, EIO…): the same as a broken pipe.
        broken = true
      }
    },
  }
}

let around: ((write: () => void) => void) | undefined

/**
 * While set, every log line is written through `wrap`, which calls `write` once: the console chat, at a
 * terminal, clears its prompt line before a line and draws the prompt and what was typed again after it,
 * so that log lines never land in the middle of the line being typed. Unset with undefined.
 */
export function writeLogLinesAround(wrap: ((write: () => void) => void) | undefined): void {
  around = wrap
}

/** JSON logs, one event per line, on stderr so that stdout stays for answers (CLI, console chat). */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'ia-cinema' } }, stderrDestination())
}
