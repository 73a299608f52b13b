import { EXPOSURE_LABELS, type Exposure, type JobEntry } from '../../../answers/answer.js'
import { escapeAndFit } from '../mrkdwn.js'
import { fitLines, type KnownBlock, LIMITS, mrkdwnSection } from './blocks.js'
import { badge } from './item.js'

const EXPOSURE_ORDER: Exposure[] = ['menacé', 'évolue', 'résiste']

export function jobLines(jobs: JobEntry[], max: number): string {
  const lines = jobs.map((job) => {
    const summary = job.summary ? `\n${escapeAndFit(job.summary, 500)}` : ''
    return `${badge(job)} — *${escapeAndFit(job.name, 200)}*${summary}`
  })
  return fitLines(lines, max, '\n\n')
}

export function jobMapBlocks(map: JobEntry[]): KnownBlock[] {
  return EXPOSURE_ORDER.flatMap((exposure) => {
    const group = map.filter((job) => job.exposure === exposure)
    const label = EXPOSURE_LABELS[exposure]
    if (group.length === 0 || !label) return []
    const lines = group.map((job) => {
      const summary = job.summary ? ` — ${escapeAndFit(job.summary, 300)}` : ''
      return `• *${escapeAndFit(job.name, 200)}*${summary}`
    })
    return [mrkdwnSection(fitLines([`${label.emoji} *${label.fr}*`, ...lines], LIMITS.sectionText))]
  })
}
