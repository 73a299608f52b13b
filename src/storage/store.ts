/**
 * What the bot remembers, one contract for two engines: SQLite (embedded, the default) and PostgreSQL (one
 * database shared by several instances). User ids never reach a store: callers pass `userHash` (salted hash,
 * see hashUser). Rows of usage and feedback are queued and written in the background (never awaited by an
 * answer); what needs the database's word — a claim, the daily quote's slot, a report — is asynchronous.
 */

export type Platform = 'slack' | 'discord' | 'console' | 'cli'

/**
 * What a request got: passages that answer it (`direct`), the article's closest passages to a question it
 * does not quite answer (`closest`, « Le plus proche dans l'article »), or nothing to show (`refused`, a
 * coverage gap worth reporting). Commands other than the search are `direct` or `refused`.
 */
export type QueryOutcome = 'direct' | 'closest' | 'refused'

export interface QueryEvent {
  platform: Platform
  userHash?: string
  /** Command name: recherche, citation, metiers, sources, parcours, aide, or an action (more, share…). */
  command: string
  /** The question as typed (trimmed, at most 500 characters kept). Empty for commands without text. */
  query: string
  outcome: QueryOutcome
  resultIds: string[]
  at?: Date
}

export interface FeedbackEvent {
  platform: Platform
  userHash?: string
  recordId: string
  /** Key of the question the passage answered (queryKey), when the button carried it. */
  queryKey?: string
  helpful: boolean
  at?: Date
}

export interface ReportOptions {
  since: Date
  limit?: number
}

export interface Report {
  since: Date
  /** The refused requests (nothing shown); a closest answer is an answer, so it is not listed here. */
  unanswered: Array<{ query: string; count: number; lastAt: Date }>
  unhelpful: Array<{ recordId: string; down: number; up: number; queries: string[] }>
  usage: Array<{ command: string; platform: Platform; count: number }>
  /**
   * Per command, most used first: what its requests got. Rows written before the outcome was recorded
   * (schema version 3) count as `direct` when something was shown.
   */
  outcomes: Array<{ command: string } & Record<QueryOutcome, number>>
}

/** Whether what the bot records is being written (shown on /healthz, without paths). */
export interface StoreHealth {
  state: 'ok' | 'degraded' | 'off'
  /** Why writes fail ("read-only", "disk full", "database file deleted or replaced"…). */
  problem?: string
  since?: Date
  /** Rows waiting to be written. */
  pending?: number
}

/** What reads the statistics (npm run report, and any page that shows them): the same on both engines. */
export interface StoreReader {
  /** Writes what is queued first, so the report includes the last questions. */
  report(options: ReportOptions): Promise<Report>
}

export interface Store extends StoreReader {
  readonly engine: 'sqlite' | 'postgres'
  /** Records a question and what it answered; returns the question's key (stable for the same text). */
  recordQuery(event: QueryEvent): string
  /**
   * Records a 👍 or 👎. One vote per user and passage: a user's later vote on the same passage replaces the
   * earlier one, so repeated clicks count once (votes without a user hash are counted each).
   */
  recordFeedback(event: FeedbackEvent): void
  /**
   * Picks the daily quote for a slot ("2026-11-26 slack:C123"), in one transaction: a quote not yet posted
   * in the channel's current round (the channel is the part after the date; a round ends once every id in
   * `candidates` has been posted there), recorded as posted.
   * Resolves undefined when the slot was already claimed (by this process before a restart, or by another
   * process): then nothing must be posted. Rejects when the database cannot say: nothing must be posted
   * either.
   */
  pickDailyQuote(slot: string, candidates: string[], random: () => number): Promise<string | undefined>
  /**
   * Claims a delivery id (a Slack event_id or trigger_id, a Discord interaction id) for `ttlMs`, shared by
   * every process on the database: true for the first claim, false while another claim of it is alive.
   * Rejects when the database cannot say (unreachable, or degraded: it does not wait for it then).
   */
  claimDelivery(id: string, ttlMs: number): Promise<boolean>
  /** Writes what is queued now; never rejects (a failed batch is retried). */
  flush(): Promise<void>
  /** Absent: the store cannot tell (it is then reported as ok). */
  health?(): StoreHealth
  /** Writes what is queued (a last try) and closes the database. */
  close(): Promise<void>
}
