import type { Corpus, CorpusRecord } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'
import type { FrenchAnalyzer } from './analyzer.js'
import type { Postings } from './postings.js'

// Stepped with exec from lastIndex 0: one regex object for every text counted.
const WORDS = /[\p{L}\p{N}]+/gu

/** How often a folded word occurs, and its written form for autocomplete once the documents show it. */
interface Tally {
  word: string
  count: number
  /** Digits only: counted for spelling, never offered by autocomplete. */
  number: boolean
  surface?: { surface: string; count: number }
}

/** What kind of topic a term names: the article's jobs, its concepts, its names, a plain word or a number. */
export type TermClass = 'job' | 'concept' | 'name' | 'word' | 'number'

/**
 * What the corpus says about its own words, computed once per corpus version: how many records use each term
 * (read from the postings), which terms name the article's subjects, and the written words (for spelling and
 * autocomplete).
 */
export class Vocabulary {
  /** Folded words of the corpus and thesaurus with their frequency: what spelling correction aims at. */
  readonly wordFrequency = new Map<string, number>()
  /** Words of the corpus as written (lower case), by folded form, with their frequency: for autocomplete. */
  readonly surfaces = new Map<string, { surface: string; count: number }>()
  private readonly classes = new Map<string, TermClass>()
  /** Which records hold each term: the postings, which count them anyway (set by `complete`). */
  private postings: Postings | undefined

  /** The tally of each word as written, or null for what is not counted (short words, stop words). */
  private readonly countable = new Map<string, Tally | null>()
  /** One tally per folded word, in the order first met (wordFrequency's order). */
  private readonly tallies = new Map<string, Tally>()
  /** The tallies of the last section's heading words: a section's records come one after the other. */
  private lastSection: { path: readonly string[]; tallies: Tally[] } | undefined

  /** Fill it with `addRecord` for every record, then `complete` once. */
  constructor(private readonly analyzer: FrenchAnalyzer) {}

  /** Counts the words of one record: its text (already through normalizeText) and its section's headings. */
  addRecord(record: CorpusRecord, normalizedText: string): void {
    this.countWords(normalizedText, true)
    this.countSection(record.section)
  }

  /** The heading words of a record's section, counted for each of its records as before, read once. */
  private countSection(path: readonly string[]): void {
    if (this.lastSection?.path !== path) {
      const tallies: Tally[] = []
      this.countWords(normalizeText(path.join(' ')), true, tallies)
      this.lastSection = { path, tallies }
      return
    }
    for (const tally of this.lastSection.tallies) {
      tally.count++
      if (tally.surface) tally.surface.count++
    }
  }

  complete(corpus: Corpus, properNames: Iterable<string>, postings: Postings): void {
    this.postings = postings
    const analyzer = this.analyzer
    for (const term of analyzer.canonicalTerms)
      this.classes.set(term, analyzer.jobTerms.has(term) ? 'job' : 'concept')
    for (const term of analyzer.nameTerms) this.classes.set(term, 'name')
    for (const name of [...properNames, ...corpus.thesaurus.names]) {
      for (const term of analyzer.terms(name)) if (!this.classes.has(term)) this.classes.set(term, 'name')
    }
    // The head of a job's name is the job (« monteur » in « monteur vidéo »); what follows qualifies it.
    const jobs = new Set<string>()
    for (const record of corpus.records) for (const job of record.job?.jobs ?? []) jobs.add(job)
    for (const job of jobs) {
      const [head] = analyzer.terms(job, 'query')
      if (head) this.classes.set(head, 'job')
    }
    for (const concept of corpus.thesaurus.concepts)
      for (const term of concept.terms) this.countWords(normalizeText(term), false)
    for (const [word, tally] of this.tallies) this.wordFrequency.set(word, tally.count)
    this.countable.clear()
    this.tallies.clear()
    this.lastSection = undefined
  }

  /** Counts the words of a normalised text; `met` collects their tallies, in order, when given. */
  private countWords(normalized: string, fromCorpus: boolean, met?: Tally[]): void {
    WORDS.lastIndex = 0
    for (let match = WORDS.exec(normalized); match !== null; match = WORDS.exec(normalized)) {
      const written = match[0]
      let tally = this.countable.get(written)
      if (tally === undefined) tally = this.firstSight(written)
      if (tally === null) continue
      tally.count++
      met?.push(tally)
      if (!fromCorpus || tally.number) continue
      if (tally.surface) tally.surface.count++
      else {
        tally.surface = { surface: written.toLowerCase(), count: 1 }
        this.surfaces.set(tally.word, tally.surface)
      }
    }
  }

  private firstSight(written: string): Tally | null {
    const folded = fold(written)
    let tally: Tally | null = null
    if (folded.length >= 3 && !this.analyzer.isStopWord(folded)) {
      tally = this.tallies.get(folded) ?? { word: folded, count: 0, number: /^\d+$/.test(folded) }
      this.tallies.set(folded, tally)
    }
    this.countable.set(written, tally)
    return tally
  }

  /** How many records hold the term (their own words or the questions written for them). */
  documentFrequency(term: string): number | undefined {
    return this.postings?.documentFrequency(term)
  }

  /** How many records use the term in their own words (not only in the questions written for them). */
  ownFrequency(term: string): number {
    return this.postings?.get(term)?.ownRecords ?? 0
  }

  knows(term: string): boolean {
    return this.documentFrequency(term) !== undefined
  }

  /** Whether the documents use the term in their own words (not only in the questions written for them). */
  inDocuments(term: string): boolean {
    return (this.postings?.get(term)?.ownRecords ?? 0) > 0
  }

  classOf(term: string): TermClass {
    return this.classes.get(term) ?? (/^\d+$/.test(term) ? 'number' : 'word')
  }
}
