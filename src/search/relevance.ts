import type { QueryTerm } from './question.js'
import type { TermClass, Vocabulary } from './vocabulary.js'

/**
 * How much of a question a passage covers. BM25 scores are not comparable across questions; the share of the
 * question a passage covers is. Each term weighs its rarity in the corpus times what it names: a job or a
 * concept of the article says what the question is about more surely than a plain word. A content word the
 * article never uses weighs by what it is (unknown-words.ts): a code or a name as much as a rare word — what
 * an off-topic question is made of (« exporter en 4K dans Premiere ») —, a verb hardly. Framing (« je
 * commence lundi comme… ») never reaches here. Whether to answer at all is answerability.ts's decision, of
 * which the best coverage is one piece of evidence.
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
