import type { ClientBase } from 'pg'
import { chooseQuote } from './claim-slot.js'
import { MIGRATIONS, type Migration, schemaTooNew, VERSION_TABLE } from './migrations.js'
import { lastVotes, type PendingRow } from './rows.js'
import { OUTCOME_COUNTS, type OutcomeRow } from './statements.js'
import type { Platform, Report, ReportOptions } from './store.js'

/** What the PostgreSQL store runs, statement by statement (the SQLite store's statements.ts, in this dialect). */

/** Anything that runs a query: the pool or one client of it. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>
}

// Every instance migrating at once waits on this lock: one runs the migrations, the others find them done.
const MIGRATION_LOCK = 7_316_020_501

/** Brings the database to the latest version, in one transaction; returns that version. */
export async function migratePostgres(
  client: ClientBase,
  where: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`,
    )
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${VERSION_TABLE}`,
    )
    const current = rows[0]?.version ?? 0
    if (current > latest) throw schemaTooNew(where, current, latest)
    for (const migration of migrations) {
      if (migration.version <= current) continue
      await client.query(migration.postgres)
      await client.query(`INSERT INTO ${VERSION_TABLE} (version, applied_at) VALUES ($1, $2)`, [
        migration.version,
        Date.now(),
      ])
    }
    await client.query('COMMIT')
    return latest
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** The salt every instance uses: DATA_SALT when given, else the one the first instance kept in `settings`. */
export async function sharedSalt(db: Queryable, generated: string): Promise<string> {
  await db.query(`INSERT INTO settings (name, value) VALUES ('salt', $1) ON CONFLICT (name) DO NOTHING`, [
    generated,
  ])
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE name = 'salt'`)
  const salt = rows[0]?.value
  if (!salt) throw new Error('the salt could not be read back from the settings table')
  return salt
}

// Rows per INSERT: 10 parameters each stays far below PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 500

function valuesList(rows: readonly PendingRow[], width: number): { sql: string; values: unknown[] } {
  const values: unknown[] = []
  const tuples = rows.map((row) => {
    const start = values.length
    values.push(...row.values)
    return `(${Array.from({ length: width }, (_, i) => `$${start + i + 1}`).join(', ')})`
  })
  return { sql: tuples.join(', '), values }
}

/** Writes a batch inside the caller's transaction. */
export async function insertRows(client: Queryable, rows: readonly PendingRow[]): Promise<void> {
  const queries = rows.filter((row) => row.table === 'queries')
  // A statement may not update the same row twice: a batch's repeated votes are settled here first.
  const votes = lastVotes(rows.filter((row) => row.table === 'feedback'))
  for (let i = 0; i < queries.length; i += ROWS_PER_STATEMENT) {
    const { sql, values } = valuesList(queries.slice(i, i + ROWS_PER_STATEMENT), 10)
    await client.query(
      `INSERT INTO queries
         (at, platform, user_hash, command, query, query_norm, query_key, answered, result_ids, outcome)
       VALUES ${sql}`,
      values,
    )
  }
  for (let i = 0; i < votes.length; i += ROWS_PER_STATEMENT) {
    const { sql, values } = valuesList(votes.slice(i, i + ROWS_PER_STATEMENT), 6)
    await client.query(
      `INSERT INTO feedback (at, platform, user_hash, record_id, query_key, helpful) VALUES ${sql}
       ON CONFLICT (user_hash, record_id) WHERE user_hash IS NOT NULL DO UPDATE SET
         at = EXCLUDED.at, platform = EXCLUDED.platform, query_key = EXCLUDED.query_key, helpful = EXCLUDED.helpful`,
      values,
    )
  }
}

/** Inserted, or taken over from an expired claim: one row. Alive elsewhere: none. */
export async function claimDelivery(db: Queryable, id: string, ttlMs: number): Promise<boolean> {
  const now = Date.now()
  const { rowCount } = await db.query(
    `INSERT INTO delivery_claims (id, expires_at) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE delivery_claims.expires_at <= $3`,
    [id, now + ttlMs, now],
  )
  return rowCount === 1
}

const CHANNEL_OF_SLOT = "substr(slot, strpos(slot, ' ') + 1)"

/** The daily quote's claim, inside the caller's transaction (see claim-slot.ts for SQLite's). */
export async function claimSlotPostgres(
  client: Queryable,
  slot: string,
  channel: string,
  candidates: string[],
  random: () => number,
): Promise<string | undefined> {
  // Two instances picking for the same channel wait on each other: the second then finds the slot taken.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ia-cinema daily quote ${channel}`])
  const taken = await client.query('SELECT 1 FROM daily_quotes WHERE slot = $1', [slot])
  if (taken.rows.length > 0) return undefined
  const current = await client.query<{ round: number | null }>(
    `SELECT max(round) AS round FROM daily_quotes WHERE ${CHANNEL_OF_SLOT} = $1`,
    [channel],
  )
  const round = current.rows[0]?.round ?? 1
  const posted = await client.query<{ record_id: string }>(
    `SELECT record_id FROM daily_quotes WHERE round = $1 AND ${CHANNEL_OF_SLOT} = $2`,
    [round, channel],
  )
  const choice = chooseQuote(candidates, round, new Set(posted.rows.map((row) => row.record_id)), random)
  if (!choice) return undefined
  const inserted = await client.query(
    'INSERT INTO daily_quotes (slot, record_id, round, at) VALUES ($1, $2, $3, $4) ON CONFLICT (slot) DO NOTHING',
    [slot, choice.chosen, choice.round, Date.now()],
  )
  return inserted.rowCount === 1 ? choice.chosen : undefined
}

