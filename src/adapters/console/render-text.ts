import {
  type Answer,
  type AnswerItem,
  attribution,
  EXPOSURE_LABELS,
  quoted,
  type SourceRef,
} from '../../answers/answer.js'
import { itemBody } from '../../answers/item-body.js'
import { GUIDANCE } from './words.js'
import { wrap } from './wrap.js'

export interface TextStyle {
  /** Wraps matched words (ANSI bold on a terminal; nothing when piped, so the text stays verbatim). */
  strong: (text: string) => string
  /** Columns to wrap at (a terminal); without it each paragraph stays on one line, for pipes and files. */
  width?: number
  /** A terminal hyperlink (OSC 8) showing `label`; without it, addresses are printed in full. */
  link?: (label: string, url: string) => string
}

export const PLAIN: TextStyle = { strong: (text) => text }

/** A person at a terminal `columns` wide: bold matches, text wrapped at spaces, short numbered links. */
export function terminalStyle(columns: number): TextStyle {
  return {
    strong: (text) => `\u001b[1m${text}\u001b[22m`,
    // One column short of the edge: some terminals move to the next line after writing the last column.
    width: Math.max(20, columns - 1),
    link: (label, url) => `\u001b]8;;${url}\u001b\\${label}\u001b]8;;\u001b\\`,
  }
}

/**
 * An Answer as text: numbered items under their section, each source once at the end with the links to
 * the passages by number (short hyperlinks on a terminal, full addresses otherwise).
 */
export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  const out: string[] = []
  const para = (text: string, first = '', rest = first) => out.push(...wrap(text, style.width, first, rest))
  const line = (text: string) => para(text, '', text.startsWith('• ') ? '  ' : '')
  para(answer.title)
  if (answer.notice) para(`(${answer.notice})`)
  for (const text of answer.lines) line(text)
  if (answer.guidance) para(GUIDANCE[answer.guidance])
  for (const job of answer.jobs) {
    const label = EXPOSURE_LABELS[job.exposure]
    para(`${label.emoji} ${job.name} : ${label.fr.toLowerCase()}`, '', '   ')
  }
  answer.items.forEach((item, index) => {
    out.push('')
    renderItem(item, index + 1, style, para)
  })
  sourceLines(answer.items, style, para, (text) => out.push(text))
  if (answer.jobMap && answer.jobMap.length > 0) {
    out.push('')
    for (const entry of answer.jobMap) {
      const label = EXPOSURE_LABELS[entry.exposure]
      para(`${label.emoji} ${entry.name} — ${label.fr.toLowerCase()}`, '', '   ')
      para(entry.summary, '   ')
    }
  }
  for (const entry of answer.sources ?? []) {
    out.push('')
    para(`« ${entry.source.title} », ${entry.source.publisher}, ${entry.source.year}`, '', '   ')
    // Whole on its own line, never wrapped: a broken URL cannot be opened.
    if (entry.source.url) out.push(`   ${entry.source.url}`)
    para(`${entry.passages} passages et ${entry.quotes} citations`, '   ')
    for (const study of entry.studies)
      para(
        `Étude citée : ${study.publisher}, « ${study.title} »${study.date ? ` (${study.date})` : ''}`,
        '   ',
      )
  }
  if (answer.suggestions.length > 0) {
    out.push('')
    para(`Essayez : ${answer.suggestions.join(', ')}`)
  }
  if (answer.examples.length > 0) {
    out.push('')
    para(`Exemples : ${answer.examples.join(' · ')}`)
  }
  return out.join('\n')
}

type Para = (text: string, first?: string, rest?: string) => void

function renderItem(item: AnswerItem, number: number, style: TextStyle, para: Para): void {
  const label = item.job ? EXPOSURE_LABELS[item.job.exposure] : undefined
  const badge = label ? ` · ${label.emoji} ${label.fr}` : ''
  const indent = ' '.repeat(String(number).length + 2)
  // The section line names a run-in heading: the text under it starts at the first sentence.
  para(`${item.section.join(' › ')}${badge}`, `${number}. `, indent)
  const body = itemBody(item)
  para(body.segments.map((s) => (s.match ? style.strong(s.text) : s.text)).join(''), indent)
  const speaker = attribution(item)
  if (speaker) para(`— ${speaker}`, indent)
}

/**
 * Each source once, with the numbers of the items that come from it and their links; `raw` writes a line
 * as it is (an address is never wrapped: a broken URL cannot be opened).
 */
function sourceLines(items: AnswerItem[], style: TextStyle, para: Para, raw: (text: string) => void): void {
  const groups = new Map<string, { source: SourceRef; links: Array<{ number: number; link: string }> }>()
  items.forEach((item, index) => {
    const group = groups.get(item.source.documentId) ?? { source: item.source, links: [] }
    if (item.link) group.links.push({ number: index + 1, link: item.link })
    groups.set(item.source.documentId, group)
  })
  for (const { source, links } of groups.values()) {
    raw('')
    para(sourceName(source))
    const { link } = style
    if (link && links.length > 0) {
      const labels = links.map((l) => link(`[${l.number}]`, l.link)).join(' ')
      para(`Liens : ${labels} (« lien ${links[0]?.number} » affiche l’adresse)`)
    } else {
      for (const l of links) raw(`[${l.number}] ${l.link}`)
    }
  }
}

function sourceName(source: SourceRef): string {
  const by = [source.publisher, `« ${source.title} »`].filter(Boolean).join(', ')
  return `Source : ${by}${source.year ? ` (${source.year})` : ''}`
}

/** What a public share shows, as text: the passage, its source and link, who shared it. */
export function renderShare(item: AnswerItem, sharedBy: string, style: TextStyle = PLAIN): string {
  return [
    ...wrap(quoted(item), style.width),
    ...wrap(`— ${sourceName(item.source).replace(/^Source : /, '')}`, style.width),
    ...(item.link ? [item.link] : []),
    `partagé par ${sharedBy}`,
  ].join('\n')
}
