import { stemmer as snowballFrench } from '@orama/stemmers/french'
import { stopwords as englishStopWords } from '@orama/stopwords/english'
import { stopwords as frenchStopWords } from '@orama/stopwords/french'
import type { ThesaurusConcept } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'

/**
 * French analysis, one pipeline for indexing and for questions:
 * normalise → split words (offsets kept) → elision → hyphen parts → fold case/accents (œ→oe) →
 * stop words → proper names kept whole → feminine agent nouns to the masculine attested in the corpus →
 * Snowball French stem → thesaurus (phrases first, then words) to one canonical term.
 */

export interface AnalyzerOptions {
  concepts: ThesaurusConcept[]
  /** Words that carry no topic in a question ("comment", "article", "parle"…), dropped on both sides. */
  ignore: string[]
  /** Names never stemmed (on top of those the corpus shows capitalised mid-sentence). */
  names: string[]
  /** Words of the corpus, to learn proper names and attested masculine agent nouns. */
  lexicon?: LexiconHints
}

export interface LexiconHints {
  /** Folded words seen only capitalised, away from the start of a sentence. */
  properNames: Iterable<string>
  /** Names of several words (« Stranger Things », « Assassin's Creed Mirage »): one name each, as written. */
  properPhrases?: Iterable<string>
  /** Folded masculine agent nouns seen in the corpus (monteur, acteur…), singular. */
  agentNouns: Iterable<string>
}

export type AnalysisMode = 'index' | 'query'

export interface AnalyzedToken {
  /** Offsets in the text given to `tokens()` (after normalizeText, which keeps lengths for BMP text). */
  start: number
  end: number
  surface: string
  /** Terms this word contributes (empty for stop words). */
  terms: string[]
  /** Set when the word belongs to a thesaurus phrase or a multi-word name (« ingénieur du son »). */
  inPhrase?: boolean
}

// Words, with inner apostrophes, hyphens and dots (l'IA, sous-titrage, Largo.ai), of at most 8 parts: a
// longer chain (a pasted path, « a-a-a-… ») is read as several words, so that no word yields more terms
// than a few and the question's word limit counts its parts.
const WORD = /[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+){0,7}/gu
const WORD_STEP = new RegExp(WORD.source, 'gu')
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(.+)$/
const MAX_PHRASE = 4
// Verb–subject inversion in questions: gagne-t-on, exigent-ils, va-t-elle, est-ce.
const INVERSION = /(?:-t)?-(?:il|ils|elle|elles|on|je|tu|nous|vous|ce|moi|toi)$/i
const MAX_CACHE = 50_000

// "son" is the film word (sound) far more often than the possessive in questions about film jobs.
const KEEP_AS_CONTENT = new Set(['son'])

export class FrenchAnalyzer {
  private readonly stopWords: Set<string>
  private readonly names: Set<string>
  private readonly agentNouns: Set<string>
  /** stem → canonical term */
  private readonly wordConcepts = new Map<string, string>()
  /** "stem stem" → canonical term */
  private readonly phraseConcepts = new Map<string, string>()
  /** First stems of the phrases above. */
  private readonly phraseStarts = new Set<string>()
  private readonly stemCache = new Map<string, string>()
  /**
   * Terms and phrase stems by word as written: a corpus repeats its words, and folding and elision cost more
   * than the lookup (per distinct word, not per occurrence). The arrays are shared: never mutated.
   */
  private readonly wordCache = new Map<string, readonly string[]>()
  private readonly rawStemCache = new Map<string, string>()
  /** Canonical terms of the thesaurus: the domain's own vocabulary. */
  readonly canonicalTerms = new Set<string>()
  /** Canonical terms of the concepts that are jobs or crafts. */
  readonly jobTerms = new Set<string>()
  /** Terms of the multi-word names: one term per name, so that a title counts once in a question. */
  readonly nameTerms = new Set<string>()
  /** Thesaurus forms claimed by two concepts (the later one wins); a test keeps this empty. */
  readonly conflicts: Array<{ form: string; concepts: [string, string] }> = []

