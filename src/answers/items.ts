import type { CorpusRecord } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'
import { fold } from '../text/normalize.js'
import type { AnswerItem, Exposure, JobEntry, SourceRef } from './answer.js'
import { factsOf } from './facts.js'

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

function linkOf(engine: SearchEngine, record: CorpusRecord, url: string): string {
  const links = factsOf(engine).links
  let link = links.get(record.id)
  if (link === undefined) {
    link = url ? textFragmentLink(url, record.text) : ''
    links.set(record.id, link)
  }
  return link
}

/** The document a record comes from, as answers cite it. */
export function sourceOf(engine: SearchEngine, record: CorpusRecord): SourceRef {
  return (
    factsOf(engine).sourceRefs.get(record.documentId) ?? {
      documentId: record.documentId,
      title: record.documentId,
      url: '',
      publisher: '',
      year: 0,
    }
  )
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

/** The job map: each job section of each document with its classification and its first sentence. */
export function jobMap(engine: SearchEngine): JobEntry[] {
  return factsOf(engine).jobMap
}

/** The job sections a question names (monteur → both sections that cover editors). */
export function jobsNamedBy(engine: SearchEngine, terms: string[]): JobEntry[] {
  const { jobMap, jobsByTerm } = factsOf(engine)
  const positions = new Set(terms.flatMap((term) => jobsByTerm.get(term) ?? []))
  return [...positions].sort((a, b) => a - b).map((position) => jobMap[position] as JobEntry)
}

/** Canonical job names, each once (suggestions when nothing was found). */
export function jobNames(engine: SearchEngine): string[] {
  return factsOf(engine).jobNames
}

/** Reads "menacés", "qui évoluent", "résistent"… as one of the article's classifications. */
export function exposureNamed(text: string): Exposure | undefined {
  const folded = fold(text)
  if (/\b(menac|threat|risk|risque|danger|vulnerable)/.test(folded)) return 'menacé'
  if (/\b(evolu|evolv|chang|transform)/.test(folded)) return 'évolue'
  if (/\b(resist|protege|safe|epargn)/.test(folded)) return 'résiste'
  return undefined
}
