import type { Answer } from '../src/answers/answer.js'
import type { Requester } from '../src/answers/requester.js'
import type { SearchEngine } from '../src/search/engine.js'

export interface Localized {
  fr: string
  en: string
}

/** What a command can use: the engine over the current corpus and who asks. */
export interface CommandContext {
  engine: SearchEngine
  requester: Requester
  /** Source of randomness for random quotes (injectable so tests can be deterministic). */
  random: () => number
}

/** One sub-command of `/ia-cinema`, platform-neutral. */
export interface Command {
  /** Name typed after `/ia-cinema` (search is the default and has no keyword). */
  name: string
  /** Other words that select it ("quote", "métiers", "help"…), compared without accents or case. */
  aliases: string[]
  description: Localized
  /** How to use it, e.g. "citation [thème]". */
  usage: string
  /** Examples shown in help. */
  examples: string[]
  /** True when these arguments always give the same answer for a given corpus (not a random quote). */
  deterministic(args: string): boolean
  /** False when these arguments are not for this command (then the whole text is searched). */
  accepts?(args: string): boolean
  run(args: string, context: CommandContext): Answer
  /**
   * Computes what the command reads on every call and that only changes with the corpus, so that its first
   * call after a start or a reload costs no more than the next ones. Run before a new corpus serves.
   */
  prepare?(engine: SearchEngine): void
}

/** The single slash command both platforms register. */
export const SLASH_COMMAND = {
  name: 'ia-cinema',
  description: {
    fr: "Cherche dans l'article « IA & emploi dans le cinéma et l'audiovisuel »",
    en: 'Search the article on AI and jobs in film and TV (in French)',
  },
  option: {
    name: 'question',
    description: {
      fr: 'Un métier, un thème, une question, ou : citation, metiers, sources, parcours, aide',
      en: 'A job, a topic, a question, or: citation, metiers, sources, parcours, aide',
    },
  },
} as const