  constructor(options: AnalyzerOptions) {
    this.stopWords = new Set(
      [...frenchStopWords, ...englishStopWords, ...options.ignore]
        .map((w) => fold(normalizeText(w)))
        .filter((w) => w !== 'ia' && !KEEP_AS_CONTENT.has(w)),
    )
    this.names = new Set([...options.names, ...(options.lexicon?.properNames ?? [])].map((n) => fold(n)))
    this.agentNouns = new Set(options.lexicon?.agentNouns ?? [])
    for (const concept of options.concepts) {
      for (const term of concept.terms) {
        for (const noun of this.masculineCandidates(fold(normalizeText(term)))) this.agentNouns.add(noun)
      }
    }
    for (const concept of options.concepts) {
      const canonical = fold(concept.canonical).replace(/[^a-z0-9]+/g, '_')
      this.canonicalTerms.add(canonical)
      if (concept.kind === 'job') this.jobTerms.add(canonical)
      for (const term of [concept.canonical, ...concept.terms]) this.addConceptTerm(term, canonical)
    }
    for (const name of options.lexicon?.properPhrases ?? []) {
      const stems = [...normalizeText(name).matchAll(WORD)].flatMap((m) => this.primaryStems(m[0]))
      // A name the thesaurus already reads (« Scarlett Johansson » in a concept) stays the concept's.
      if (stems.length < 2 || this.phraseConcepts.has(stems.join(' '))) continue
      const term = stems.join('_')
      this.phraseConcepts.set(stems.join(' '), term)
      this.nameTerms.add(term)
    }
    for (const key of this.phraseConcepts.keys()) this.phraseStarts.add(key.slice(0, key.indexOf(' ')))
  }

  /**
   * Every word of a text with the terms it yields, in order. A thesaurus phrase ("ingénieur du son") gives
   * its concept to each of its words; when indexing, the words also keep their own terms so that "son"
   * alone still finds it, while a question naming the phrase asks for the concept only (its words must
   * not count as extra demands when judging how much of the question a passage covers).
   */
  tokens(text: string, mode: AnalysisMode = 'index'): AnalyzedToken[] {
    return this.tokensOfNormalized(normalizeText(text), mode)
  }

  /** `tokens` of a text already through normalizeText (a question's sentences are, as they are split). */
  tokensOfNormalized(normalized: string, mode: AnalysisMode = 'index'): AnalyzedToken[] {
    const tokens: AnalyzedToken[] = []
    for (const match of normalized.matchAll(WORD)) {
      const surface = match[0]
      const start = match.index
      tokens.push({ start, end: start + surface.length, surface, terms: this.wordTerms(surface) })
    }
    this.applyPhrases(tokens, mode)
    return tokens
  }

  /** The terms of a text, in order: `tokens(text, mode)`'s terms, without an object per word. */
  terms(text: string, mode: AnalysisMode = 'index'): string[] {
    return this.termsOfNormalized(normalizeText(text), mode)
  }

  /** `terms` of a text already through normalizeText (a build normalises each record's text once). */
  termsOfNormalized(normalized: string, mode: AnalysisMode = 'index'): string[] {
    const surfaces: string[] = []
    const termsByWord: string[][] = []
    let firstStart = -1
    // Its own regex: matchAll(WORD) elsewhere starts from WORD's lastIndex.
    WORD_STEP.lastIndex = 0
    for (let match = WORD_STEP.exec(normalized); match !== null; match = WORD_STEP.exec(normalized)) {
      const terms = this.wordTerms(match[0])
      if (terms.length === 0) continue
      if (firstStart === -1 && this.phraseStarts.has(this.rawStem(match[0]))) firstStart = surfaces.length
      surfaces.push(match[0])
      termsByWord.push(terms)
    }
    if (firstStart !== -1) this.matchPhrases(surfaces, termsByWord, firstStart, mode)
    const out: string[] = []
    for (const terms of termsByWord) for (const term of terms) out.push(term)
    return out
  }

  isStopWord(word: string): boolean {
    return this.stopWords.has(fold(word))
  }

