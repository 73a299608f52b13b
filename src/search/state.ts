import type { Intent } from './framing.js'
import type { QueryTerm } from './question.js'

/**
 * A search as a button carries it ("Plus de résultats", "Citation"): the weighted terms, the intent and how
 * many words the article did not know, so that page 2 continues page 1's order and verdict exactly.
 * Encoded as short tokens with no space: `montage`, `realisateur~6` (weight 0.6), `+montage` (the asker's
 * own job), `!q` (a quote is wanted), `!j` (which jobs), `?17` (unknown words weighing 1.7), `!k` (a bare
 * keyword), `!c` (the first page was the closest passages, not a direct answer).
 */
export interface SearchState {
  terms: QueryTerm[]
  intent: Intent
  selfTerms: string[]
  /** Weight of the words the article does not know (see Reading.unknownWeight). */
  unknown: number
  bare: boolean
  /** How the first page was given: directly, or as the closest passages (answerability.ts). */
  tier?: 'direct' | 'closest'
}

const TERM = /^[\p{L}\p{N}_'-]+$/u

export function encodeState(state: SearchState): string[] {
  const out: string[] = []
  if (state.intent.quote) out.push('!q')
  if (state.intent.jobs) out.push('!j')
  if (state.bare) out.push('!k')
  if (state.tier === 'closest') out.push('!c')
  if (state.unknown > 0) out.push(`?${Math.min(Math.round(state.unknown * 10), 999)}`)
  for (const term of state.selfTerms) out.push(`+${term}`)
  for (const { term, weight } of state.terms) {
    out.push(weight >= 1 ? term : `${term}~${Math.max(1, Math.min(9, Math.round(weight * 10)))}`)
  }
  return out
}

/** Reads button state back; anything that is not one of our tokens is ignored (buttons can be forged). */
export function decodeState(tokens: readonly string[]): SearchState {
  const state: SearchState = {
    terms: [],
    intent: { quote: false, self: [], jobs: false, local: false, price: false, moment: false },
    selfTerms: [],
    unknown: 0,
    bare: false,
  }
  const seen = new Set<string>()
  for (const token of tokens) {
    if (token === '!q') state.intent.quote = true
    else if (token === '!j') state.intent.jobs = true
    else if (token === '!k') state.bare = true
    else if (token === '!c') state.tier = 'closest'
    else if (/^\?\d{1,3}$/.test(token)) state.unknown = Number(token.slice(1)) / 10
    else if (token.startsWith('+') && TERM.test(token.slice(1))) state.selfTerms.push(token.slice(1))
    else {
      const [term = '', weight] = token.split('~')
      if (!TERM.test(term) || seen.has(term) || (weight !== undefined && !/^[1-9]$/.test(weight))) continue
      seen.add(term)
      state.terms.push({ term, surface: term, weight: weight === undefined ? 1 : Number(weight) / 10 })
    }
  }
  return state
}
