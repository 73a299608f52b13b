import {
  type AnswerModel,
  answerScore,
  EVIDENCE_FEATURES,
  type Evidence,
  type EvidenceFeature,
} from '../search/answerability.js'

/** One labelled question: its evidence, and whether the article answers it (false: an off-topic question). */
export interface LabelledEvidence {
  evidence: Evidence
  answerable: boolean
  /** The question set it comes from: each set weighs the same in the fit, whatever its size. */
  set: string
}

/**
 * What is known before any question is seen, as bounds on the weights: more coverage or more of the
 * article's subjects met never count against an answer, a noun, a name or a code the article never uses
 * never counts for it, and a job of the article met (it is an article about jobs) counts for it.
 */
export const WEIGHT_BOUNDS: Partial<Record<EvidenceFeature, [min: number, max: number]>> = {
  coverage: [0, Number.POSITIVE_INFINITY],
  complete: [0, Number.POSITIVE_INFINITY],
  strong: [0, Number.POSITIVE_INFINITY],
  job: [1, Number.POSITIVE_INFINITY],
  matched: [0, Number.POSITIVE_INFINITY],
  central: [0, Number.POSITIVE_INFINITY],
  ownJob: [0, Number.POSITIVE_INFINITY],
  quote: [0, Number.POSITIVE_INFINITY],
  priceMissing: [Number.NEGATIVE_INFINITY, 0],
  countMissing: [Number.NEGATIVE_INFINITY, 0],
  moment: [Number.NEGATIVE_INFINITY, 0],
  howTo: [Number.NEGATIVE_INFINITY, 0],
  best: [Number.NEGATIVE_INFINITY, 0],
  'unknown:code': [Number.NEGATIVE_INFINITY, 0],
  'unknown:name': [Number.NEGATIVE_INFINITY, 0],
  'unknown:noun': [Number.NEGATIVE_INFINITY, 0],
  'unknown:mixed': [Number.NEGATIVE_INFINITY, 0],
  'unknown:domain': [Number.NEGATIVE_INFINITY, 0],
  // Verbs, adjectives and English words the article does not use are how people rephrase it: no bound,
  // the questions decide (they do count for an answer a little: a rephrased question is a real one).
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number
  iterations?: number
  rate?: number
}

/**
 * A logistic regression by batch gradient descent: deterministic (same rows, same model). Each question
 * set weighs the same (a large set written in one style must not decide for the others), each class then
 * half of the loss (off-topic questions are the fewer), a small L2 penalty keeps a feature seen in a
 * handful of questions from taking a large weight, and WEIGHT_BOUNDS say what is known beforehand.
 */
export function fitAnswerModel(
  rows: readonly LabelledEvidence[],
  thresholds: Pick<AnswerModel, 'direct' | 'closest'>,
  options: FitOptions = {},
): AnswerModel {
  const { l2 = 0.003, iterations = 3000, rate = 0.5 } = options
  const setSizes = new Map<string, number>()
  for (const row of rows) setSizes.set(row.set, (setSizes.get(row.set) ?? 0) + 1)
  const setWeight = rows.map((row) => rows.length / setSizes.size / (setSizes.get(row.set) as number))
  let positives = 0
  let negatives = 0
  rows.forEach((row, i) => {
    if (row.answerable) positives += setWeight[i] as number
    else negatives += setWeight[i] as number
  })
  if (positives === 0 || negatives === 0) throw new Error('fitAnswerModel: needs both kinds of question')
  const total = positives + negatives
  const weightOf = (i: number) =>
    ((setWeight[i] as number) * total) /
    (2 * ((rows[i] as LabelledEvidence).answerable ? positives : negatives))
  const xs = rows.map((row) => EVIDENCE_FEATURES.map((feature) => row.evidence[feature]))
  const bounds = EVIDENCE_FEATURES.map((feature) => WEIGHT_BOUNDS[feature] ?? [-Infinity, Infinity])
  const clamp = (k: number, w: number) =>
    Math.min((bounds[k] as number[])[1] as number, Math.max((bounds[k] as number[])[0] as number, w))
  const weights = EVIDENCE_FEATURES.map((_, k) => clamp(k, 0))
  let bias = 0
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = weights.map(() => 0)
    let biasGradient = 0
    rows.forEach((row, i) => {
      const x = xs[i] as number[]
      let z = bias
      for (let k = 0; k < x.length; k++) z += (weights[k] as number) * (x[k] as number)
      const error = (1 / (1 + Math.exp(-z)) - (row.answerable ? 1 : 0)) * weightOf(i)
      for (let k = 0; k < x.length; k++) gradient[k] = (gradient[k] as number) + error * (x[k] as number)
      biasGradient += error
    })
    // Projected gradient descent: a step, then each weight back inside its bounds.
    for (let k = 0; k < weights.length; k++)
      weights[k] = clamp(
        k,
        (weights[k] as number) - rate * ((gradient[k] as number) / rows.length + l2 * (weights[k] as number)),
      )
    bias -= (rate * biasGradient) / rows.length
  }
  const round = (x: number) => Math.round(x * 1000) / 1000
  return {
    bias: round(bias),
    weights: Object.fromEntries(
      EVIDENCE_FEATURES.map((feature, k) => [feature, round(weights[k] as number)]),
    ) as Record<EvidenceFeature, number>,
    ...thresholds,
  }
}

