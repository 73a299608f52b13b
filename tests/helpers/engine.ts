import type { Bot } from '../../src/bot/bot.js'
import type { BotOptions } from '../../src/bot/create-bot.js'
import { loadBot } from '../../src/bot/load-bot.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { SearchEngine } from '../../src/search/engine.js'
import { FIXTURE_CORPUS_DIR } from './corpus.js'

let shared: Promise<SearchEngine> | undefined

/** The engine over the project's article (the fixture corpus, see ./corpus.ts), built once per test file. */
export function projectEngine(): Promise<SearchEngine> {
  shared ??= loadCorpus(FIXTURE_CORPUS_DIR).then((corpus) => SearchEngine.build(corpus))
  return shared
}

/** The bot over the project's article (the fixture corpus), as loadBot builds it. */
export function projectBot(options: BotOptions = {}): Promise<Bot> {
  return loadBot({ corpusDir: FIXTURE_CORPUS_DIR, ...options })
}
