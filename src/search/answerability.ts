import type { Reading } from './question.js'
import type { Ranking } from './rank-postings.js'
import { UNKNOWN_KINDS, type UnknownKind } from './unknown-words.js'
import type { Vocabulary } from './vocabulary.js'

/**
 * Whether to answer, and how surely. BM25 scores are not comparable across questions, and one coverage
 * threshold refused real questions (paraphrases, messages pasted from a channel) while answering traps that
 * share a name with the article. The decision combines the evidence instead: how much of the question the
 * best passage covers, how many of the article's jobs, concepts and names it meets, and what the words the
 * article never uses are (a noun of another field, a name or a code count against; a verb, a word of the
 * trade or a word with no topic hardly do). A logistic model fitted on the labelled question sets
 * (`npm run eval -- --fit`) turns them into a probability that the article answers.
 */
export type Tier = 'direct' | 'closest' | 'none'

export interface Verdict {
  tier: Tier
  /** How surely the article answers (0–1); the tiers are thresholds on it. */
  score: number
}

/** The evidence, as numbers, in the order of the model's weights. */
export const EVIDENCE_FEATURES = [
  'coverage',
  'complete',
  'strong',
  'job',
  'matched',
  'central',
  'ownJob',
  'priceMissing',
  'countMissing',
  'moment',
  'howTo',
  'best',
  'quote',
  ...UNKNOWN_KINDS.map((kind) => `unknown:${kind}` as const),
] as const
export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number]

export interface AnswerModel {
  bias: number
  weights: Record<EvidenceFeature, number>
  /** At or above: the passages are shown as the answer. */
  direct: number
  /** At or above (below `direct`): shown as « le plus proche dans l'article ». Below: nothing. */
  closest: number
}

/**
 * Fitted by `npm run eval -- --fit` on the development sets (every question set of tests/fixtures but the
 * held-out ones, whose file names say « holdout »), its L2 penalty chosen by leaving each development set
 * out in turn; thresholds read on `npm run eval -- --curve`. (A price no passage gives is refused before the
 * model: `priceMissing` weighs only in the score `ask --json` shows.)
 */
export const ANSWER_MODEL: AnswerModel = {
  bias: -6.293,
  weights: {
    coverage: 2.866,
    complete: 1.151,
    strong: 0.993,
    job: 1,
    matched: 3.106,
    central: 3.737,
    ownJob: 2.17,
    priceMissing: -3.492,
    countMissing: -1.736,
    moment: -1.488,
    howTo: -2.421,
    best: -3.134,
    quote: 2.477,
    'unknown:code': -1.019,
    'unknown:name': -3.118,
    'unknown:noun': -1.578,
    'unknown:mixed': -0.49,
    'unknown:english': 1.469,
    'unknown:domain': -0.966,
    'unknown:generic': -0.293,
  },
  direct: 0.7,
  closest: 0.35,
}

export type Evidence = Record<EvidenceFeature, number>

const UNKNOWN_FEATURE = Object.fromEntries(UNKNOWN_KINDS.map((kind) => [kind, `unknown:${kind}`])) as Record<
  UnknownKind,
  `unknown:${UnknownKind}`
>

const COMPLETE = 0.99
/** A keyword query is answered when one passage holds this much of it. */
const KEYWORD_COVERAGE = 0.5
// An amount of money: « 40 millions de dollars », « 5 € », « un million d'euros ».
const AMOUNT = /[€$£]|\b(?:euros?|dollars?|livres sterling)\b|\d\s*(?:k|m|md)?\s*(?:€|\$)/i

// A count or a share: « 300 000 personnes », « de moitié », « 40 % » (a year is not one).
const COUNT =
  /\b(?!(?:19|20)\d\d\b)\d[\d\s.,]*\b|%|\b(?:moitié|tiers|quart|double|triple|dizaines?|centaines?|milliers?|millions?|milliards?|soixantaine|quarantaine|trentaine|vingtaine|pour cent|half|thousands?|hundreds?)\b/i

