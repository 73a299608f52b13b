import { describe, expect, it } from 'vitest'
import {
  accuracy,
  balancedLogLoss,
  chooseL2,
  fitAnswerModel,
  type LabelledEvidence,
} from '../../src/eval/fit-answerability.js'
import { EVIDENCE_FEATURES, type Evidence } from '../../src/search/answerability.js'

const evidence = (values: Partial<Evidence>): Evidence =>
  ({ ...Object.fromEntries(EVIDENCE_FEATURES.map((f) => [f, 0])), ...values }) as Evidence

// Three sets: answerable questions cover their passage well, off-topic ones poorly; in set « c » the
// off-topic questions also carry an unknown noun, and in set « b » (by chance) the answerable ones do.
function rows(): LabelledEvidence[] {
  const out: LabelledEvidence[] = []
  for (const set of ['a', 'b', 'c']) {
    for (let i = 0; i < 12; i++) {
      const jitter = (i % 4) * 0.05
      out.push({
        set,
        answerable: true,
        evidence: evidence({ coverage: 0.7 + jitter, 'unknown:noun': set === 'b' ? 1 : 0 }),
      })
      out.push({
        set,
        answerable: false,
        evidence: evidence({ coverage: 0.2 + jitter, 'unknown:noun': set === 'c' ? 1 : 0 }),
      })
    }
  }
  return out
}

describe('fitting the answer decision', () => {
  const thresholds = { direct: 0.7, closest: 0.35 }

  it('learns what separates answerable from off-topic questions, inside the bounds known beforehand', () => {
    const model = fitAnswerModel(rows(), thresholds)
    expect(model.weights.coverage).toBeGreaterThan(0)
    // An unknown noun never counts for an answer, whatever one set happens to show.
    expect(model.weights['unknown:noun']).toBeLessThanOrEqual(0)
    expect(accuracy(model, rows(), 0.5)).toBe(1)
    // Deterministic: the same rows give the same model.
    expect(fitAnswerModel(rows(), thresholds)).toEqual(model)
  })

  it('chooses the L2 penalty that predicts the set left out best (the heavier of near ties), and says each candidate’s loss', () => {
    const { l2, losses } = chooseL2(rows(), thresholds, [0.001, 0.3], { iterations: 400 })
    expect(losses.map(([c]) => c)).toEqual([0.001, 0.3])
    for (const [, loss] of losses) expect(Number.isFinite(loss)).toBe(true)
    const best = Math.min(...losses.map(([, loss]) => loss))
    expect(losses.find(([c]) => c === l2)?.[1]).toBeLessThanOrEqual(best * 1.01)
    // A heavy penalty shrinks the weights towards nothing: it predicts worse here, where coverage decides.
    expect(l2).toBe(0.001)
  })

  it('scores a confident wrong model worse than a right one', () => {
    const right = fitAnswerModel(rows(), thresholds)
    const wrong = { ...right, weights: { ...right.weights, coverage: -right.weights.coverage } }
    expect(balancedLogLoss(wrong, rows())).toBeGreaterThan(balancedLogLoss(right, rows()))
  })
})
