/**
 * What the load test types after /ia-cinema: every eval question, then never-seen questions made from the
 * corpus' own words (combinations, phrasings, typos, off-topic words), with a sub-command now and then —
 * distinct questions, so that the answer cache helps as little as it would with real users, and the
 * measured throughput is that of the cold path. The same sequence for the same corpus.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { configuredCorpusDir } from '../../src/bot/load-bot.js'
import { evalQuestions, neverSeenQuestions, vocabularyOf } from '../bench/questions.js'

/** More than a 10-second run at full speed sends: the sequence does not wrap around within a run. */
const QUESTION_COUNT = 40_000
const SEED = 11
/** One request in this many is a sub-command (cached after its first answer, as in real use). */
const COMMAND_EVERY = 25
const COMMANDS = ['metiers', 'sources', 'parcours', 'citation', 'aide', 'metiers menacés', 'parcours 3', '']

let questions: string[] | undefined

function corpusTexts(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .map((name) => readFileSync(path.join(directory, name), 'utf8'))
}

/** The whole sequence, made on first use (a few tens of milliseconds). */
export function loadQuestions(): readonly string[] {
  if (!questions) {
    const asked = evalQuestions().questions
    const vocabulary = vocabularyOf(corpusTexts(configuredCorpusDir()))
    const fresh = neverSeenQuestions(vocabulary, QUESTION_COUNT - asked.length, SEED, new Set(asked))
    questions = [...asked, ...fresh].map((question, n) =>
      n % COMMAND_EVERY === COMMAND_EVERY - 1
        ? (COMMANDS[Math.floor(n / COMMAND_EVERY) % COMMANDS.length] as string)
        : question,
    )
  }
  return questions
}

/** The text of the n-th request of a run. */
export function questionAt(n: number): string {
  const all = loadQuestions()
  return all[n % all.length] as string
}

/** `count` questions spread evenly over the sequence: what the load's answers look like on average. */
export function sampleQuestions(count: number): string[] {
  const all = loadQuestions()
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)] as string)
}