/** The report, as read-report.ts reads it from SQLite; text is ordered byte-wise ("C") as SQLite does. */
export async function readReportPostgres(
  db: Queryable,
  options: ReportOptions,
  limits: { limit: number; queriesPerPassage: number },
): Promise<Report> {
  const since = options.since.getTime()
  const [unanswered, unhelpful, usage, outcomes] = await Promise.all([
    db.query<{ query: string; count: number; last_at: number }>(
      `SELECT (array_agg(query ORDER BY at DESC))[1] AS query, count(*)::int AS count, max(at) AS last_at
       FROM queries WHERE answered = 0 AND at >= $1 AND query_norm <> ''
       GROUP BY query_norm ORDER BY count DESC, last_at DESC, query_norm COLLATE "C" LIMIT $2`,
      [since, limits.limit],
    ),
    db.query<{ record_id: string; down: number; up: number }>(
      `SELECT record_id, count(*) FILTER (WHERE helpful = 0)::int AS down,
              count(*) FILTER (WHERE helpful <> 0)::int AS up
       FROM feedback WHERE at >= $1 GROUP BY record_id HAVING count(*) FILTER (WHERE helpful = 0) > 0
       ORDER BY down DESC, up ASC, record_id COLLATE "C" LIMIT $2`,
      [since, limits.limit],
    ),
    db.query<{ command: string; platform: string; count: number }>(
      `SELECT command, platform, count(*)::int AS count FROM queries WHERE at >= $1
       GROUP BY command, platform ORDER BY count DESC, command COLLATE "C", platform COLLATE "C"`,
      [since],
    ),
    db.query<OutcomeRow>(
      `SELECT ${OUTCOME_COUNTS} FROM queries WHERE at >= $1
       GROUP BY command ORDER BY count(*) DESC, command COLLATE "C"`,
      [since],
    ),
  ])
  const queriesOf = async (recordId: string) => {
    // The question may have been asked before `since` and judged after it: its text is looked up at any date.
    const { rows } = await db.query<{ query: string | null }>(
      `SELECT (SELECT q.query FROM queries q WHERE q.query_key = f.query_key ORDER BY q.at DESC LIMIT 1) AS query
       FROM feedback f
       WHERE f.record_id = $1 AND f.helpful = 0 AND f.at >= $2 AND f.query_key IS NOT NULL
       GROUP BY f.query_key ORDER BY count(*) DESC, max(f.at) DESC LIMIT $3`,
      [recordId, since, limits.queriesPerPassage],
    )
    return rows.flatMap((q) => (q.query === null || q.query === '' ? [] : [q.query]))
  }
  return {
    since: options.since,
    unanswered: unanswered.rows.map((row) => ({
      query: row.query,
      count: row.count,
      lastAt: new Date(Number(row.last_at)),
    })),
    unhelpful: await Promise.all(
      unhelpful.rows.map(async (row) => ({
        recordId: row.record_id,
        down: row.down,
        up: row.up,
        queries: await queriesOf(row.record_id),
      })),
    ),
    usage: usage.rows.map((row) => ({
      command: row.command,
      platform: row.platform as Platform,
      count: row.count,
    })),
    outcomes: outcomes.rows.map(({ command, direct, closest, refused }) => ({
      command,
      direct,
      closest,
      refused,
    })),
  }
}
