import MiniSearch from 'minisearch'
import { collectLexicon } from '../corpus/chunker.js'
import type { Corpus, CorpusDocument, CorpusRecord } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'
import { type AnalyzedToken, FrenchAnalyzer } from './analyzer.js'
import { SpellingCorrector } from './spelling.js'

/** Field weights: a heading or a job name says what a passage is about more surely than a word in it. */
export const FIELD_BOOSTS = { text: 1, heading: 2.5, parents: 1.2, jobs: 2.5, speaker: 1.5 } as const
/** Share of the question's meaningful (idf-weighted) terms a record must cover to be an answer at all. */
export const MIN_COVERAGE = 0.5
/**
 * Passages state what the article says; quotes illustrate it. At equal relevance the passage comes first
 * (the `citation` command is there for quotes).
 */
export const QUOTE_PRIOR = 0.8
/** Words of a question that are read; the rest is reported, not silently dropped. */
export const MAX_QUERY_WORDS = 32
/** Characters of a question that are read. */
export const MAX_QUERY_CHARS = 2_000

/** A run of a record's text; `match` marks the words that carry one of the question's terms. */
export interface TextSpan {
  text: string
  match: boolean
}

export interface SearchOptions {
  limit?: number
  offset?: number
  kind?: CorpusRecord['kind']
}

export interface SearchHit {
  record: CorpusRecord
  score: number
  /** Share of the question's weight this record covers (0–1). */
  coverage: number
  /** Query terms found in the record. */
  matchedTerms: string[]
}

export interface SearchOutcome {
  /** The question's terms after analysis, spelling correction and thesaurus. */
  terms: string[]
  /** Words that were read as other words ("storybord" → "storyboard"). */
  corrections: Array<{ from: string; to: string }>
  /** Words that match nothing in the corpus. */
  unknownWords: string[]
  /** Set when part of the question could not be read (too long). */
  truncated: boolean
  hits: SearchHit[]
  /** Number of records that answer, before paging. */
  total: number
  /** How many of those are quotes. */
  quotes: number
}

interface IndexedDocument {
  id: string
  text: string
  heading: string
  parents: string
  jobs: string
  speaker: string
  kind: CorpusRecord['kind']
}

/** Lexical French search over a corpus' passages and quotes. Built once per corpus version; read-only after. */
export class SearchEngine {
  readonly analyzer: FrenchAnalyzer
  readonly records: ReadonlyMap<string, CorpusRecord>
  private readonly index: MiniSearch<IndexedDocument>
  private readonly documentFrequency = new Map<string, number>()
  /** Terms that show a question is about the article's subject: thesaurus concepts, names, jobs. */
  private readonly domainTerms = new Set<string>()
  private readonly tokensByRecord = new Map<string, AnalyzedToken[]>()
  /** Folded words of the corpus and thesaurus with their frequency: what spelling correction aims at. */
  readonly wordFrequency = new Map<string, number>()
  private readonly corrector: SpellingCorrector
  /** Words of the corpus as written (lower case), by folded form, with their frequency: for autocomplete. */
  private readonly surfaces = new Map<string, { surface: string; count: number }>()

  private constructor(readonly corpus: Corpus) {
    const lexicon = collectLexicon(corpus.records)
    this.analyzer = new FrenchAnalyzer({ ...corpus.thesaurus, lexicon })
    this.records = new Map(corpus.records.map((r) => [r.id, r]))

    const analyze = (text: string) => this.analyzer.terms(text)
    this.index = new MiniSearch<IndexedDocument>({
      fields: ['text', 'heading', 'parents', 'jobs', 'speaker'],
      storeFields: ['kind'],
      tokenize: analyze,
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
    })
    const documents = corpus.records.map((record) => this.toIndexed(record))
    this.index.addAll(documents)

    for (const document of documents) {
      const terms = new Set(
        [document.text, document.heading, document.parents, document.jobs, document.speaker].flatMap(analyze),
      )
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1)
    }
    for (const record of corpus.records) this.tokensByRecord.set(record.id, this.analyzer.tokens(record.text))
    for (const term of this.analyzer.canonicalTerms) this.domainTerms.add(term)
    for (const name of [...lexicon.properNames, ...corpus.thesaurus.names]) {
      for (const term of this.analyzer.terms(name)) this.domainTerms.add(term)
    }
    for (const record of corpus.records)
      for (const term of analyze(record.job?.jobs.join(' ') ?? '')) this.domainTerms.add(term)

