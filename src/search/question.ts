import type { Corpus } from '../corpus/types.js'
import { readChatMarkup } from '../text/chat-markup.js'
import type { KnownWords } from '../text/known-words.js'
import { fold, normalizeText } from '../text/normalize.js'
import { escapeRegExp } from '../text/regexp.js'
import type { AnalyzedToken, FrenchAnalyzer } from './analyzer.js'
import { FramingReader, type Intent } from './framing.js'
import { inContext, splitMessage } from './message.js'
import type { SpellingCorrector } from './spelling.js'
import { UNKNOWN_WEIGHT, type UnknownWord, type UnknownWordJudge } from './unknown-words.js'
import type { Vocabulary } from './vocabulary.js'

/** Words of a question that are read; the rest is reported, not silently dropped. */
export const MAX_QUERY_WORDS = 32
/** Characters of a question that are read. */
export const MAX_QUERY_CHARS = 2_000
/**
 * Words of a question the spelling corrector looks up (each lookup costs up to a few milliseconds): a
 * question with more typos than this is not a question, and must not hold the event loop for everyone.
 */
export const MAX_CORRECTED_WORDS = 8
/**
 * How much a term counts when the question did not use the article's own word: an imported synonym
 * (« boulot » → travail) or an English word through the glossary. The hand-written thesaurus maps words to
 * one concept on both sides and counts fully.
 */
export const SYNONYM_WEIGHT = 0.6
export const TRANSLATION_WEIGHT = 0.8
const MAX_PHRASE_WORDS = 3
// Between « comment » and the verb of an instruction: « comment on fait pour exporter », « comment se former ».
const HOW_TO_FILLERS = new Set([
  'on',
  'je',
  'faire',
  'fait',
  'fais',
  'pour',
  'se',
  'le',
  'la',
  'les',
  'en',
  'y',
  'bien',
])
/**
 * How much a word of the message's context counts next to the question's own words: it helps find the
 * passage the person has in mind, but the question says what they want.
 */
export const CONTEXT_WEIGHT = 0.4

export interface QueryTerm {
  term: string
  /** The question's word (or words) it comes from, as typed. */
  surface: string
  /** 1 for the question's own words (and their thesaurus concept), less for synonyms and translations. */
  weight: number
}

/** A question as the engine reads it. */
export interface Reading {
  terms: QueryTerm[]
  intent: Intent
  /** Terms of the words that name the asker's job (« je suis monteuse »). */
  selfTerms: string[]
  /** Content words the article does not know, as typed: what the question asks that the article may not say. */
  unknownWords: string[]
  /** The same words, each with what it tells about the question (unknown-words.ts). */
  unknown: UnknownWord[]
  /**
   * Words the documents never use in their own words: only the questions written for them do
   * (« combien gagne un monteur ? »). Searched, but the answer says the article does not speak of them.
   */
  absentWords: string[]
  /** How much those words weigh against an answer, in units of the rarest term (UNKNOWN_WEIGHT). */
  unknownWeight: number
  /** Words read as other words ("storybord" → "storyboard"). */
  corrections: Array<{ from: string; to: string }>
  /** Set when part of the question could not be read (too long). */
  truncated: boolean
  /** One word and nothing around it: a keyword, answered whenever the article uses it. */
  bare: boolean
  /** Content words of the question (its context left out): one or two make a keyword query. */
  words: number
}

interface ContentWord {
  token: AnalyzedToken
  surface: string
  /** Set when the word was read as a corpus word. */
  corrected?: string
  self: boolean
  /** The word is in the message's context, not in its question (message.ts). */
  context: boolean
}

/**
 * Reads a free-text question: framing out, typos corrected only when no dictionary knows the word, words the
 * article does not use brought to its vocabulary through the thesaurus, imported synonyms and the English
 * glossary, at a lower weight for the last two.
 */
export class QuestionReader {
  private readonly framing: FramingReader
  private readonly synonyms: Map<string, string[]>
  private readonly glossary: Map<string, string[]>
  private readonly sms: Map<string, string>
  private readonly smsHere: RegExp

