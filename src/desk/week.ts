import type { SearchEngine } from '../search/engine.js'
import type { BucketCounts, DeskReader } from '../storage/desk-reader.js'
import { dayLabel, lastDays } from './days.js'
import type { Lang } from './i18n.js'

/** The bot's search: the command whose rows are the questions people typed. */
export const QUESTION_COMMAND = 'recherche'
export const WEEK_DAYS = 7

export interface WeekView {
  days: Array<BucketCounts & { label: string }>
  commands: Array<{ label: string; value: number }>
  /** Questions per job group, by the first passage shown; `undefined` label for passages outside job sections. */
  jobs: Array<{ label: string | undefined; value: number }>
  totals: Omit<BucketCounts, 'start'>
}

/** The last seven days in the desk's time zone: what the charts of the first page show. */
export async function readWeek(
  reader: DeskReader,
  engine: SearchEngine,
  options: { now: Date; timeZone: string; lang: Lang },
): Promise<WeekView> {
  const { starts, until } = lastDays(options.now, WEEK_DAYS, options.timeZone)
  const activity = await reader.activity({ buckets: starts, until, questionCommand: QUESTION_COMMAND })
  const jobs = new Map<string | undefined, number>()
  for (const { recordId, count } of activity.firstResults) {
    // A passage gone since (the corpus changed) is counted outside the jobs rather than dropped.
    const job = engine.records.get(recordId)?.job?.name
    jobs.set(job, (jobs.get(job) ?? 0) + count)
  }
  const sum = (pick: (b: BucketCounts) => number) => activity.buckets.reduce((total, b) => total + pick(b), 0)
  return {
    days: activity.buckets.map((b) => ({ ...b, label: dayLabel(b.start, options.timeZone, options.lang) })),
    commands: activity.commands.map((c) => ({ label: c.command || '—', value: c.count })),
    jobs: [...jobs]
      .map(([label, value]) => ({ label, value }))
      .sort((a, b) => Number(a.label === undefined) - Number(b.label === undefined) || b.value - a.value),
    totals: {
      questions: sum((b) => b.questions),
      answered: sum((b) => b.answered),
      closest: sum((b) => b.closest),
      refused: sum((b) => b.refused),
      helpful: sum((b) => b.helpful),
      unhelpful: sum((b) => b.unhelpful),
    },
  }
}
