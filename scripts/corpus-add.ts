/**
 * npm run corpus:add -- SOURCE [--url URL] [--title …] [--published YYYY-MM-DD] [--publisher …]
 * [--language fr] [--id NAME] [--timeout SECONDS] [--dry-run]: adds a web page, a PDF, a Markdown or a text
 * file to the corpus folder the bot reads (CORPUS_DIR, default corpus/). A running bot reloads it.
 */
import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { loadConfigOrExit } from '../src/config.js'
import { runCorpusAdd } from './corpus-add/run.js'

const config = loadConfigOrExit()

runCorpusAdd(process.argv.slice(2), {
  corpusDir: config.corpusDir ?? DEFAULT_CORPUS_DIR,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `corpus:add: failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
    )
    process.exitCode = 1
  },
)
