/**
 * The questions the bench (and the load test) asks: the eval sets as written, and never-seen ones made
 * from the corpus' own words — combinations, phrasings, typos, off-topic words — distinct from each other
 * and from the eval sets, the same for the same seed. Never-seen questions defeat every per-question cache,
 * so they measure the cold path.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { seededRandom } from './synthetic-corpus.js'

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'tests', 'fixtures')

const TEMPLATES: ReadonlyArray<(w: string[]) => string> = [
  ([a]) => `${a}`,
  ([a, b]) => `${a} ${b}`,
  ([a, b, c]) => `${a} ${b} ${c}`,
  ([a]) => `Que dit l’article sur ${a} ?`,
  ([a, b]) => `Est-ce que l’IA change ${a} et ${b} ?`,
  ([a]) => `Quels métiers sont concernés par ${a} ?`,
  ([a, b]) => `c'est quoi le rapport entre ${a} et ${b}`,
  ([a, b]) => `${capitalised(a ?? '')} ${b} ?`,
  ([a, b, c]) => `bonjour, je travaille sur ${a}, l’IA va-t-elle toucher ${b} ou ${c} ?`,
]
/** Words the article never uses: questions built on them should find nothing. */
const OFF_TOPIC = [
  'pizza',
  'vacances',
  'football',
  'jardinage',
  'impôts',
  'météo',
  'plage',
  'tricot',
  'piscine',
]
const TYPO_SHARE = 0.35
const OFF_TOPIC_SHARE = 0.1

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** Every question of every eval set (tests/fixtures/*.jsonl), each once. */
export function evalQuestions(): { files: string[]; questions: string[] } {
  const files = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
  const questions = files.flatMap((name) =>
    readFileSync(path.join(FIXTURES, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String((JSON.parse(line) as { q: unknown }).q)),
  )
  return { files, questions: [...new Set(questions)] }
}

/** One edit a hurried typist makes: a letter dropped, two swapped, one replaced or doubled. */
function typo(word: string, random: () => number): string {
  if (word.length < 5) return word
  const at = 1 + Math.floor(random() * (word.length - 2))
  const letters = [...word]
  switch (Math.floor(random() * 4)) {
    case 0:
      letters.splice(at, 1)
      break
    case 1:
      ;[letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string]
      break
    case 2:
      letters[at] = 'aeioustrn'[Math.floor(random() * 9)] as string
      break
    default:
      letters.splice(at, 0, letters[at] as string)
  }
  return letters.join('')
}

/** The words of `texts` a question could use (four letters or more), sorted so that a seed is reproducible. */
export function vocabularyOf(texts: Iterable<string>): string[] {
  const words = new Set<string>()
  for (const text of texts)
    for (const match of text.matchAll(/\p{L}{4,}/gu)) words.add(match[0].toLowerCase())
  return [...words].sort()
}

/** `count` distinct questions nobody asked before, none of them in `exclude`. */
export function neverSeenQuestions(
  vocabulary: readonly string[],
  count: number,
  seed: number,
  exclude: ReadonlySet<string> = new Set(),
): string[] {
  if (vocabulary.length === 0) throw new Error('bench: no vocabulary to make questions from')
  const random = seededRandom(seed)
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] as string
  const out = new Set<string>()
  for (let tries = 0; out.size < count && tries < count * 50; tries++) {
    const words = [pick(), pick(), pick()]
    if (random() < OFF_TOPIC_SHARE) words[0] = OFF_TOPIC[Math.floor(random() * OFF_TOPIC.length)] as string
    if (random() < TYPO_SHARE) {
      const i = Math.floor(random() * words.length)
      words[i] = typo(words[i] as string, random)
    }
    const question = (TEMPLATES[Math.floor(random() * TEMPLATES.length)] as (w: string[]) => string)(words)
    if (!exclude.has(question)) out.add(question)
  }
  return [...out]
}
