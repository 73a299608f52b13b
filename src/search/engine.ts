import type MiniSearch from 'minisearch'
import type { Corpus, CorpusDocument, CorpusRecord } from '../corpus/types.js'
import { type DomainWords, loadDomainWords } from '../text/domain-words.js'
import { type KnownWords, loadKnownWords } from '../text/known-words.js'
import { fold, normalizeText } from '../text/normalize.js'
import type { FrenchAnalyzer } from './analyzer.js'
import { decide, evidenceOf, type Verdict } from './answerability.js'
import {
  type BuiltIndex,
  buildAsync,
  buildIndex,
  buildSync,
  FIELD_BOOSTS,
  type IndexedDocument,
} from './build-index.js'
import type { Intent } from './framing.js'
import type { SearchOptions, SearchOutcome, TextSpan } from './outcome.js'
import { type QueryTerm, QuestionReader, type Reading } from './question.js'
import { rankWithMiniSearch } from './rank-minisearch.js'
import { PostingsRanker, type Ranking, type RankQuery } from './rank-postings.js'
import { weigh } from './relevance.js'
import type { SpellingCorrector, SpellingWork } from './spelling.js'
import { decodeState, encodeState, type SearchState } from './state.js'
import { type UnknownKind, UnknownWordJudge } from './unknown-words.js'
import type { Vocabulary } from './vocabulary.js'

export { FIELD_BOOSTS } from './build-index.js'
export type { SearchHit, SearchOptions, SearchOutcome, TextSpan } from './outcome.js'
export { MAX_QUERY_CHARS, MAX_QUERY_WORDS } from './question.js'

/**
 * Passages state what the article says; quotes illustrate it. At equal relevance the passage comes first,
 * unless the question asks for a quotation.
 */
export const QUOTE_PRIOR = 0.8
export const QUOTE_WANTED = 1.6
/** « je suis monteuse… »: the passages of the asker's own job section come first. */
export const OWN_JOB_BOOST = 1.5

export interface EngineOptions {
  /** Words a French or English dictionary knows: never corrected into corpus words. */
  knownWords?: KnownWords
  /** Words of the field and words of no field (lexicon/domain-words.fr.txt), to weigh unknown words. */
  domainWords?: DomainWords
  /**
   * How records are scored: over flat postings (rank-postings.ts, the default), or by MiniSearch's own
   * search, which walks every posting list per question. Both rank alike; tests compare them.
   */
  ranking?: 'postings' | 'minisearch'
}

/** Unknown words that name a topic: a verb or an adjective the article does not use is not « not covered ». */
const TOPICAL = new Set<UnknownKind>(['code', 'name', 'noun', 'domain', 'english'])

/** Lexical French search over a corpus' passages and quotes. Built once per corpus version; read-only after. */
export class SearchEngine {
  readonly analyzer: FrenchAnalyzer
  readonly records: ReadonlyMap<string, CorpusRecord>
  readonly vocabulary: Vocabulary
  /** Records indexed. */
  readonly size: number
  /** MiniSearch's index, only when its search ranks (the tests' reference). */
  private readonly index: MiniSearch<IndexedDocument> | undefined
  /** Terms of each job section record's jobs, to put the asker's own job first. */
  private readonly jobTermsByRecord: ReadonlyMap<string, Set<string>>
  private readonly corrector: SpellingCorrector
  private readonly reader: QuestionReader
  private readonly ranker: PostingsRanker | undefined

  private constructor(
    readonly corpus: Corpus,
    built: BuiltIndex,
    knownWords: KnownWords,
    domainWords: DomainWords,
  ) {
    this.analyzer = built.analyzer
    this.records = built.records
    this.index = 'index' in built.ranking ? built.ranking.index : undefined
    this.size = built.size
    this.vocabulary = built.vocabulary
    this.jobTermsByRecord = built.jobTermsByRecord
    this.corrector = built.corrector
    if ('postings' in built.ranking) {
      const { postings } = built.ranking
      const byPosition = postings.ids.map((id) => this.records.get(id) as CorpusRecord)
      this.ranker = new PostingsRanker(postings, byPosition, this.vocabulary, this.jobTermsByRecord)
    }
    const judge = new UnknownWordJudge(this.analyzer, knownWords, domainWords)
    this.reader = new QuestionReader(
      corpus,
      this.analyzer,
      this.vocabulary,
      this.corrector,
      knownWords,
      judge,
      new Set([...this.jobTermsByRecord.values()].flatMap((terms) => [...terms])),
    )
  }

  /** Builds on this thread in one go (tests, the CLI, scripts). */
  static build(corpus: Corpus, options: EngineOptions = {}): SearchEngine {
    const knownWords = options.knownWords ?? loadKnownWords()
    const steps = buildIndex(corpus, knownWords, options.ranking)
    return new SearchEngine(corpus, buildSync(steps), knownWords, options.domainWords ?? loadDomainWords())
  }

  /** Builds in slices that give the event loop a turn between them (a bot that keeps serving meanwhile). */
  static async buildAsync(corpus: Corpus, options: EngineOptions = {}): Promise<SearchEngine> {
    const knownWords = options.knownWords ?? loadKnownWords()
    const steps = buildIndex(corpus, knownWords, options.ranking)
    const domainWords = options.domainWords ?? loadDomainWords()
    return new SearchEngine(corpus, await buildAsync(steps), knownWords, domainWords)
  }

  get documents(): CorpusDocument[] {
    return this.corpus.documents
  }

