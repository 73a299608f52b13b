/**
 * npm run report [-- --since 7d] [--data-dir DIR] [--limit N]: what the bot could not answer, the passages
 * people found useless, and usage per command and platform, for the people who maintain corpus/.
 */
import { fileURLToPath } from 'node:url'
import { loadCorpus } from '../src/corpus/load-corpus.js'
import { runReport } from '../src/storage/report-cli.js'

const CORPUS_DIR = fileURLToPath(new URL('../corpus', import.meta.url))

runReport(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadPassages: async () => new Map((await loadCorpus(CORPUS_DIR)).records.map((r) => [r.id, r.text])),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `report : échec : ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
    )
    process.exitCode = 1
  },
)
