/**
 * npm run corpus:check: validates the corpus folder the bot reads (CORPUS_DIR, default corpus/), indexes it
 * and runs the public eval questions on it. Run it after editing or adding a document; CI runs it too.
 */
import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { loadConfigOrExit } from '../src/config.js'
import { runCorpusCheck } from './corpus-check/run.js'

const config = loadConfigOrExit()

runCorpusCheck({
  corpusDir: config.corpusDir ?? DEFAULT_CORPUS_DIR,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `corpus:check: failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
    )
    process.exitCode = 1
  },
)
