import MiniSearch from 'minisearch'
import { LexiconCollector } from '../corpus/chunker.js'
import type { Corpus, CorpusRecord } from '../corpus/types.js'
import type { KnownWords } from '../text/known-words.js'
import { normalizeText } from '../text/normalize.js'
import { FrenchAnalyzer } from './analyzer.js'
import { type Postings, PostingsBuilder } from './postings.js'
import { SpellingCorrector } from './spelling.js'
import { Vocabulary } from './vocabulary.js'

export interface IndexedDocument {
  id: string
  text: string
  questions: string
  heading: string
  parents: string
  jobs: string
  speaker: string
  kind: CorpusRecord['kind']
}

/** The fields of the index, in its own order (the ranking adds them up in that order). */
export const INDEXED_FIELDS = ['text', 'heading', 'parents', 'jobs', 'speaker', 'questions'] as const

/** Field weights: a heading or a job name says what a passage is about more surely than a word in it. */
export const FIELD_BOOSTS = {
  text: 1,
  heading: 2.5,
  parents: 1.2,
  jobs: 2.5,
  speaker: 1.5,
  // The questions an editor wrote for a section (never shown) say what it answers, less surely than its text.
  questions: 0.5,
} as const

/** What a SearchEngine searches with, built once per corpus version. */
export interface BuiltIndex {
  analyzer: FrenchAnalyzer
  records: Map<string, CorpusRecord>
  /** Records indexed. */
  size: number
  vocabulary: Vocabulary
  /** Terms of each job section record's jobs, to put the asker's own job first. */
  jobTermsByRecord: Map<string, Set<string>>
  corrector: SpellingCorrector
  /** Flat postings (rank-postings.ts), or MiniSearch's own index when its search ranks (see EngineOptions). */
  ranking: { postings: Postings } | { index: MiniSearch<IndexedDocument> }
}

/** The field texts other than a record's own text repeat (headings, jobs, questions): analysed once each. */
const MAX_FIELD_CACHE = 20_000

/**
 * The build, as steps: it yields between records so that a caller may give the event loop a turn (see
 * `buildAsync`) or run it through at once (`buildSync`). Each record is analysed once, for the index, the
 * vocabulary and the job terms; nothing per record is kept beyond what searching needs.
 */
export function* buildIndex(
  corpus: Corpus,
  knownWords: KnownWords,
  ranking: 'postings' | 'minisearch' = 'postings',
): Generator<void, BuiltIndex, void> {
  const collector = new LexiconCollector()
  for (const record of corpus.records) {
    collector.add(record)
    yield
  }
  const seen = collector.result()
  // A capitalised word a dictionary knows is a title's word (« La Petite Sirène »), not a name to keep whole.
  const lexicon = { ...seen, properNames: new Set([...seen.properNames].filter((w) => !knownWords.has(w))) }
  const analyzer = new FrenchAnalyzer({ ...corpus.thesaurus, lexicon })
  yield

  const fieldTerms = new Map<string, string[]>()
  const analyze = (text: string) => {
    let terms = fieldTerms.get(text)
    if (!terms) {
      terms = analyzer.terms(text)
      if (fieldTerms.size >= MAX_FIELD_CACHE) fieldTerms.clear()
      fieldTerms.set(text, terms)
    }
    return terms
  }
  // The record being added: MiniSearch asks for its text's terms, already computed for the vocabulary.
  let textTerms: string[] = []
  // MiniSearch's own index only where its search ranks (the reference in tests); otherwise the postings.
  const index =
    ranking === 'minisearch'
      ? new MiniSearch<IndexedDocument>({
          fields: [...INDEXED_FIELDS],
          storeFields: ['kind'],
          tokenize: (text, field) => (field === 'text' ? textTerms : analyze(text)),
          processTerm: (term) => term,
          searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
        })
      : undefined
  // Always built: the vocabulary reads its document frequencies from it, whichever search ranks.
  const postings = new PostingsBuilder(INDEXED_FIELDS, FIELD_BOOSTS, 'questions')
  const vocabulary = new Vocabulary(analyzer)
  const jobTermsByRecord = new Map<string, Set<string>>()
  const records = new Map<string, CorpusRecord>()
  for (const record of corpus.records) {
    records.set(record.id, record)
    const normalizedText = normalizeText(record.text)
    textTerms = analyzer.termsOfNormalized(normalizedText)
    const document = toIndexed(record)
    index?.add(document)
    // In INDEXED_FIELDS' order.
    const own = [
      textTerms,
      analyze(document.heading),
      analyze(document.parents),
      analyze(document.jobs),
      analyze(document.speaker),
    ]
    const questions = analyze(document.questions)
    postings.add(record.id, [...own, questions])
    vocabulary.addRecord(record, normalizedText)
    if (record.job)
      jobTermsByRecord.set(record.id, new Set(analyze([record.job.name, ...record.job.jobs].join(' '))))
    yield
  }
  textTerms = []
  fieldTerms.clear()
  const flat = yield* postings.finish()
  vocabulary.complete(corpus, lexicon.properNames, flat)
  yield
  const corrector = new SpellingCorrector(vocabulary.wordFrequency)
  const built = { analyzer, records, vocabulary, jobTermsByRecord, corrector, size: corpus.records.length }
  return { ...built, ranking: index ? { index } : { postings: flat } }
}

/** Runs a build through on this thread, in one go. */
export function buildSync<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** Longest stretch a build holds the event loop before letting pending I/O and timers through. */
export const BUILD_SLICE_MS = 20

/** Runs a build in slices of about BUILD_SLICE_MS, giving the event loop a turn between two. */
export async function buildAsync<T>(steps: Generator<void, T, void>, sliceMs = BUILD_SLICE_MS): Promise<T> {
  let sliceStart = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
  }
}

export function toIndexed(record: CorpusRecord): IndexedDocument {
  return {
    id: record.id,
    kind: record.kind,
    text: record.text,
    heading: record.section.at(-1) ?? '',
    parents: record.section.slice(0, -1).join(' '),
    jobs: record.job?.jobs.join(' ') ?? '',
    speaker: record.speaker ?? '',
    questions: record.questions?.join(' ') ?? '',
  }
}
