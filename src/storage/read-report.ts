import type { Statements } from './statements.js'
import type { Platform, Report, ReportOptions } from './store.js'

const DEFAULT_REPORT_LIMIT = 20
const MAX_REPORT_LIMIT = 1_000
/** Questions listed under each unhelpful passage. */
const QUERIES_PER_PASSAGE = 3

/** The report's bounds, the same on both engines; a date that is not one is refused. */
export function reportLimits(options: ReportOptions): { limit: number; queriesPerPassage: number } {
  if (!Number.isFinite(options.since.getTime())) throw new RangeError('report: since is not a valid date')
  const limit = Math.min(MAX_REPORT_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_REPORT_LIMIT)))
  return { limit, queriesPerPassage: QUERIES_PER_PASSAGE }
}

/** What npm run report prints: unanswered questions, unhelpful passages with their questions, usage. */
export function readReport(statements: Statements, options: ReportOptions): Report {
  const { limit } = reportLimits(options)
  const since = options.since.getTime()
  return {
    since: options.since,
    unanswered: statements.unanswered.all(since, limit).map((row) => ({
      query: row.query,
      count: row.count,
      lastAt: new Date(row.last_at),
    })),
    unhelpful: statements.unhelpful.all(since, limit).map((row) => ({
      recordId: row.record_id,
      down: row.down,
      up: row.up,
      queries: statements.unhelpfulQueries
        .all(row.record_id, since, QUERIES_PER_PASSAGE)
        .flatMap((q) => (q.query === null || q.query === '' ? [] : [q.query])),
    })),
    usage: statements.usage.all(since).map((row) => ({
      command: row.command,
      platform: row.platform as Platform,
      count: row.count,
    })),
    outcomes: statements.outcomes.all(since).map(({ command, direct, closest, refused }) => ({
      command,
      direct,
      closest,
      refused,
    })),
  }
}
