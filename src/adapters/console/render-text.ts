import { type Answer, type AnswerItem, attribution, EXPOSURE_LABELS, quoted } from '../../answers/answer.js'

export interface TextStyle {
  /** Wraps matched words (ANSI bold on a terminal; nothing when piped, so the text stays verbatim). */
  strong: (text: string) => string
}

export const PLAIN: TextStyle = { strong: (text) => text }
export const ANSI: TextStyle = { strong: (text) => `\u001b[1m${text}\u001b[22m` }

/** An Answer as plain text for a terminal: numbered items, their section, source and link. */
export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  const out: string[] = [answer.title]
  if (answer.notice) out.push(`(${answer.notice})`)
  for (const line of answer.lines) out.push(line)
  if (answer.jobs.length > 0) {
    out.push(
      answer.jobs
        .map(
          (j) =>
            `${EXPOSURE_LABELS[j.exposure].emoji} ${j.name} : ${EXPOSURE_LABELS[j.exposure].fr.toLowerCase()}`,
        )
        .join(' · '),
    )
  }
  answer.items.forEach((item, index) => {
    out.push('', ...renderItem(item, index + 1, style))
  })
  if (answer.jobMap && answer.jobMap.length > 0) {
    out.push('')
    for (const entry of answer.jobMap) {
      out.push(
        `${EXPOSURE_LABELS[entry.exposure].emoji} ${entry.name} — ${EXPOSURE_LABELS[entry.exposure].fr.toLowerCase()}`,
      )
      out.push(`   ${entry.summary}`)
    }
  }
  for (const source of answer.sources ?? []) {
    out.push(
      '',
      `« ${source.source.title} », ${source.source.publisher}, ${source.source.year}`,
      `   ${source.source.url}`,
    )
    out.push(`   ${source.passages} passages et ${source.quotes} citations`)
    for (const study of source.studies)
      out.push(
        `   Étude citée : ${study.publisher}, « ${study.title} »${study.date ? ` (${study.date})` : ''}`,
      )
  }
  if (answer.suggestions.length > 0) out.push('', `Essayez : ${answer.suggestions.join(', ')}`)
  if (answer.examples.length > 0) out.push('', `Exemples : ${answer.examples.join(' · ')}`)
  return out.join('\n')
}

function renderItem(item: AnswerItem, number: number, style: TextStyle): string[] {
  const badge = item.job
    ? `  ${EXPOSURE_LABELS[item.job.exposure].emoji} ${EXPOSURE_LABELS[item.job.exposure].fr}`
    : ''
  const text = item.segments.map((s) => (s.match ? style.strong(s.text) : s.text)).join('')
  const lines = [`${number}. ${item.section.join(' › ')}${badge}`, `   ${text}`]
  const speaker = attribution(item)
  if (speaker) lines.push(`   — ${speaker}`)
  lines.push(`   Source : ${item.source.publisher}, « ${item.source.title} » (${item.source.year})`)
  if (item.link) lines.push(`   ${item.link}`)
  return lines
}

/** What a public share shows, as text. */
export function renderShare(item: AnswerItem, sharedBy: string): string {
  return `${quoted(item)}\n— ${item.source.publisher}, « ${item.source.title} » (${item.source.year}) ${item.link}\npartagé par ${sharedBy}`
}
