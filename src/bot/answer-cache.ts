import type { Answer } from '../answers/answer.js'
import type { SearchEngine } from '../search/engine.js'

/** At most this many answers… */
export const ANSWER_CACHE_ENTRIES = 500
/** …and at most this much memory for them, keys included (UTF-16: two bytes a character). */
export const ANSWER_CACHE_BYTES = 8 * 1024 * 1024

/** An object's header and a handful of fields on a 64-bit heap, rounded up; also a string's header. */
const OBJECT_BYTES = 64

/** A string's characters at two bytes each (UTF-16, the worst case), and its header. */
const textBytes = (text: string | undefined): number =>
  text === undefined ? 0 : OBJECT_BYTES + 2 * text.length

const listBytes = (texts: readonly string[]): number => {
  let bytes = OBJECT_BYTES
  for (const text of texts) bytes += textBytes(text)
  return bytes
}

/**
 * What an entry costs in memory, weighed once when it is stored: every string it reaches at two bytes a
 * character and every object at OBJECT_BYTES. Texts the answer shares with the corpus (a passage, its section,
 * its source, the job map) are counted as if they were its own, so the bound errs on the safe side: on the
 * load test's questions this weighs an answer at 2.5× the heap it adds, where its JSON at two bytes a
 * character (the measure it replaces, which tests check it never undercuts) came to 1.8×. Serialising every new
 * answer to weigh it took ~2 % of the CPU of cold questions (~8 µs each); this reads a few dozen fields.
 */
export function answerBytes(key: string, answer: Answer): number {
  let bytes =
    OBJECT_BYTES +
    textBytes(key) +
    textBytes(answer.title) +
    textBytes(answer.query) +
    textBytes(answer.notice) +
    listBytes(answer.lines) +
    listBytes(answer.suggestions) +
    listBytes(answer.examples) +
    (answer.step ? OBJECT_BYTES : 0)
  for (const item of answer.items) {
    const { source } = item
    bytes +=
      OBJECT_BYTES +
      textBytes(item.id) +
      textBytes(item.text) +
      // The segments cut the text: their strings add up to it once more, and an object each.
      textBytes(item.text) +
      item.segments.length * OBJECT_BYTES +
      listBytes(item.section) +
      textBytes(item.link) +
      textBytes(item.speaker) +
      textBytes(item.quotation) +
      (item.job ? OBJECT_BYTES + textBytes(item.job.name) : 0) +
      OBJECT_BYTES +
      textBytes(source.documentId) +
      textBytes(source.title) +
      textBytes(source.url) +
      textBytes(source.publisher)
  }
  for (const action of answer.actions) {
    bytes += OBJECT_BYTES + textBytes(action.id) + textBytes(action.label) + textBytes(action.itemId)
  }
  for (const job of answer.jobMap ? [...answer.jobs, ...answer.jobMap] : answer.jobs) {
    bytes += OBJECT_BYTES + textBytes(job.name) + textBytes(job.summary) + listBytes(job.jobs)
  }
  for (const entry of answer.sources ?? []) {
    bytes +=
      OBJECT_BYTES + textBytes(entry.source.title) + textBytes(entry.source.url) + textBytes(entry.language)
    for (const study of entry.studies)
      bytes += OBJECT_BYTES + textBytes(study.title) + textBytes(study.publisher) + textBytes(study.date)
  }
  return bytes
}

export interface CacheStats {
  hits: number
  misses: number
}

/**
 * Answers to the same text are the same for a given corpus (and the question key the feedback buttons carry
 * derives from the text): popular questions are answered from memory. Cleared when the corpus changes.
 *
 * Bounded in entries and in bytes. Keys are given already cut to what the engine reads (the bot cuts a
 * question to MAX_QUERY_CHARS before running it), so a megabyte-long question costs no more than a long one.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { answer: Answer; bytes: number }>()
  private cachedFor: SearchEngine | undefined
  private used = 0
  /** Since creation: what share of answers came from memory (the load test reports it). */
  readonly stats: CacheStats = { hits: 0, misses: 0 }

  constructor(
    private readonly getEngine: () => SearchEngine,
    private readonly maxBytes = ANSWER_CACHE_BYTES,
    private readonly maxEntries = ANSWER_CACHE_ENTRIES,
  ) {}

  /** Bytes the entries take, by answerBytes' measure. */
  get bytes(): number {
    return this.used
  }

  get size(): number {
    return this.entries.size
  }

  get(key: string, compute: () => Answer): Answer {
    const engine = this.getEngine()
    if (engine !== this.cachedFor) {
      this.entries.clear()
      this.used = 0
      this.cachedFor = engine
    }
    const hit = this.entries.get(key)
    if (hit) {
      this.stats.hits++
      // Least recently used goes first when the cache is full.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.answer
    }
    this.stats.misses++
    const answer = compute()
    const bytes = answerBytes(key, answer)
    // An answer bigger than the whole cache is served, not kept.
    if (bytes > this.maxBytes) return answer
    while (this.entries.size >= this.maxEntries || this.used + bytes > this.maxBytes) {
      const [oldest, entry] = this.entries.entries().next().value as [string, { bytes: number }]
      this.entries.delete(oldest)
      this.used -= entry.bytes
    }
    this.entries.set(key, { answer, bytes })
    this.used += bytes
    return answer
  }
}
