import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { loadConfigOrExit } from '../src/config.js'

/** What a corpus script is given: the folder the bot reads, and where to write. */
export interface CorpusScriptIo {
  corpusDir: string
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/**
 * Runs a corpus script (corpus:add, corpus:check) on the folder the bot reads (CORPUS_DIR, default corpus/):
 * its exit code becomes the process's, and anything it throws one line on stderr, exit 1.
 */
export function runCorpusScript(name: string, run: (io: CorpusScriptIo) => Promise<number>): void {
  const config = loadConfigOrExit()
  run({
    corpusDir: config.corpusDir ?? DEFAULT_CORPUS_DIR,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(
        `${name}: failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
      )
      process.exitCode = 1
    },
  )
}