  private addConceptTerm(term: string, canonical: string): void {
    const tokens = [...normalizeText(term).matchAll(WORD)].map((m) => m[0])
    const stems = tokens.flatMap((token) => this.primaryStems(token))
    if (stems.length === 0) return
    if (stems.length === 1) {
      this.claim(this.wordConcepts, stems[0] as string, canonical, term)
    } else {
      this.claim(this.phraseConcepts, stems.join(' '), canonical, term)
      // "bande annonce" written as one hyphenated word, and the reverse.
      this.claim(this.wordConcepts, stems.join(''), canonical, term)
    }
  }

  private claim(map: Map<string, string>, key: string, canonical: string, form: string): void {
    const previous = map.get(key)
    if (previous !== undefined && previous !== canonical)
      this.conflicts.push({ form, concepts: [previous, canonical] })
    map.set(key, canonical)
  }

  /** Stems of the content words of one token, ignoring concepts (used to build the thesaurus keys). */
  private primaryStems(token: string): string[] {
    const parts = token.split('-').filter(Boolean)
    const stems: string[] = []
    for (const part of parts) {
      const word = this.stripElision(part)
      const folded = fold(word.text)
      if (!word.elided && folded === 'ai') stems.push('ia')
      else if (folded && !this.stopWords.has(folded)) stems.push(this.stem(folded))
    }
    return stems
  }

