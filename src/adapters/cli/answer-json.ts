import { toItem } from '../../answers/items.js'
import type { SearchEngine } from '../../search/engine.js'
import { terminalJson } from '../../text/controls.js'

/** The CLI's JSON line for one query: the contract scripts and checks read (keep it stable). */
export function answerJson(query: string, engine: SearchEngine, limit: number): string {
  const outcome = engine.search(query, { limit })
  const results = outcome.hits.map((hit) => {
    const item = toItem(engine, hit.record, outcome.terms)
    return {
      id: item.id,
      kind: item.kind,
      text: item.text,
      section: item.section.join(' › '),
      sectionPath: item.section,
      source: { ...item.source, link: item.link },
      score: Math.round(hit.score * 1000) / 1000,
      coverage: Math.round(hit.coverage * 1000) / 1000,
      matched: item.segments.filter((s) => s.match).map((s) => s.text),
      ...(item.speaker ? { speaker: item.speaker } : {}),
      ...(item.job ? { job: item.job.name, exposure: item.job.exposure } : {}),
    }
  })
  const notes = [
    ...(outcome.truncated ? ['question truncated'] : []),
    ...outcome.corrections.map((c) => `read "${c.from}" as "${c.to}"`),
  ]
  // JSON.stringify leaves U+2028/U+2029 raw (line-based readers would see them as line ends), and C1 and
  // bidirectional controls (a terminal would act on them): they are written as \u escapes, same value.
  // How surely the article answers, and as what: « direct », « closest » (Le plus proche…), or « none ».
  const answer = { tier: outcome.tier, confidence: Math.round(outcome.confidence * 1000) / 1000 }
  return terminalJson({ query, results, total: outcome.total, ...answer, ...(notes.length ? { notes } : {}) })
}
