import { DEFAULT_CORPUS_DIR } from '../../src/bot/load-bot.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { SearchEngine } from '../../src/search/engine.js'

let shared: Promise<SearchEngine> | undefined

/** The engine over the project's own corpus, built once per test file. */
export function projectEngine(): Promise<SearchEngine> {
  shared ??= loadCorpus(DEFAULT_CORPUS_DIR).then((corpus) => SearchEngine.build(corpus))
  return shared
}
