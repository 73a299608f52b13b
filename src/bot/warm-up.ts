import type { SearchEngine } from '../search/engine.js'
import type { Bot } from './bot.js'
import { createBot } from './create-bot.js'

/**
 * Questions that take every path a real one takes: a job, a feminine form, full questions with inversions, a
 * typo, English, an off-topic word, each command, an empty text and a long one.
 */
export const WARM_UP_QUESTIONS: readonly string[] = [
  'monteur',
  'Quels métiers sont menacés par l’IA ?',
  'ingénieure du son',
  'Est-ce que l’IA va remplacer les acteurs ?',
  'storybord',
  'editor jobs',
  'pizza',
  'doublage voix synthétique',
  'citation',
  'citation miyazaki',
  'metiers menacés',
  'sources',
  'parcours 2',
  'aide',
  '',
  `scénariste ${'cinéma '.repeat(400)}`,
]

/**
 * Runs the warm-up questions through a bot that records nothing and shares the serving engine, a few times
 * over, and returns that bot for the adapters to warm their own path with (rendering, HTTP). A fresh process
 * compiles the parser, the analyzer, the stemmer and the ranking on its first requests and fills the
 * engine's stem caches; 200 requests arriving at once on a cold process waited seconds for that.
 */
export async function warmUp(getEngine: () => SearchEngine, rounds = 3): Promise<Bot> {
  // No store, no fair use: nothing of the warm-up reaches the reports or anyone's quota.
  const bot = createBot(getEngine)
  for (let round = 0; round < rounds; round += 1) {
    // A different text each round, so that the engine runs instead of the warm-up bot's own answer cache.
    await Promise.all(
      WARM_UP_QUESTIONS.map((question) =>
        bot.ask(round === 0 ? question : `${question} ${'?'.repeat(round)}`, { platform: 'console' }),
      ),
    )
  }
  for (const partial of ['mont', 'doub', 'citation m']) bot.autocomplete(partial)
  return bot
}
