/**
 * What the editor's desk (src/desk) reads from what the bot recorded: a week's activity, the questions that
 * found nothing and those whose passage got 👎. Asynchronous so that a store over the network (PostgreSQL)
 * implements it as well as SQLite; SQLite's is `sqliteDeskReader`.
 */

export interface ActivityOptions {
  /** Start of each bucket (a day in the desk's time zone), ascending; a bucket ends where the next starts. */
  buckets: readonly Date[]
  /** End of the last bucket. */
  until: Date
  /** The command whose rows are the questions people typed (the bot's search: `recherche`). */
  questionCommand: string
}

export interface BucketCounts {
  start: Date
  /** Rows of `questionCommand`. */
  questions: number
  /** Of those, answered with at least one passage: directly, or with the closest passages. */
  answered: number
  /**
   * Of the answered, those given « Le plus proche dans l'article » rather than a direct answer (questions
   * recorded before the store kept the outcome count as direct).
   */
  closest: number
  /** Of the questions, those that found nothing (refused). */
  refused: number
  /** 👍 and 👎 given in the bucket (on any passage, whenever it was shown). */
  helpful: number
  unhelpful: number
}

export interface Activity {
  buckets: BucketCounts[]
  /** Every recorded row of the period (questions, buttons, shares) by command, most used first. */
  commands: Array<{ command: string; count: number }>
  /** The first passage shown for each answered question of the period: what it was about (its job, section). */
  firstResults: Array<{ recordId: string; count: number }>
}

export interface PeriodOptions {
  since: Date
  /** At most this many rows, most frequent first. */
  limit: number
  questionCommand: string
}

export interface UnansweredQuestion {
  /** The latest wording of the question (questions that differ only in case or spacing are one). */
  query: string
  count: number
  lastAt: Date
}

export interface DislikedQuestion {
  /** The question the passage was shown for (a vote without one is not listed). */
  query: string
  recordId: string
  down: number
  up: number
  lastAt: Date
}

export interface DeskReader {
  activity(options: ActivityOptions): Promise<Activity>
  unanswered(options: PeriodOptions): Promise<UnansweredQuestion[]>
  disliked(options: Omit<PeriodOptions, 'questionCommand'>): Promise<DislikedQuestion[]>
}

/** At most this many rows of a list, whatever the page asks. */
const MAX_ROWS = 1_000

/** Both readers' bounds on a list: 1 to MAX_ROWS rows. */
export const rowLimit = (limit: number) => Math.min(MAX_ROWS, Math.max(1, Math.floor(limit)))

/** A date as the stores keep it (ms since the epoch); an invalid one is refused rather than read everything. */
export function millisOf(date: Date, name: string): number {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) throw new RangeError(`desk: ${name} is not a valid date`)
  return ms
}
