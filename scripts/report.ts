/**
 * npm run report [-- --since 7d] [--data-dir DIR] [--limit N]: what the bot could not answer, the passages
 * people found useless, and usage per command and platform, for the people who maintain corpus/. Read from
 * PostgreSQL when DATABASE_URL is set (every instance's rows), else from the SQLite file in the data folder.
 */
import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { loadConfigOrExit } from '../src/config.js'
import { loadCorpus } from '../src/corpus/load-corpus.js'
import { SearchEngine } from '../src/search/engine.js'
import { runReport } from '../src/storage/report-cli.js'

// The same DATA_DIR and CORPUS_DIR as the bot; a --data-dir given on the command line comes later and wins.
const config = loadConfigOrExit()
const CORPUS_DIR = config.corpusDir ?? DEFAULT_CORPUS_DIR

runReport(['--data-dir', config.dataDir, ...process.argv.slice(2)], {
  ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  loadPassages: async () => new Map((await loadCorpus(CORPUS_DIR)).records.map((r) => [r.id, r.text])),
  // The unanswered questions, placed in the closest section, ready to grow <document>.questions.yaml.
  loadPlacer: async () => {
    const engine = SearchEngine.build(await loadCorpus(CORPUS_DIR))
    return (query) => {
      const record = engine.nearest(query)
      const section = record?.section.at(-1)
      return record && section ? { file: `corpus/${record.documentId}.questions.yaml`, section } : undefined
    }
  },
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
