import type { Corpus, CorpusRecord } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'
import type { FrenchAnalyzer } from './analyzer.js'

/** What kind of topic a term names: the article's jobs, its concepts, its names, a plain word or a number. */
export type TermClass = 'job' | 'concept' | 'name' | 'word' | 'number'

/**
 * What the corpus says about its own words, computed once per corpus version: how many records use each term,
 * which terms name the article's subjects, and the written words (for spelling and autocomplete).
 */
export class Vocabulary {
  readonly documentFrequency = new Map<string, number>()
  /** Terms the documents themselves use (not only the questions written for them). */
  private readonly ownTerms = new Set<string>()
  private readonly classes = new Map<string, TermClass>()
  /** Folded words of the corpus and thesaurus with their frequency: what spelling correction aims at. */
  readonly wordFrequency = new Map<string, number>()
  /** Words of the corpus as written (lower case), by folded form, with their frequency: for autocomplete. */
  readonly surfaces = new Map<string, { surface: string; count: number }>()

  /** Folded form of each word as written, or null for what is not counted (short words, stop words). */
  private readonly countable = new Map<string, string | null>()

  /** Fill it with `addRecord` for every record, then `complete` once. */
  constructor(private readonly analyzer: FrenchAnalyzer) {}

  /** Terms of the record being counted (reused: one set for the whole build). */
  private readonly recordTerms = new Set<string>()

  /**
   * Counts one record: `own` are the term lists of the record's own fields, `questions` those of the
   * questions written for it (counted in its document frequency, not as its own words).
   */
  addRecord(record: CorpusRecord, own: readonly string[][], questions: readonly string[]): void {
    const seen = this.recordTerms
    seen.clear()
    const count = (term: string) => {
      if (seen.has(term)) return
      seen.add(term)
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1)
    }
    for (const terms of own) for (const term of terms) count(term)
    for (const term of questions) count(term)
    for (const terms of own) for (const term of terms) this.ownTerms.add(term)
    this.countWords(`${record.text} ${record.section.join(' ')}`, true)
  }

  complete(corpus: Corpus, properNames: Iterable<string>): void {
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
      for (const term of concept.terms) this.countWords(term, false)
    this.countable.clear()
  }

  private countWords(text: string, fromCorpus: boolean): void {
    for (const match of normalizeText(text).matchAll(/[\p{L}\p{N}]+/gu)) {
      const written = match[0]
      let word = this.countable.get(written)
      if (word === undefined) {
        const folded = fold(written)
        word = folded.length < 3 || this.analyzer.isStopWord(folded) ? null : folded
        this.countable.set(written, word)
      }
      if (word === null) continue
      this.wordFrequency.set(word, (this.wordFrequency.get(word) ?? 0) + 1)
      if (!fromCorpus || /^\d+$/.test(word)) continue
      const seen = this.surfaces.get(word)
      if (seen) seen.count++
      else this.surfaces.set(word, { surface: written.toLowerCase(), count: 1 })
    }
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term)
  }

  /** Whether the documents use the term in their own words (not only in the questions written for them). */
  inDocuments(term: string): boolean {
    return this.ownTerms.has(term)
  }

  classOf(term: string): TermClass {
    return this.classes.get(term) ?? (/^\d+$/.test(term) ? 'number' : 'word')
  }
}
