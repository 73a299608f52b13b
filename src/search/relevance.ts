import type { QueryTerm } from './question.js'
import type { TermClass, Vocabulary } from './vocabulary.js'

/**
 * Whether a passage answers a question at all. BM25 scores are not comparable across questions; the share
 * of the question a passage covers is. Each term weighs its rarity in the corpus times what it names: a job
 * or a concept of the article says what the question is about more surely than a plain word. A content word
 * the article never uses weighs as much as a rare word: it is what an off-topic question is made of
 * (« exporter en 4K dans Premiere »). Framing (« je commence lundi comme… ») never reaches here.
 */

// A year or a figure alone does not make a topic (« le meilleur film de 2023 »).
export const CLASS_WEIGHT: Record<TermClass, number> = {
  job: 1.5,
  concept: 1.2,
  name: 1,
  word: 0.8,
  number: 0.4,
}
/** An unknown word weighs like a term found in this share of the corpus' records. */
export const UNKNOWN_DOCUMENT_FREQUENCY = 1
/** Share of the question's weight the best passage must cover for the question to be answered. */
export const MIN_COVERAGE = 0.52
/** « je suis cascadeur, … ? »: a question about the asker's own job needs less of it covered. */
export const OWN_JOB_MIN_COVERAGE = 0.25
/** Other passages are shown when they cover at least this share of what the best one covers. */
export const RELATIVE_COVERAGE = 0.5

export interface Weighing {
  weights: Map<string, number>
  /** The question's whole weight: its terms and its unknown words. */
  total: number
}

export function weigh(
  terms: QueryTerm[],
  unknownWeight: number,
  vocabulary: Vocabulary,
  size: number,
): Weighing {
  const weights = new Map<string, number>()
  let total = 0
  for (const { term, weight } of terms) {
    const df = vocabulary.documentFrequency(term) ?? UNKNOWN_DOCUMENT_FREQUENCY
    const w = weight * Math.log(1 + size / df) * CLASS_WEIGHT[vocabulary.classOf(term)]
    weights.set(term, w)
    total += w
  }
  total += unknownWeight * Math.log(1 + size / UNKNOWN_DOCUMENT_FREQUENCY)
  return { weights, total }
}

/** Weight of a term found only in the questions an editor wrote for a record, not in its own words. */
export const QUESTIONS_ONLY_WEIGHT = 0.6

export function coverage(
  matched: Iterable<string>,
  weighing: Weighing,
  onlyInQuestions: (term: string) => boolean = () => false,
): number {
  let covered = 0
  for (const term of matched)
    covered += (weighing.weights.get(term) ?? 0) * (onlyInQuestions(term) ? QUESTIONS_ONLY_WEIGHT : 1)
  return weighing.total > 0 ? covered / weighing.total : 0
}

/**
 * A passage that matches only plain words of a question with more in it says little: « quel temps fait-il »
 * meets « le temps de travail ». It needs a job, concept or name of the article, or two of the question's
 * words together, unless the question is that one word.
 */
export function enoughEvidence(matched: string[], vocabulary: Vocabulary, bare: boolean): boolean {
  if (bare || matched.length >= 2) return matched.length > 0
  return matched.some((term) => vocabulary.classOf(term) !== 'word' && vocabulary.classOf(term) !== 'number')
}