    const countWords = (text: string, fromCorpus: boolean) => {
      for (const match of normalizeText(text).matchAll(/[\p{L}\p{N}]+/gu)) {
        const word = fold(match[0])
        if (word.length < 3 || this.analyzer.isStopWord(word)) continue
        this.wordFrequency.set(word, (this.wordFrequency.get(word) ?? 0) + 1)
        if (!fromCorpus || /^\d+$/.test(word)) continue
        const seen = this.surfaces.get(word)
        if (seen) seen.count++
        else this.surfaces.set(word, { surface: match[0].toLowerCase(), count: 1 })
      }
    }
    for (const record of corpus.records) countWords(`${record.text} ${record.section.join(' ')}`, true)
    for (const concept of corpus.thesaurus.concepts) for (const term of concept.terms) countWords(term, false)
    this.corrector = new SpellingCorrector(this.wordFrequency)
  }

  static build(corpus: Corpus): SearchEngine {
    return new SearchEngine(corpus)
  }

  get size(): number {
    return this.index.documentCount
  }

  get documents(): CorpusDocument[] {
    return this.corpus.documents
  }

  document(id: string): CorpusDocument | undefined {
    return this.corpus.documents.find((d) => d.meta.id === id)
  }

  /** Analyses a free-text question, correcting typos, then searches. */
  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const read = this.readQuestion(question)
    return { ...read, ...this.searchTerms(read.terms, options) }
  }

  /** Searches already analysed terms (from a button's state). */
  searchTerms(
    terms: string[],
    options: SearchOptions = {},
  ): Pick<SearchOutcome, 'hits' | 'total' | 'quotes'> {
    const { limit = 3, offset = 0, kind } = options
    if (terms.length === 0) return { hits: [], total: 0, quotes: 0 }
    const weights = terms.map((t) => this.weight(t))
    const known = terms.map((t) => this.knows(t))
    const results = this.index.search(terms.join(' '), {
      boost: FIELD_BOOSTS,
      combineWith: 'OR',
      boostDocument: (_id, _term, stored) => (stored?.kind === 'quote' ? QUOTE_PRIOR : 1),
      ...(kind ? { filter: (result) => result.kind === kind } : {}),
    })
    const hits: SearchHit[] = []
    for (const result of results) {
      const record = this.records.get(String(result.id))
      if (!record) continue
      const matched = new Set(result.queryTerms)
      // A word the corpus does not know is a strong sign of an off-topic question, unless the record
      // answers a term of the domain itself ("les monteurs sont-ils condamnés ?").
      const unknownFactor = [...matched].some((t) => this.domainTerms.has(t)) ? 0.5 : 1
      let covered = 0
      let total = 0
      terms.forEach((term, i) => {
        const weight = (weights[i] as number) * (known[i] ? 1 : unknownFactor)
        total += weight
        if (matched.has(term)) covered += weight
      })
      const coverage = total > 0 ? covered / total : 0
      if (coverage < MIN_COVERAGE) continue
      hits.push({ record, score: result.score * coverage, coverage, matchedTerms: [...matched] })
    }
    hits.sort((a, b) => b.score - a.score || a.record.ordinal - b.record.ordinal)
    const quotes = hits.reduce((n, hit) => n + (hit.record.kind === 'quote' ? 1 : 0), 0)
    return { hits: hits.slice(offset, offset + limit), total: hits.length, quotes }
  }

  /** The record's text cut into segments, the words that carry one of `terms` flagged. */
  segments(record: CorpusRecord, terms: Iterable<string>): TextSpan[] {
    const wanted = new Set(terms)
    const tokens = this.tokensByRecord.get(record.id) ?? []
    const segments: TextSpan[] = []
    let cursor = 0
    const push = (text: string, match: boolean) => {
      if (!text) return
      const last = segments.at(-1)
      if (last && last.match === match) last.text += text
      else segments.push({ text, match })
    }
    for (const token of tokens) {
      if (!token.terms.some((t) => wanted.has(t))) continue
      push(record.text.slice(cursor, token.start), false)
      push(record.text.slice(token.start, token.end), true)
      cursor = token.end
    }
    push(record.text.slice(cursor), false)
    return segments
  }

  /** How rare a term is: terms the corpus does not know weigh more than any it knows. */
  weight(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0.5
    return Math.log(1 + this.size / df)
  }

  surfaceWords(): IterableIterator<[string, { surface: string; count: number }]> {
    return this.surfaces.entries()
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term)
  }

  /** Words of the corpus close to a word (for "did you mean" suggestions). */
  closeWords(word: string): string | undefined {
    const folded = fold(normalizeText(word))
    return this.corrector.correct(folded, Math.min(3, Math.max(1, Math.floor(folded.length / 3))))
  }

  private readQuestion(question: string) {
    const text = normalizeText(String(question ?? '')).slice(0, MAX_QUERY_CHARS)
    let truncated = question.length > MAX_QUERY_CHARS
    const tokens = this.analyzer.tokens(text)
    const corrections: Array<{ from: string; to: string }> = []
    const unknownWords: string[] = []
    const words: string[] = []
    let contentWords = 0
    for (const token of tokens) {
      if (token.terms.length === 0) {
        words.push(token.surface)
        continue
      }
      if (++contentWords > MAX_QUERY_WORDS) {
        truncated = true
        break
      }
      const folded = fold(token.surface)
      if (token.terms.every((t) => this.knows(t)) || this.wordFrequency.has(folded) || /\d/.test(folded)) {
        words.push(token.surface)
        if (!token.terms.some((t) => this.knows(t))) unknownWords.push(token.surface)
        continue
      }
      const corrected = /^[\p{L}]+$/u.test(folded) ? this.corrector.correct(folded) : undefined
      if (corrected) {
        corrections.push({ from: token.surface, to: corrected })
        words.push(corrected)
      } else {
        unknownWords.push(token.surface)
        words.push(token.surface)
      }
    }
    const terms = [...new Set(this.analyzer.terms(words.join(' '), 'query'))]
    return { terms, corrections, unknownWords, truncated }
  }

  private toIndexed(record: CorpusRecord): IndexedDocument {
    return {
      id: record.id,
      kind: record.kind,
      text: record.text,
      heading: record.section.at(-1) ?? '',
      parents: record.section.slice(0, -1).join(' '),
      jobs: record.job?.jobs.join(' ') ?? '',
      speaker: record.speaker ?? '',
    }
  }
}
