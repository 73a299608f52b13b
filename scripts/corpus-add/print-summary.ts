import type { ImportedDocument } from '../../src/corpus/import/import-document.js'
import type { UnknownWord } from './unknown-words.js'

const SHOWN_QUOTES = 10
const SHOWN_WORDS = 40

/** What corpus:add made, for the operator: the file, its metadata, sections, passages, quotes, new words. */
export function formatSummary(
  imported: ImportedDocument,
  written: string | undefined,
  unknown: UnknownWord[] | undefined,
): string {
  const { meta, sections } = imported.document
  const passages = imported.records.filter((r) => r.kind === 'passage')
  const quotes = imported.records.filter((r) => r.kind === 'quote')
  const headings = [...new Set(sections.map((s) => s.path.join(' › ')).filter(Boolean))]
  const lines = [
    written
      ? `corpus:add: wrote ${written}`
      : `corpus:add: dry run, nothing written (would be ${meta.id}.md)`,
    `  title      ${meta.title}`,
    `  url        ${meta.url}`,
    `  publisher  ${meta.publisher} · language ${meta.language} · year ${meta.year}`,
    `  sections   ${sections.length}${headings.length > 0 ? ` (${headings.length} headings)` : ''}`,
    ...headings.map((heading) => `             ${heading}`),
    `  passages   ${passages.length}`,
    `  quotes     ${quotes.length}`,
    ...quotes
      .slice(0, SHOWN_QUOTES)
      .map((q) => `             « ${shorten(q.quote ?? '', 70)} » — ${q.speaker ?? '(no speaker found)'}`),
    ...(quotes.length > SHOWN_QUOTES ? [`             … and ${quotes.length - SHOWN_QUOTES} more`] : []),
  ]
  if (unknown === undefined) {
    lines.push('  new words  (the corpus had no other document to compare with)')
  } else {
    const shown = unknown.slice(0, SHOWN_WORDS).map((w) => (w.count > 1 ? `${w.word} (${w.count})` : w.word))
    const more = unknown.length > SHOWN_WORDS ? `, … and ${unknown.length - SHOWN_WORDS} more` : ''
    lines.push(
      `  new words  ${unknown.length} the index did not know${unknown.length > 0 ? `: ${shown.join(', ')}${more}` : ''}`,
    )
  }
  return `${lines.join('\n')}\n`
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
