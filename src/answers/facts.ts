import type { CorpusRecord } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'
import { perEngine } from '../search/per-engine.js'
import type { JobEntry, SourceEntry, SourceRef } from './answer.js'
import { runInLength } from './item-body.js'

/**
 * What answers need that never changes for a given corpus version, computed once per engine in passes
 * linear in the number of records, so that no command walks the whole corpus per call (at 1,000
 * documents `sources` did, once per document: 22 s). Kept beside the engine in a WeakMap, so a reloaded
 * corpus gets its own and the old one goes with the old engine.
 */
export interface EngineFacts {
  /** Text-fragment links, filled as records are shown. */
  links: Map<string, string>
  sourceRefs: Map<string, SourceRef>
  /** Each job section of each document, in corpus order. */
  jobMap: JobEntry[]
  /** Positions in `jobMap` of the sections whose names analyse to a term, one per name and exposure. */
  jobsByTerm: Map<string, number[]>
  /** Canonical job names, each once, in job-map order. */
  jobNames: string[]
  sources: SourceEntry[]
  quotes: CorpusRecord[]
}

export const factsOf: (engine: SearchEngine) => EngineFacts = perEngine((engine) => computeFacts(engine))

function computeFacts(engine: SearchEngine): EngineFacts {
  const sourceRefs = new Map<string, SourceRef>()
  const counts = new Map<string, { passages: number; quotes: number }>()
  for (const { meta } of engine.documents) {
    sourceRefs.set(meta.id, {
      documentId: meta.id,
      title: meta.title,
      url: meta.url,
      publisher: meta.publisher,
      year: meta.year,
    })
    counts.set(meta.id, { passages: 0, quotes: 0 })
  }
  const quotes: CorpusRecord[] = []
  for (const record of engine.records.values()) {
    const count = counts.get(record.documentId)
    if (record.kind === 'quote') {
      quotes.push(record)
      if (count) count.quotes++
    } else if (count && !record.contact) count.passages++
  }
  const sources = engine.documents.map((document) => ({
    source: sourceRefs.get(document.meta.id) as SourceRef,
    language: document.meta.language,
    studies: document.meta.studies,
    ...(counts.get(document.meta.id) ?? { passages: 0, quotes: 0 }),
  }))
  const jobMap = buildJobMap(engine.records.values())
  return {
    links: new Map(),
    sourceRefs,
    jobMap,
    jobsByTerm: indexJobs(engine, jobMap),
    jobNames: [...new Set(jobMap.flatMap((entry) => entry.jobs))],
    sources,
    quotes,
  }
}

/** Each job section with its classification and its first sentence, in corpus order. */
function buildJobMap(records: Iterable<CorpusRecord>): JobEntry[] {
  // Records come document by document, in order, so the first record seen of a section is its first.
  const entries = new Map<string, JobEntry>()
  for (const record of records) {
    const job = record.job
    if (!job || job.jobs.length === 0) continue
    const key = `${record.documentId}\u0000${job.name}`
    if (entries.has(key)) continue
    // The entry's name stands beside the summary: a heading the paragraph repeats is left out of it.
    const text = record.text.slice(runInLength(record.text, record.section.at(-1)))
    const summary = record.kind === 'quote' ? text : (text.split(/(?<=[.!?])\s+/)[0] ?? text)
    entries.set(key, { name: job.name, exposure: job.exposure, jobs: job.jobs, summary })
  }
  return [...entries.values()]
}

/**
 * Term → job sections, so that finding the jobs a question names costs a lookup per term. The same section
 * name recurs in many documents: each distinct name is analysed once, and a badge is given once per name
 * and exposure.
 */
function indexJobs(engine: SearchEngine, jobMap: JobEntry[]): Map<string, number[]> {
  const termsOfName = new Map<string, string[]>()
  const analyse = (name: string) => {
    let terms = termsOfName.get(name)
    if (!terms) {
      terms = engine.analyzer.terms(name).filter((t) => t !== 'emploi')
      termsOfName.set(name, terms)
    }
    return terms
  }
  const byTerm = new Map<string, number[]>()
  const seen = new Set<string>()
  jobMap.forEach((entry, position) => {
    const key = `${entry.name}\u0000${entry.exposure}`
    if (seen.has(key)) return
    seen.add(key)
    for (const term of new Set([...entry.jobs, entry.name].flatMap(analyse))) {
      const list = byTerm.get(term)
      if (list) list.push(position)
      else byTerm.set(term, [position])
    }
  })
  return byTerm
}
