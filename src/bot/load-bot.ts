import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfigOrExit } from '../config.js'
import { loadCorpus } from '../corpus/load-corpus.js'
import { SearchEngine } from '../search/engine.js'
import type { Bot } from './bot.js'
import { type BotOptions, createBot } from './create-bot.js'
import { prepareEngine } from './prepare-engine.js'

/**
 * The project's folder: the nearest one above `from` that holds package.json. The same from the sources
 * (src/bot) and from the compiled bot (dist/src/bot), wherever the process was started from.
 */
export function projectRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return undefined
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url))

/** The project's own corpus folder. */
export const DEFAULT_CORPUS_DIR = path.join(projectRoot(HERE) ?? path.resolve(HERE, '..', '..'), 'corpus')

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