  private stripElision(word: string): { text: string; elided: boolean } {
    const lower = word.toLowerCase()
    const elided = ELISION.exec(lower)
    if (elided) return { text: word.slice(word.length - (elided[1] as string).length), elided: true }
    // English possessive (Assassin's) and inner apostrophes (aujourd'hui) go away.
    if (lower.endsWith("'s")) return { text: word.slice(0, -2), elided: false }
    return { text: word.replace(/'/g, ''), elided: false }
  }

  private wordTerms(word: string): string[] {
    const cached = this.wordCache.get(word)
    if (cached !== undefined) return cached as string[]
    const terms = this.computeWordTerms(word)
    if (this.wordCache.size > MAX_CACHE) this.wordCache.clear()
    this.wordCache.set(word, terms)
    return terms
  }

  private computeWordTerms(word: string): string[] {
    const surface = word.replace(INVERSION, '')
    if (!surface) return []
    // A.I., I.A. and other dotted initials read as one word; Largo.ai keeps its name.
    if (surface.includes('.')) {
      const parts = surface.split('.').filter(Boolean)
      if (parts.every((p) => p.length === 1)) return this.wordTerms(parts.join(''))
      const whole = this.contentTerm(parts.join(''))
      const first = this.contentTerm(parts[0] as string)
      return unique([whole, first])
    }
    if (surface.includes('-')) {
      const parts = surface.split('-').filter(Boolean)
      const partTerms = parts.map((part) => {
        const { text, elided } = this.stripElision(part)
        return elided && this.stopWords.has(fold(text)) ? undefined : this.contentTerm(text)
      })
      const stems = parts.map((part) => this.stem(fold(this.stripElision(part).text)))
      const joined = stems.join('')
      // Thesaurus keys leave stop words out (« raz-de-marée » is « raz marée »): so does the lookup.
      const content = this.primaryStems(surface)
      const concept =
        this.wordConcepts.get(joined) ??
        this.phraseConcepts.get(stems.join(' ')) ??
        this.wordConcepts.get(content.join('')) ??
        this.phraseConcepts.get(content.join(' '))
      if (concept) return [concept]
      // « peut-être », « c'est-à-dire »: nothing but stop words.
      if (content.length === 0) return []
      return unique([joined, ...partTerms])
    }
    const { text, elided } = this.stripElision(surface)
    if (text.length === 0) return []
    // "AI" in capitals is the English for IA; after an elision (j'ai) "ai" is the verb.
    if (!elided && fold(text) === 'ai') return ['ia']
    return unique([this.contentTerm(text)])
  }

  /** One word (no hyphen, no elision) to its term, or undefined for a stop word. */
  private contentTerm(word: string): string | undefined {
    const folded = fold(word)
    if (!folded || this.stopWords.has(folded)) return undefined
    const stemmed = this.stem(folded)
    return this.wordConcepts.get(stemmed) ?? stemmed
  }

  private stem(folded: string): string {
    const cached = this.stemCache.get(folded)
    if (cached !== undefined) return cached
    let result: string
    if (this.names.has(folded) || /\d/.test(folded) || folded.length < 3) {
      result = folded
    } else {
      const masculine = this.masculineCandidates(folded).find((c) => c !== folded && this.agentNouns.has(c))
      const input = masculine ?? folded
      let stemmed = snowballFrench(input)
      // Snowball leaves the verb ending -ent alone (exigent, évoluent); questions need it gone.
      if (stemmed === input && input.endsWith('ent') && input.length >= 7) stemmed = input.slice(0, -3)
      // Snowball's rules for -ée/-ées need the accent we folded away: "menacees" would keep an "e".
      result = stemmed.length > 4 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed
    }
    if (this.stemCache.size > MAX_CACHE) this.stemCache.clear()
    this.stemCache.set(folded, result)
    return result
  }

  /** monteuse → monteur, réalisatrice → réalisateur: used only when the masculine is attested. */
  private masculineCandidates(folded: string): string[] {
    const singular = folded.endsWith('s') ? folded.slice(0, -1) : folded
    const out = [singular]
    if (singular.endsWith('trice')) out.push(`${singular.slice(0, -5)}teur`)
    if (singular.endsWith('euse')) out.push(`${singular.slice(0, -4)}eur`)
    return out.filter((w) => w.endsWith('eur'))
  }

  /** Multi-word thesaurus entries ("ingénieur du son", "sound design") become one canonical term. */
  private applyPhrases(tokens: AnalyzedToken[], mode: AnalysisMode): void {
    const content = tokens.filter((token) => token.terms.length > 0)
    // Most words open no phrase: the windows are looked at only from the first word that opens one.
    const first = content.findIndex((token) => this.phraseStarts.has(this.rawStem(token.surface)))
    if (first === -1) return
    const termsByWord = content.map((token) => token.terms)
    const matched = this.matchPhrases(
      content.map((token) => token.surface),
      termsByWord,
      first,
      mode,
    )
    content.forEach((token, i) => {
      token.terms = termsByWord[i] as string[]
      if (matched.has(i)) token.inPhrase = true
    })
  }

  /**
   * Phrases among the content words (`surfaces`, each with its terms) from position `from` on: the words of a
   * phrase get its concept in place of their terms (kept behind it when indexing). Returns the positions of
   * the words in a phrase. `termsByWord` gets new arrays: the cached ones are shared.
   */
  private matchPhrases(
    surfaces: readonly string[],
    termsByWord: string[][],
    from: number,
    mode: AnalysisMode,
  ): Set<number> {
    const matched = new Set<number>()
    const stems: string[] = []
    for (let i = from; i < surfaces.length; i++) stems[i] = this.rawStem(surfaces[i] as string)
    for (let i = from; i < surfaces.length; i++) {
      if (!this.phraseStarts.has(stems[i] as string)) continue
      for (let length = Math.min(MAX_PHRASE, surfaces.length - i); length >= 2; length--) {
        const key = stems.slice(i, i + length).join(' ')
        const concept = this.phraseConcepts.get(key)
        if (!concept) continue
        for (let position = 0; position < length; position++) {
          const at = i + position
          matched.add(at)
          const terms = termsByWord[at] as string[]
          if (mode === 'index') termsByWord[at] = [concept, ...terms.filter((t) => t !== concept)]
          else termsByWord[at] = position === 0 ? [concept] : []
        }
        i += length - 1
        break
      }
    }
    return matched
  }

  private rawStem(surface: string): string {
    const cached = this.rawStemCache.get(surface)
    if (cached !== undefined) return cached
    const { text, elided } = this.stripElision(surface.replace(INVERSION, ''))
    const folded = fold(text.replace(/[-.]/g, ''))
    const stem = !elided && folded === 'ai' ? 'ia' : this.stem(folded)
    if (this.rawStemCache.size > MAX_CACHE) this.rawStemCache.clear()
    this.rawStemCache.set(surface, stem)
    return stem
  }
}

function unique(terms: Array<string | undefined>): string[] {
  const out: string[] = []
  for (const term of terms) if (term && !out.includes(term)) out.push(term)
  return out
}
