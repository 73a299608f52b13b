import type { Corpus } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'
import { escapeRegExp } from '../text/regexp.js'
import type { FrenchAnalyzer } from './analyzer.js'
import type { Vocabulary } from './vocabulary.js'

/**
 * How much a term counts when the question did not use the article's own word: an imported synonym
 * (« boulot » → travail) or an English word through the glossary. The hand-written thesaurus maps words to
 * one concept on both sides and counts fully.
 */
export const SYNONYM_WEIGHT = 0.6
export const TRANSLATION_WEIGHT = 0.8
const MAX_PHRASE_WORDS = 3

/**
 * What leads a word the article does not use to the article's words: chat spellings (« koi », « lia »),
 * English plurals, imported synonyms and the English glossary.
 */
export class WordLinks {
  private readonly synonyms: Map<string, string[]>
  private readonly glossary: Map<string, string[]>
  private readonly sms: Map<string, string>
  private readonly smsHere: RegExp

  constructor(
    corpus: Corpus,
    private readonly analyzer: FrenchAnalyzer,
    private readonly vocabulary: Vocabulary,
  ) {
    this.synonyms = foldedKeys(corpus.synonyms)
    this.glossary = foldedKeys(corpus.glossary)
    this.sms = new Map(Object.entries(corpus.thesaurus.sms).map(([k, v]) => [k.toLowerCase(), v]))
    // One test tells whether a sentence holds a chat spelling at all (most hold none).
    const spellings = [...this.sms.keys()].map(escapeRegExp).sort((a, b) => b.length - a.length)
    this.smsHere = new RegExp(
      `(?<![\\p{L}\\p{N}'])(?:${spellings.join('|') || '(?!)'})(?![\\p{L}\\p{N}'])`,
      'iu',
    )
  }

  /** Whether the synonyms or the glossary know a folded word (it is then never "corrected"). */
  leads(folded: string): boolean {
    return this.synonyms.has(folded) || this.glossary.has(folded)
  }

  /** Chat spellings (« koi », « lia », « ptite ») replaced by the words they stand for. */
  unSms(text: string): string {
    if (this.sms.size === 0 || !this.smsHere.test(text)) return text
    return text.replace(/[\p{L}\p{N}']+/gu, (word) => this.sms.get(word.toLowerCase()) ?? word)
  }

  /** An English plural the French stemmer leaves alone (« screenwriters », « teasers »), read as singular. */
  singular(surface: string): string[] {
    const match = /^(.{3,}?)(?:es|s)$/i.exec(surface)
    if (!match) return []
    for (const candidate of [surface.slice(0, -1), match[1] as string]) {
      const terms = this.analyzer.terms(candidate, 'query').filter((t) => this.vocabulary.knows(t))
      if (terms.length > 0) return terms
    }
    return []
  }

  /** The longest run of words from `i` that the synonyms or the glossary bring to corpus terms. */
  mapped(
    surfaces: readonly string[],
    i: number,
  ): { terms: string[]; weight: number; length: number } | undefined {
    for (let length = Math.min(MAX_PHRASE_WORDS, surfaces.length - i); length >= 1; length--) {
      const key = surfaces
        .slice(i, i + length)
        .map((surface) => fold(surface))
        .join(' ')
      for (const [table, weight] of [
        [this.glossary, TRANSLATION_WEIGHT],
        [this.synonyms, SYNONYM_WEIGHT],
      ] as const) {
        const targets = table.get(key)
        if (!targets) continue
        const terms = [...new Set(targets.flatMap((t) => this.analyzer.terms(t)))].filter((t) =>
          this.vocabulary.knows(t),
        )
        if (terms.length > 0) return { terms, weight, length }
      }
    }
    return undefined
  }
}

function foldedKeys(table: Record<string, string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [key, values] of Object.entries(table)) {
    const folded = fold(normalizeText(key)).replace(/\s+/g, ' ').trim()
    out.set(folded, [...(out.get(folded) ?? []), ...values])
  }
  return out
}