/** The evidence a reading and its ranking give (what the model reads; also shown by `ask --json`). */
export function evidenceOf(
  reading: Pick<Reading, 'unknown' | 'intent'> & { terms?: Reading['terms'] },
  ranking: Ranking,
  vocabulary: Vocabulary,
  size: number,
): Evidence {
  let strong = 0
  let job = 0
  let central = 0
  // A word only the message's context uses (« je prépare une présentation sur l'IA ») says what the talk is
  // about, so it counts for the article's subjects; it is not what is asked (« fin de journée de montage,
  // Oppenheimer a fait combien d'entrées ? »): it makes no job of the question.
  const contextOnly = new Set(reading.terms?.filter((t) => t.context).map((t) => t.term))
  for (const term of ranking.bestMatched) {
    const kind = vocabulary.classOf(term)
    if (kind === 'job' || kind === 'concept' || kind === 'name') strong++
    // A job of the article is what it is about (« les chefs opérateurs vont-ils disparaître ? »).
    if (kind === 'job' && !contextOnly.has(term)) job = 1
    // The article's own subjects run through many of its passages (« IA », « emploi »): meeting one of
    // them says the question is about what the article is about; a trap meets one rare name.
    // Counted in the documents' own words: questions written for the passages say « ces outils » often.
    central = Math.max(central, vocabulary.ownFrequency(term) / Math.max(1, size))
  }
  const shown = ranking.best.slice(0, 3)
  const evidence = {
    coverage: ranking.coverage,
    // Every word of the question met in one passage: « labo Kill the Tape », « sound design IA ».
    complete: ranking.coverage >= COMPLETE ? 1 : 0,
    strong: Math.min(strong, 4) / 4,
    job,
    matched: Math.log1p(ranking.bestMatched.length),
    central: Math.min(1, central),
    ownJob: ranking.ownJob ? 1 : 0,
    priceMissing: reading.intent.price && !shown.some((hit) => AMOUNT.test(hit.record.text)) ? 1 : 0,
    countMissing: reading.intent.count && !(shown[0] && COUNT.test(shown[0].record.text)) ? 1 : 0,
    moment: reading.intent.moment ? 1 : 0,
    howTo: reading.intent.howTo ? 1 : 0,
    best: reading.intent.best ? 1 : 0,
    quote: reading.intent.quote ? 1 : 0,
  } as Evidence
  for (const kind of UNKNOWN_KINDS) evidence[UNKNOWN_FEATURE[kind]] = 0
  for (const { kind } of reading.unknown) evidence[UNKNOWN_FEATURE[kind]]++
  return evidence
}

/** The model's probability that the article answers, from the evidence. */
export function answerScore(evidence: Evidence, model: AnswerModel = ANSWER_MODEL): number {
  let z = model.bias
  for (const feature of EVIDENCE_FEATURES) z += model.weights[feature] * evidence[feature]
  return 1 / (1 + Math.exp(-z))
}

export function decide(
  reading: Pick<Reading, 'intent' | 'bare' | 'words'>,
  ranking: Ranking,
  evidence: Evidence,
  model: AnswerModel = ANSWER_MODEL,
): Verdict {
  // The team's own affairs, and a price or a pay no passage shown gives (« le salaire d'un monteur junior »):
  // the thing asked is not in the article, however well it speaks of the job.
  if (reading.intent.local || ranking.best.length === 0 || evidence.priceMissing === 1)
    return { tier: 'none', score: 0 }
  // A keyword the article uses (« monteur », « doublage ») is answered: it names its topic and nothing else.
  if (reading.bare) return { tier: 'direct', score: 1 }
  const modelled = answerScore(evidence, model)
  // Nothing in the question points outside the article: no unknown noun, name or code, nothing asked that
  // no passage shown can give (a price, a figure, instructions).
  const nothingForeign =
    evidence['unknown:noun'] + evidence['unknown:name'] + evidence['unknown:code'] === 0 &&
    evidence.priceMissing + evidence.countMissing + evidence.howTo === 0
  // « les chefs opérateurs vont-ils disparaître ? »: a question about one of the article's jobs has its
  // topic in the article: at least the closest passages, whatever its length (the model, fitted mostly on
  // long questions, doubts short ones). « les chefs op font-ils du télétravail ? » gets them with the line
  // saying what the article does not cover.
  // The job must be what is asked about: with another of the article's subjects (« les chefs op vont-ils
  // disparaître ? »), or with at most one word the article does not use (« les monteurs sont-ils condamnés
  // ? »). A job beside several such words is more often the setting of another question (« qui est
  // d'astreinte ce week-end pour la salle de montage ? »), and a ranking or a moment is never the
  // article's (« le meilleur logiciel de montage »).
  const unknownWords = UNKNOWN_KINDS.reduce((sum, kind) => sum + evidence[UNKNOWN_FEATURE[kind]], 0)
  const aboutAJob =
    evidence.job === 1 &&
    nothingForeign &&
    evidence['unknown:mixed'] + evidence['unknown:domain'] <= 1 &&
    (evidence.strong >= 0.5 || unknownWords <= 1) &&
    evidence.best + evidence.moment === 0
  // « Scarlet Johanson », « sound design IA »: a keyword query of one or two words, one passage holding
  // most of it and no other word but an English one or a word with no topic, gets at least the closest
  // passages (a single keyword the article uses is answered directly: `bare` above).
  const keywords =
    reading.words <= 2 &&
    evidence.coverage >= KEYWORD_COVERAGE &&
    nothingForeign &&
    evidence['unknown:mixed'] + evidence['unknown:domain'] === 0
  const score = aboutAJob || keywords ? Math.max(modelled, model.closest) : modelled
  const tier = score >= model.direct ? 'direct' : score >= model.closest ? 'closest' : 'none'
  return { tier, score }
}