  document(id: string): CorpusDocument | undefined {
    return this.corpus.documents.find((d) => d.meta.id === id)
  }

  /** Reads a free-text question (framing, typos, synonyms, English, intent), then searches. */
  search(question: string, options: SearchOptions = {}): SearchOutcome {
    return this.run(this.reader.read(question), options)
  }

  /**
   * The record closest to a question, whether or not it answers it (no relevance gate): where a maintainer
   * would look to see if the article covers a question it was asked and could not answer.
   */
  nearest(question: string): CorpusRecord | undefined {
    const reading = this.reader.read(question)
    if (reading.terms.length === 0) return undefined
    const terms = reading.terms.map((t) => t.term)
    if (this.ranker) return this.ranker.nearest(terms)
    const [best] = (this.index as MiniSearch<IndexedDocument>).search(terms.join(' '), {
      boost: FIELD_BOOSTS,
      combineWith: 'OR',
    })
    return best ? this.records.get(String(best.id)) : undefined
  }

  /** Runs again a search whose state came from a button. */
  searchState(state: string[], options: SearchOptions = {}): SearchOutcome {
    return this.run(decodeState(state), options)
  }

  private run(reading: SearchState | Reading, options: SearchOptions): SearchOutcome {
    const { limit = 3, offset = 0, kind } = options
    const state: SearchState = {
      terms: reading.terms,
      intent: reading.intent,
      selfTerms: reading.selfTerms,
      unknown: 'unknownWords' in reading ? reading.unknownWeight : reading.unknown,
      bare: reading.bare,
    }
    const read: Reading | undefined = 'unknownWords' in reading ? reading : undefined
    const ranking = this.rank(state, kind, offset + limit)
    const evidence = evidenceOf(
      read ?? { unknown: [], intent: state.intent },
      ranking,
      this.vocabulary,
      this.size,
    )
    // A button's search continues an answer already given (its tier travels in its state): no new verdict.
    const verdict: Verdict = read
      ? decide(read, ranking, evidence)
      : { tier: ranking.best.length > 0 ? ('tier' in reading && reading.tier) || 'direct' : 'none', score: 1 }
    if (verdict.tier !== 'none') state.tier = verdict.tier
    const answered = verdict.tier !== 'none' || options.gate === false
    const page = answered ? ranking.best.slice(offset, offset + limit) : []
    const matched = new Set(page.flatMap((hit) => hit.matchedTerms))
    return {
      terms: state.terms.map((t) => t.term),
      state: encodeState(state),
      intent: state.intent,
      corrections: read?.corrections ?? [],
      unknownWords: read?.unknownWords ?? [],
      absentWords: read?.absentWords ?? [],
      missingWords: read
        ? [...read.unknown.filter((u) => TOPICAL.has(u.kind)).map((u) => u.word), ...read.absentWords]
        : [],
      coveredWords: [...new Set(state.terms.filter((t) => matched.has(t.term)).map((t) => t.surface))],
      truncated: read?.truncated ?? false,
      hits: page,
      total: answered ? ranking.total : 0,
      quotes: answered ? ranking.quotes : 0,
      tier: verdict.tier,
      confidence: verdict.score,
      evidence,
    }
  }

  /** The `keep` best records that answer, best first, and how many answer. */
  private rank(state: SearchState, kind: CorpusRecord['kind'] | undefined, keep: number): Ranking {
    if (state.terms.length === 0)
      return { best: [], total: 0, quotes: 0, coverage: 0, ownJob: false, bestMatched: [] }
    const query: RankQuery = {
      terms: state.terms,
      weighing: weigh(state.terms, state.unknown, this.vocabulary, this.size),
      selfTerms: new Set(state.selfTerms),
      bare: state.bare,
      quoteBoost: state.intent.quote ? QUOTE_WANTED : QUOTE_PRIOR,
      ownJobBoost: OWN_JOB_BOOST,
      kind,
      keep,
    }
    if (this.ranker) return this.ranker.rank(query)
    return rankWithMiniSearch(
      this.index as MiniSearch<IndexedDocument>,
      this.records,
      this.vocabulary,
      this.jobTermsByRecord,
      query,
    )
  }

  /** The record's text cut into segments, the words that carry one of `terms` flagged. */
  segments(record: CorpusRecord, terms: Iterable<string>): TextSpan[] {
    const wanted = new Set(terms)
    // Analysed again when shown rather than kept for every record: a few records per answer, cached words.
    const tokens = this.records.has(record.id) ? this.analyzer.tokens(record.text) : []
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

  surfaceWords(): IterableIterator<[string, { surface: string; count: number }]> {
    return this.vocabulary.surfaces.entries()
  }

  knows(term: string): boolean {
    return this.vocabulary.knows(term)
  }

  /**
   * What spelling correction has cost on this engine so far (radix-tree lookups, edit-distance cells):
   * bounded per question whatever its words (tests/search/bounded-work.test.ts).
   */
  spellingWork(): SpellingWork {
    return { ...this.corrector.work }
  }

  /** Words of the corpus close to a word (for "did you mean" suggestions). */
  closeWords(word: string): string | undefined {
    const folded = fold(normalizeText(word))
    // As for corrections, only words of letters: a code, a path or a number has no close word.
    if (!/^\p{L}+$/u.test(folded)) return undefined
    return this.corrector.correct(folded, Math.min(3, Math.max(1, Math.floor(folded.length / 3))))
  }
}

export type { Intent, QueryTerm }
