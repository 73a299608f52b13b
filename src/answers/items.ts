import type { CorpusRecord } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'
import { fold } from '../text/normalize.js'
import type { AnswerItem, Exposure, JobEntry, SourceRef } from './answer.js'
import { runInLength } from './item-body.js'

const FRAGMENT_EDGE_WORDS = 5

/** Percent-encodes a text-fragment term: besides the usual, "-", "," and "&" are syntax there. */
function encodeFragmentTerm(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D')
}

/**
 * A link that scrolls to and highlights the passage in the original page (URL text fragment,
 * `#:~:text=start,end`); browsers without support just open the page.
 */
export function textFragmentLink(url: string, text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  const base = url.split('#')[0] as string
  if (words.length <= FRAGMENT_EDGE_WORDS * 2) return `${base}#:~:text=${encodeFragmentTerm(words.join(' '))}`
  const start = words.slice(0, FRAGMENT_EDGE_WORDS).join(' ')
  const end = words.slice(-FRAGMENT_EDGE_WORDS).join(' ')
  return `${base}#:~:text=${encodeFragmentTerm(start)},${encodeFragmentTerm(end)}`
}

/** Per engine: what never changes for a given corpus (links, the job map) is computed once. */
interface EngineFacts {
  links: Map<string, string>
  jobMap: JobEntry[]
  jobTerms: Array<{ entry: JobEntry; terms: Set<string> }>
}
const factsByEngine = new WeakMap<SearchEngine, EngineFacts>()

function factsOf(engine: SearchEngine): EngineFacts {
  let facts = factsByEngine.get(engine)
  if (!facts) {
    const map = buildJobMap(engine)
    facts = {
      links: new Map(),
      jobMap: map,
      jobTerms: map.map((entry) => ({
        entry,
        terms: new Set(
          [...entry.jobs, entry.name]
            .flatMap((name) => engine.analyzer.terms(name))
            .filter((t) => t !== 'emploi'),
        ),
      })),
    }
    factsByEngine.set(engine, facts)
  }
  return facts
}

function linkOf(engine: SearchEngine, record: CorpusRecord, url: string): string {
  const links = factsOf(engine).links
  let link = links.get(record.id)
  if (link === undefined) {
    link = url ? textFragmentLink(url, record.text) : ''
    links.set(record.id, link)
  }
  return link
}

export function sourceOf(engine: SearchEngine, record: CorpusRecord): SourceRef {
  const meta = engine.document(record.documentId)?.meta
  return {
    documentId: record.documentId,
    title: meta?.title ?? record.documentId,
    url: meta?.url ?? '',
    publisher: meta?.publisher ?? '',
    year: meta?.year ?? 0,
  }
}

/** A corpus record as an answer item, the words that carry `terms` marked. */
export function toItem(engine: SearchEngine, record: CorpusRecord, terms: Iterable<string> = []): AnswerItem {
  const source = sourceOf(engine, record)
  return {
    id: record.id,
    kind: record.kind,
    text: record.text,
    segments: engine.segments(record, terms),
    section: record.section.length > 0 ? record.section : [source.title],
    source,
    link: linkOf(engine, record, source.url),
    ...(record.speaker ? { speaker: record.speaker } : {}),
    ...(record.quote ? { quotation: record.quote } : {}),
    ...(record.job ? { job: { name: record.job.name, exposure: record.job.exposure } } : {}),
  }
}

/** The article's job map: each job section with its classification and its first sentence. */
export function jobMap(engine: SearchEngine): JobEntry[] {
  return factsOf(engine).jobMap
}

function buildJobMap(engine: SearchEngine): JobEntry[] {
  const entries = new Map<string, JobEntry>()
  for (const record of [...engine.records.values()].sort((a, b) => a.ordinal - b.ordinal)) {
    const job = record.job
    if (!job || job.jobs.length === 0) continue
    const key = `${record.documentId}/${job.name}`
    if (entries.has(key)) continue
    // The entry's name stands beside the summary: a heading the paragraph repeats is left out of it.
    const text = record.text.slice(runInLength(record.text, record.section.at(-1)))
    const summary = record.kind === 'quote' ? text : (text.split(/(?<=[.!?])\s+/)[0] ?? text)
    entries.set(key, { name: job.name, exposure: job.exposure, jobs: job.jobs, summary })
  }
  return [...entries.values()]
}

/** The job sections a question names (monteur → both sections that cover editors). */
export function jobsNamedBy(engine: SearchEngine, terms: string[]): JobEntry[] {
  return factsOf(engine)
    .jobTerms.filter(({ terms: jobTerms }) => terms.some((t) => jobTerms.has(t)))
    .map(({ entry }) => entry)
}

/** Reads "menacés", "qui évoluent", "résistent"… as one of the article's classifications. */
export function exposureNamed(text: string): Exposure | undefined {
  const folded = fold(text)
  if (/\b(menac|threat|risk|risque|danger|vulnerable)/.test(folded)) return 'menacé'
  if (/\b(evolu|evolv|chang|transform)/.test(folded)) return 'évolue'
  if (/\b(resist|protege|safe|epargn)/.test(folded)) return 'résiste'
  return undefined
}