  constructor(
    corpus: Corpus,
    private readonly analyzer: FrenchAnalyzer,
    private readonly vocabulary: Vocabulary,
    private readonly corrector: SpellingCorrector,
    private readonly knownWords: KnownWords,
    private readonly unknownJudge: UnknownWordJudge,
  ) {
    this.framing = new FramingReader(corpus.thesaurus.framing, corpus.thesaurus.intents)
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

  read(question: string): Reading {
    const raw = String(question ?? '')
    let truncated = raw.length > MAX_QUERY_CHARS
    // Markup read as a person reads it, then the question told from its context (message.ts).
    const message = splitMessage(
      readChatMarkup(raw.slice(0, MAX_QUERY_CHARS)),
      (sentence) => this.unSms(sentence),
      (sentence) => this.analyzer.terms(sentence, 'query').length,
    )
    const text = message.text
    // Index mode keeps every word of a thesaurus phrase (« cheffe opératrice »): each is a content word here.
    // splitMessage normalised each sentence (and unSms replaced words with normalised ones).
    const tokens = this.analyzer.tokensOfNormalized(text, 'index')
    const { framing, intent, localAt, momentAt, whenAt } = this.framing.read(text, tokens)
    const selfPositions = new Set(intent.self)
    const isContext = (index: number) =>
      !selfPositions.has(index) && inContext(message, (tokens[index] as AnalyzedToken).start)
    // The team's own affairs in a pasted colleague's message or in the asker's day are not the question.
    intent.local = localAt.some((at) => !isContext(at))
    intent.moment = momentAt.some((at) => !isContext(at))
    const asks = this.asks(tokens, isContext)
    intent.howTo = asks.howTo
    intent.count = !intent.price && asks.count
    // « à quelle heure est la réunion demain ? »: a time asked about a moment close to the asker is the
    // team's own schedule, whatever the documents say about meetings.
    if (intent.moment && whenAt.some((at) => !isContext(at))) intent.local = true

    const words: ContentWord[] = []
    const corrections: Reading['corrections'] = []
    const lookups = { left: MAX_CORRECTED_WORDS }
    tokens.forEach((token, index) => {
      if (framing.has(index) || token.terms.length === 0) return
      if (words.length >= MAX_QUERY_WORDS) {
        truncated = true
        return
      }
      const word: ContentWord = {
        token,
        surface: token.surface,
        self: selfPositions.has(index),
        context: isContext(index),
      }
      const corrected = this.correction(token, lookups)
      if (corrected) {
        word.corrected = corrected
        corrections.push({ from: token.surface, to: corrected })
      }
      words.push(word)
    })

    // Analysed again once corrected, so that phrases form across corrected words ("ingénieur du sn").
    const reread = this.analyzer.tokens(words.map((w) => w.corrected ?? w.surface).join(' '), 'query')
    const terms = new Map<string, QueryTerm>()
    let word: ContentWord
    const add = (term: string, weight: number, surface: string) => {
      const weighed = word.context ? weight * CONTEXT_WEIGHT : weight
      const seen = terms.get(term)
      if (!seen || seen.weight < weighed) terms.set(term, { term, surface, weight: weighed })
    }
    const selfTerms = new Set<string>()
    const unknowns: UnknownWord[] = []
    const absentWords: string[] = []
    // Words of the context the article does not use say nothing about the question: they are not counted.
    const unknown = (surface: string) => {
      if (word.context) return
      const at = word.token.start
      const capitalised = /^\p{Lu}/u.test(surface) && !/(?:^|[.!?…\n]\s*)$/u.test(text.slice(0, at))
      const analysed = this.analyzer.terms(surface, 'query')
      unknowns.push({ word: surface, kind: this.unknownJudge.kindOf(surface, analysed, capitalised) })
    }
    for (let i = 0; i < words.length; i++) {
      word = words[i] as ContentWord
      const analysed = reread[i]?.terms ?? []
      const known = analysed.filter((t) => this.vocabulary.knows(t))
      if (this.unknownCompound(word.surface, analysed)) {
        unknown(word.surface)
        continue
      }
      if (known.length > 0) {
        if (!word.context && !known.some((t) => this.vocabulary.inDocuments(t)))
          absentWords.push(word.surface)
        for (const term of known) add(term, 1, word.surface)
        if (word.self) for (const term of known) selfTerms.add(term)
        continue
      }
      // Part of a phrase the analyzer already read as one concept ("ingénieur du son").
      if (analysed.length === 0 && reread[i] !== undefined) continue
      const plural = this.singular(word.surface)
      if (plural.length > 0) {
        for (const term of plural) add(term, 1, word.surface)
        if (word.self) for (const term of plural) selfTerms.add(term)
        continue
      }
      const mapped = this.mapped(words, i)
      if (mapped) {
        const surface = words
          .slice(i, i + mapped.length)
          .map((w) => w.surface)
          .join(' ')
        for (const term of mapped.terms) add(term, mapped.weight, surface)
        if (word.self) for (const term of mapped.terms) selfTerms.add(term)
        i += mapped.length - 1
        continue
      }
      unknown(word.surface)
    }
    return {
      terms: [...terms.values()],
      intent,
      selfTerms: [...selfTerms],
      unknownWords: unknowns.map((u) => u.word),
      unknown: unknowns,
      absentWords,
      unknownWeight: unknowns.reduce((sum, u) => sum + UNKNOWN_WEIGHT[u.kind], 0),
      corrections,
      truncated,
      bare: words.length === 1 && framing.size === 0 && !intent.quote && message.context.length === 0,
      words: words.filter((w) => !w.context).length,
    }
  }

  /**
   * What kind of answer is asked, in one pass over the question's own words: instructions (« comment
   * exporter en 4K ? », « how do I install… », which an article about a trade rarely gives; « comment l'IA
   * change-t-elle le montage ? » asks about its subject), or a count (« combien », « how many »).
   */
  private asks(
    tokens: AnalyzedToken[],
    isContext: (index: number) => boolean,
  ): { howTo: boolean; count: boolean } {
    let howTo = false
    let count = false
    for (let i = 0; i < tokens.length; i++) {
      const word = (tokens[i] as AnalyzedToken).surface.toLowerCase()
      if (word !== 'comment' && word !== 'combien' && word !== 'how') continue
      if (isContext(i)) continue
      const next = fold(tokens[i + 1]?.surface ?? '')
      if (word === 'combien') count = true
      else if (word === 'how') {
        if (next === 'many' || next === 'much') count = true
        if (next === 'to' || next === 'do' || next === 'can') howTo = true
      } else {
        let k = i + 1
        while (k < tokens.length && HOW_TO_FILLERS.has(fold((tokens[k] as AnalyzedToken).surface))) k++
        const verb = fold(tokens[k]?.surface ?? '').replace(/^(?:s|l|m|t)'/, '')
        if (/(?:er|ir|re)$/.test(verb) && this.knownWords.kind?.(verb) === 'french') howTo = true
      }
    }
    return { howTo, count }
  }

  /** The corpus word a misspelt word stands for, unless a dictionary knows the word as written. */
  private correction(token: AnalyzedToken, lookups: { left: number }): string | undefined {
    const folded = fold(token.surface)
    if (token.terms.every((t) => this.vocabulary.knows(t))) return undefined
    if (this.vocabulary.wordFrequency.has(folded) || /\d/.test(folded)) return undefined
    if (!/^[\p{L}]+$/u.test(folded) || this.knownWords.has(folded)) return undefined
    if (this.synonyms.has(folded) || this.glossary.has(folded)) return undefined
    if (lookups.left <= 0) return undefined
    lookups.left--
    return this.corrector.correct(folded)
  }

  /** Chat spellings (« koi », « lia », « ptite ») replaced by the words they stand for. */
  private unSms(text: string): string {
    if (this.sms.size === 0 || !this.smsHere.test(text)) return text
    return text.replace(/[\p{L}\p{N}']+/gu, (word) => this.sms.get(word.toLowerCase()) ?? word)
  }

  /**
   * « court-métrage », « demi-journée »: a compound a dictionary knows and the article does not is one
   * unknown word, not its parts (« court » would otherwise meet « formats courts »).
   */
  private unknownCompound(surface: string, analysed: string[]): boolean {
    if (!surface.includes('-') || analysed.length === 0) return false
    return !this.vocabulary.knows(analysed[0] as string) && this.knownWords.has(fold(surface))
  }

  /** An English plural the French stemmer leaves alone (« screenwriters », « teasers »), read as singular. */
  private singular(surface: string): string[] {
    const match = /^(.{3,}?)(?:es|s)$/i.exec(surface)
    if (!match) return []
    for (const candidate of [surface.slice(0, -1), match[1] as string]) {
      const terms = this.analyzer.terms(candidate, 'query').filter((t) => this.vocabulary.knows(t))
      if (terms.length > 0) return terms
    }
    return []
  }

  /** The longest run of words from `i` that the synonyms or the glossary bring to corpus terms. */
  private mapped(
    words: ContentWord[],
    i: number,
  ): { terms: string[]; weight: number; length: number } | undefined {
    for (let length = Math.min(MAX_PHRASE_WORDS, words.length - i); length >= 1; length--) {
      const key = words
        .slice(i, i + length)
        .map((w) => fold(w.surface))
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
