import type { SqlDatabase, SqlStatement } from './sqlite-driver.js'
import type { QueryOutcome } from './store.js'

export interface UnansweredRow {
  query: string
  count: number
  last_at: number
}

export interface UnhelpfulRow {
  record_id: string
  down: number
  up: number
}

export interface UsageRow {
  command: string
  platform: string
  count: number
}

export type OutcomeRow = { command: string } & Record<QueryOutcome, number>

/**
 * What each command's requests got, in both engines' SQL: a row written before the outcome was recorded
 * (NULL) counts as direct when something was shown.
 */
export const OUTCOME_COUNTS = `command,
  count(*) FILTER (WHERE answered = 1 AND coalesce(outcome, 'direct') <> 'closest') AS direct,
  count(*) FILTER (WHERE outcome = 'closest') AS closest,
  count(*) FILTER (WHERE answered = 0) AS refused`

/** Every statement the store runs, prepared once per opened database (again after a reopen). */
export interface Statements {
  db: SqlDatabase
  insertQuery: SqlStatement
  /** One vote per user and passage: a later one replaces it (votes without a user hash are each kept). */
  insertFeedback: SqlStatement
  claimDelivery: SqlStatement<[string, number, number]>
  forgetExpiredClaims: SqlStatement<[number]>
  insertDailyQuote: SqlStatement
  slotTaken: SqlStatement<[string], { found: number }>
  currentRound: SqlStatement<[string], { round: number | null }>
  postedInRound: SqlStatement<[number, string], { record_id: string }>
  unanswered: SqlStatement<[number, number], UnansweredRow>
  unhelpful: SqlStatement<[number, number], UnhelpfulRow>
  unhelpfulQueries: SqlStatement<[string, number, number], { query: string | null }>
  usage: SqlStatement<[number], UsageRow>
  outcomes: SqlStatement<[number], OutcomeRow>
}

export function prepareStatements(db: SqlDatabase): Statements {
  // Rounds are per channel: the slot's part after the date ("slack:C123"), as claim-slot.ts's channelOfSlot.
  const channelOfSlot = "substr(slot, instr(slot, ' ') + 1)"
  return {
    db,
    insertQuery: db.prepare(
      `INSERT INTO queries
         (at, platform, user_hash, command, query, query_norm, query_key, answered, result_ids, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertFeedback: db.prepare(
      `INSERT INTO feedback (at, platform, user_hash, record_id, query_key, helpful) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_hash, record_id) WHERE user_hash IS NOT NULL DO UPDATE SET
         at = excluded.at, platform = excluded.platform, query_key = excluded.query_key, helpful = excluded.helpful`,
    ),
    // Inserted, or taken over from a claim that has expired: one row changed. Alive elsewhere: none.
    claimDelivery: db.prepare(
      `INSERT INTO delivery_claims (id, expires_at) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE delivery_claims.expires_at <= ?`,
    ),
    forgetExpiredClaims: db.prepare('DELETE FROM delivery_claims WHERE expires_at <= ?'),
    insertDailyQuote: db.prepare(
      'INSERT OR IGNORE INTO daily_quotes (slot, record_id, round, at) VALUES (?, ?, ?, ?)',
    ),
    slotTaken: db.prepare('SELECT 1 AS found FROM daily_quotes WHERE slot = ?'),
    currentRound: db.prepare(`SELECT max(round) AS round FROM daily_quotes WHERE ${channelOfSlot} = ?`),
    postedInRound: db.prepare(`SELECT record_id FROM daily_quotes WHERE round = ? AND ${channelOfSlot} = ?`),
    // The bare `query` column comes from the row holding max(at) (SQLite's documented rule): the latest
    // wording of the question is shown.
    unanswered: db.prepare(
      `SELECT query, count(*) AS count, max(at) AS last_at FROM queries
       WHERE answered = 0 AND at >= ? AND query_norm <> ''
       GROUP BY query_norm ORDER BY count DESC, last_at DESC, query_norm LIMIT ?`,
    ),
    unhelpful: db.prepare(
      `SELECT record_id, sum(helpful = 0) AS down, sum(helpful <> 0) AS up FROM feedback
       WHERE at >= ? GROUP BY record_id HAVING down > 0
       ORDER BY down DESC, up ASC, record_id LIMIT ?`,
    ),
    // The question may have been asked before `since` and judged after it: its text is looked up at any date.
    unhelpfulQueries: db.prepare(
      `SELECT (SELECT q.query FROM queries q WHERE q.query_key = f.query_key ORDER BY q.at DESC LIMIT 1) AS query
       FROM feedback f
       WHERE f.record_id = ? AND f.helpful = 0 AND f.at >= ? AND f.query_key IS NOT NULL
       GROUP BY f.query_key ORDER BY count(*) DESC, max(f.at) DESC LIMIT ?`,
    ),
    usage: db.prepare(
      `SELECT command, platform, count(*) AS count FROM queries WHERE at >= ?
       GROUP BY command, platform ORDER BY count DESC, command, platform`,
    ),
    outcomes: db.prepare(
      `SELECT ${OUTCOME_COUNTS} FROM queries WHERE at >= ? GROUP BY command ORDER BY count(*) DESC, command`,
    ),
  }
}
