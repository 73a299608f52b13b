/**
 * What the bot remembers, behind an interface so another engine can replace SQLite. User ids never reach a
 * store: callers pass `userHash` (salted hash, see hashUser in this folder's implementation).
 */

export type Platform = 'slack' | 'discord' | 'console' | 'cli'

export interface QueryEvent {
  platform: Platform
  userHash?: string
  /** Command name: recherche, citation, metiers, sources, parcours, aide, or an action (more, share…). */
  command: string
  /** The question as typed (trimmed, at most 500 characters kept). Empty for commands without text. */
  query: string
  /** False when the answer had nothing to show (a coverage gap worth reporting). */
  answered: boolean
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
  unanswered: Array<{ query: string; count: number; lastAt: Date }>
  unhelpful: Array<{ recordId: string; down: number; up: number; queries: string[] }>
  usage: Array<{ command: string; platform: Platform; count: number }>
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

export interface Store {
  /** Records a question and what it answered; returns the question's key (stable for the same text). */
  recordQuery(event: QueryEvent): string
  recordFeedback(event: FeedbackEvent): void
  /**
   * Picks the daily quote for a slot ("2026-11-26 slack:C123"), in one transaction: a quote not yet posted
   * in the channel's current round (the channel is the part after the date; a round ends once every id in
   * `candidates` has been posted there), recorded as posted.
   * Returns undefined when the slot was already claimed (by this process before a restart, or by another
   * process): then nothing must be posted.
   */
  pickDailyQuote(slot: string, candidates: string[], random: () => number): string | undefined
  report(options: ReportOptions): Report
  /** Absent: the store cannot tell (it is then reported as ok). */
  health?(): StoreHealth
  close(): void
}
