import { fileURLToPath } from 'node:url'
import { loadCorpus } from '../corpus/load-corpus.js'
import { SearchEngine } from '../search/engine.js'
import type { Bot } from './bot.js'
import { type BotOptions, createBot } from './create-bot.js'

/** The project's own corpus folder, wherever the process was started from. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url))

/** Loads and validates the corpus, builds the index and returns the bot over it. */
export async function loadBot(options: BotOptions & { corpusDir?: string } = {}): Promise<Bot> {
  const engine = SearchEngine.build(await loadCorpus(options.corpusDir ?? DEFAULT_CORPUS_DIR))
  return createBot(() => engine, options)
}
