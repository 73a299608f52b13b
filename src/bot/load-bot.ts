import path from 'node:path'
import { loadConfigOrExit, PROJECT_ROOT } from '../config.js'
import { loadCorpus } from '../corpus/load-corpus.js'
import { SearchEngine } from '../search/engine.js'
import type { Bot } from './bot.js'
import { type BotOptions, createBot } from './create-bot.js'
import { prepareEngine } from './prepare-engine.js'

export { projectRoot } from '../config.js'

/** The project's own corpus folder (found from the project's folder, as the data folder is). */
export const DEFAULT_CORPUS_DIR = path.join(PROJECT_ROOT, 'corpus')

/**
 * For entry points (bot, CLI, scripts): the corpus folder they all read, CORPUS_DIR when set, else the
 * project's own. A bad environment stops the process with one line per variable, as `npm start` does.
 */
export function configuredCorpusDir(): string {
  return loadConfigOrExit().corpusDir ?? DEFAULT_CORPUS_DIR
}

/** Loads and validates the corpus, builds the index and returns the bot over it. */
export async function loadBot(options: BotOptions & { corpusDir?: string } = {}): Promise<Bot> {
  const engine = SearchEngine.build(await loadCorpus(options.corpusDir ?? DEFAULT_CORPUS_DIR))
  await prepareEngine(engine)
  return createBot(() => engine, options)
}
