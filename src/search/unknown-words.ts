import type { DomainWords } from '../text/domain-words.js'
import type { KnownWords } from '../text/known-words.js'
import { fold } from '../text/normalize.js'
import type { FrenchAnalyzer } from './analyzer.js'

/**
 * What a word of a question that the article never uses tells about the question. People rephrase: most
 * such words are verbs and adjectives (« deviner », « fabriqués »), words with no topic (« dizaine »,
 * « moment ») or the trade's own words the article happens not to use (« épisodes », « financement »).
 * An off-topic question is made of other things: a noun of another field (« meuble », « tarte »), a
 * name (« Lyon », « PSG »), a code (« 4K », « M2 »).
 */
export type UnknownKind = 'code' | 'name' | 'noun' | 'mixed' | 'english' | 'domain' | 'generic'

export const UNKNOWN_KINDS: readonly UnknownKind[] = [
  'code',
  'name',
  'noun',
  'mixed',
  'english',
  'domain',
  'generic',
]

/**
 * How much each kind weighs against an answer, in units of the rarest term of the corpus (relevance.ts):
 * what a question is about when the article does not say it, down to what only frames it.
 */
export const UNKNOWN_WEIGHT: Record<UnknownKind, number> = {
  code: 1,
  name: 1,
  noun: 0.8,
  mixed: 0.5,
  english: 0.5,
  domain: 0.35,
  generic: 0.2,
}

export interface UnknownWord {
  /** The word as typed. */
  word: string
  kind: UnknownKind
}

export class UnknownWordJudge {
  private readonly domain: Set<string>
  private readonly generic: Set<string>

  constructor(
    analyzer: FrenchAnalyzer,
    private readonly knownWords: KnownWords,
    words: DomainWords,
  ) {
    // Compared as terms (stemmed, folded): « épisodes » meets « épisode », « financer » « financement ».
    // One word each (« sous-titre » is its concept, never « sous »); phrases are the thesaurus's business.
    const termsOf = (list: readonly string[]) =>
      new Set(
        list
          .filter((entry) => !/\s/.test(entry))
          .map((entry) => analyzer.terms(entry, 'query')[0])
          .filter((term): term is string => term !== undefined),
      )
    this.domain = termsOf(words.domain)
    this.generic = termsOf(words.generic)
  }

  /**
   * `surface` as typed, `terms` what the analyzer made of it; `capitalised` when it was written with a
   * capital away from the start of a sentence.
   */
  kindOf(surface: string, terms: readonly string[], capitalised: boolean): UnknownKind {
    const folded = fold(surface).replace(/^(?:l|d|j|m|n|s|t|c|qu)'/, '')
    if (/\d/.test(folded)) return 'code'
    let kind = this.knownWords.kind?.(folded) ?? (this.knownWords.has(folded) ? 'noun' : undefined)
    // Names are compared folded: « géré » meets Richard Gere. Typed in lower case with an accent, it is the
    // French word.
    if (
      kind === 'name' &&
      !capitalised &&
      /[\p{Ll}]/u.test(surface[0] ?? '') &&
      /[^\p{ASCII}]/u.test(surface)
    )
      kind = 'french'
    if (kind === undefined) return /[\p{Lu}]{2,}/u.test(surface) || capitalised ? 'name' : 'code'
    if (kind === 'name' || (capitalised && (kind === 'noun' || kind === 'english'))) return 'name'
    if (terms.some((term) => this.domain.has(term))) return 'domain'
    if (terms.some((term) => this.generic.has(term))) return 'generic'
    if (kind === 'noun') return 'noun'
    if (kind === 'noun-or-other') return 'mixed'
    return kind === 'english' ? 'english' : 'generic'
  }
}
