import { type AnswerItem, attribution, EXPOSURE_LABELS, type JobRef } from '../../../answers/answer.js'
import { itemBody } from '../../../answers/item-body.js'
import { escapeAndFit, link, type Run, runsToMrkdwn, truncateRaw } from '../mrkdwn.js'
import { context, type KnownBlock, mrkdwnSection } from './blocks.js'

export const badge = (job: JobRef): string => {
  const label = EXPOSURE_LABELS[job.exposure]
  return label ? `${label.emoji} ${label.fr}` : ''
}

/** The item's text without a run-in heading (the bold section path above shows it), matches in bold. */
function itemRuns(item: AnswerItem): Run[] {
  // Quote texts carry their own guillemets and reporting clause (« … », explique un restaurateur).
  return itemBody(item).segments.map((s) => ({ text: s.text, bold: s.match }))
}

export function sourceLine(item: AnswerItem): string {
  const { source } = item
  const details = [source.publisher, source.year ? String(source.year) : '']
    .filter((d) => d !== '')
    .join(', ')
  const target = typeof item.link === 'string' && item.link !== '' ? item.link : source.url
  return `Source : ${link(target, truncateRaw(source.title || target, 300))}${details ? ` — ${escapeAndFit(details, 200)}` : ''}`
}

export function itemBlocks(item: AnswerItem, textMax: number): KnownBlock[] {
  const path = item.section.filter((s) => s.trim() !== '').join(' › ')
  const head = [path ? `*${escapeAndFit(path, 300)}*` : '', item.job ? badge(item.job) : '']
    .filter((s) => s !== '')
    .join('  ·  ')
  const who = attribution(item)
  const speaker = who ? `— ${escapeAndFit(who, 200)}` : ''
  const frame = (head ? head.length + 1 : 0) + (speaker ? speaker.length + 1 : 0)
  const body = runsToMrkdwn(itemRuns(item), Math.max(1, textMax - frame))
  const text = [head, body, speaker].filter((s) => s !== '').join('\n')
  return [mrkdwnSection(text), context(sourceLine(item))]
}
