import type { Corpus } from '../corpus/types.js'
import { readChatMarkup } from '../text/chat-markup.js'
import type { KnownWords } from '../text/known-words.js'
import { fold } from '../text/normalize.js'
import type { AnalyzedToken, FrenchAnalyzer } from './analyzer.js'
import { asked } from './asked.js'
import { FramingReader, type Intent } from './framing.js'
import { inContext, splitMessage } from './message.js'
import type { SpellingCorrector } from './spelling.js'
import { UNKNOWN_WEIGHT, type UnknownWord, type UnknownWordJudge } from './unknown-words.js'
import type { Vocabulary } from './vocabulary.js'
import { WordLinks } from './word-links.js'

export { SYNONYM_WEIGHT, TRANSLATION_WEIGHT } from './word-links.js'

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
  /** Only the message's context uses it (the asker's day, a quoted colleague): it ranks, it is not asked. */
  context?: boolean
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
  private readonly links: WordLinks

  constructor(
    corpus: Corpus,
    private readonly analyzer: FrenchAnalyzer,
    private readonly vocabulary: Vocabulary,
    private readonly corrector: SpellingCorrector,
    private readonly knownWords: KnownWords,
    private readonly unknownJudge: UnknownWordJudge,
    /**
     * The terms that name a job of the documents (their job sections' names and jobs): after « je suis »,
     * only these say who asks (« je suis perdu » is not a job).
     */
    private readonly jobTerms: ReadonlySet<string> = new Set(),
  ) {
    this.framing = new FramingReader(corpus.thesaurus.framing, corpus.thesaurus.intents)
    this.links = new WordLinks(corpus, analyzer, vocabulary)
  }

  read(question: string): Reading {
    const raw = String(question ?? '')
    let truncated = raw.length > MAX_QUERY_CHARS
    // Markup read as a person reads it, then the question told from its context (message.ts).
    const message = splitMessage(
      readChatMarkup(raw.slice(0, MAX_QUERY_CHARS)),
      (sentence) => this.links.unSms(sentence),
      (sentence) => this.analyzer.terms(sentence, 'query').length,
    )
    const text = message.text
    // Index mode keeps every word of a thesaurus phrase (« cheffe opératrice »): each is a content word here.
    // splitMessage normalised each sentence (and unSms replaced words with normalised ones).
    const tokens = this.analyzer.tokensOfNormalized(text, 'index')
    const { framing, intent, localAt, momentAt, whenAt, payAt } = this.framing.read(text, tokens)
    const selfPositions = new Set(intent.self)
    const isContext = (index: number) =>
      !selfPositions.has(index) && inContext(message, (tokens[index] as AnalyzedToken).start)
    // The team's own affairs in a pasted colleague's message or in the asker's day are not the question.
    intent.local = localAt.some((at) => !isContext(at))
    intent.moment = momentAt.some((at) => !isContext(at))
    const asks = asked(tokens, isContext, this.knownWords)
    intent.howTo = asks.howTo
    intent.count = !intent.price && asks.count
    intent.best = asks.best
    // What someone earns is an amount asked, unless only a pasted colleague's message asks it.
    if (payAt.some((at) => !isContext(at))) intent.price = true
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
      if (!seen || seen.weight < weighed)
        terms.set(
          term,
          word.context
            ? { term, surface, weight: weighed, context: true }
            : { term, surface, weight: weighed },
        )
    }
    const selfTerms = new Set<string>()
    const unknowns: UnknownWord[] = []
    const absentWords: string[] = []
    // Words of the context the article does not use say nothing about the question: they are not counted.
    const unknown = (surface: string, analysed: readonly string[]) => {
      if (word.context) return
      const at = word.token.start
      const capitalised = /^\p{Lu}/u.test(surface) && !/(?:^|[.!?…\n]\s*)$/u.test(text.slice(0, at))
      unknowns.push({ word: surface, kind: this.unknownJudge.kindOf(surface, analysed, capitalised) })
    }
    for (let i = 0; i < words.length; i++) {
      word = words[i] as ContentWord
      const analysed = reread[i]?.terms ?? []
      const known = analysed.filter((t) => this.vocabulary.knows(t))
      if (this.unknownCompound(word.surface, analysed)) {
        unknown(word.surface, analysed)
        continue
      }
      if (known.length > 0) {
        if (!word.context && !known.some((t) => this.vocabulary.inDocuments(t)))
          absentWords.push(word.surface)
        for (const term of known) add(term, 1, word.surface)
        if (word.self) for (const term of known) this.addSelf(selfTerms, term)
        continue
      }
      // Part of a phrase the analyzer already read as one concept ("ingénieur du son").
      if (analysed.length === 0 && reread[i] !== undefined) continue
      const plural = this.links.singular(word.surface)
      if (plural.length > 0) {
        for (const term of plural) add(term, 1, word.surface)
        if (word.self) for (const term of plural) this.addSelf(selfTerms, term)
        continue
      }
      const mapped = this.links.mapped(
        words.map((w) => w.surface),
        i,
      )
      if (mapped) {
        const surface = words
          .slice(i, i + mapped.length)
          .map((w) => w.surface)
          .join(' ')
        for (const term of mapped.terms) add(term, mapped.weight, surface)
        if (word.self) for (const term of mapped.terms) this.addSelf(selfTerms, term)
        i += mapped.length - 1
        continue
      }
      unknown(word.surface, analysed)
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

  private addSelf(selfTerms: Set<string>, term: string): void {
    if (this.jobTerms.has(term) || this.vocabulary.classOf(term) === 'job') selfTerms.add(term)
  }

  /** The corpus word a misspelt word stands for, unless a dictionary knows the word as written. */
  private correction(token: AnalyzedToken, lookups: { left: number }): string | undefined {
    const folded = fold(token.surface)
    if (token.terms.every((t) => this.vocabulary.knows(t))) return undefined
    if (this.vocabulary.wordFrequency.has(folded) || /\d/.test(folded)) return undefined
    if (!/^[\p{L}]+$/u.test(folded) || this.knownWords.has(folded)) return undefined
    if (this.links.leads(folded)) return undefined
    if (lookups.left <= 0) return undefined
    lookups.left--
    return this.corrector.correct(folded)
  }

  /**
   * « court-métrage », « demi-journée »: a compound a dictionary knows and the article does not is one
   * unknown word, not its parts (« court » would otherwise meet « formats courts »).
   */
  private unknownCompound(surface: string, analysed: string[]): boolean {
    if (!surface.includes('-') || analysed.length === 0) return false
    return !this.vocabulary.knows(analysed[0] as string) && this.knownWords.has(fold(surface))
  }
}