/** The model as TypeScript, to paste into src/search/answerability.ts. */
export function modelSource(model: AnswerModel): string {
  const weights = EVIDENCE_FEATURES.map(
    (feature) => `    ${/^\w+$/.test(feature) ? feature : `'${feature}'`}: ${model.weights[feature]},`,
  )
  return [
    'export const ANSWER_MODEL: AnswerModel = {',
    `  bias: ${model.bias},`,
    '  weights: {',
    ...weights,
    '  },',
    `  direct: ${model.direct},`,
    `  closest: ${model.closest},`,
    '}',
  ].join('\n')
}

/** Share of labelled rows the model classes right at a threshold (a check that the fit converged). */
export function accuracy(model: AnswerModel, rows: readonly LabelledEvidence[], threshold: number): number {
  const right = rows.filter((row) => answerScore(row.evidence, model) >= threshold === row.answerable).length
  return rows.length === 0 ? 0 : right / rows.length
}

/** Log-loss of a model on rows, each class weighing half (off-topic questions are the fewer). */
export function balancedLogLoss(model: AnswerModel, rows: readonly LabelledEvidence[]): number {
  const loss = (answerable: boolean) => {
    const group = rows.filter((row) => row.answerable === answerable)
    const sum = group.reduce((total, row) => {
      const p = Math.min(1 - 1e-9, Math.max(1e-9, answerScore(row.evidence, model)))
      return total - Math.log(answerable ? p : 1 - p)
    }, 0)
    return group.length === 0 ? 0 : sum / group.length
  }
  return (loss(true) + loss(false)) / 2
}

export const L2_CANDIDATES = [0, 0.0003, 0.001, 0.003, 0.01, 0.03] as const
const L2_TOLERANCE = 0.01

/**
 * The L2 penalty that predicts best a set the fit has not seen: each set left out in turn, the model
 * fitted on the others and scored on it (balanced log-loss), the losses averaged over the sets. The
 * held-out sets stay out of this as out of the fit: the penalty is chosen on development sets only.
 */
export function chooseL2(
  rows: readonly LabelledEvidence[],
  thresholds: Pick<AnswerModel, 'direct' | 'closest'>,
  candidates: readonly number[] = L2_CANDIDATES,
  options: Omit<FitOptions, 'l2'> = {},
): { l2: number; losses: Array<[l2: number, loss: number]> } {
  // A set with one class only still scores (its loss is that class's), but one without rows cannot.
  const sets = [...new Set(rows.map((row) => row.set))]
  const losses = candidates.map((l2): [number, number] => {
    let total = 0
    let scored = 0
    for (const set of sets) {
      const training = rows.filter((row) => row.set !== set)
      const left = rows.filter((row) => row.set === set)
      if (!training.some((r) => r.answerable) || !training.some((r) => !r.answerable)) continue
      total += balancedLogLoss(fitAnswerModel(training, thresholds, { ...options, l2 }), left)
      scored++
    }
    return [l2, scored === 0 ? Number.POSITIVE_INFINITY : total / scored]
  })
  // The heaviest penalty within 1 % of the best loss: between near ties, the smaller weights (the usual
  // « one standard error » rule, with a fixed tolerance for so few sets).
  const best = Math.min(...losses.map(([, loss]) => loss))
  const chosen = losses
    .filter(([, loss]) => loss <= best * (1 + L2_TOLERANCE))
    .reduce((a, b) => (b[0] > a[0] ? b : a))
  return { l2: chosen[0], losses }
}
