import type {
  Activity,
  ActivityOptions,
  DeskReader,
  DislikedQuestion,
  PeriodOptions,
  UnansweredQuestion,
} from './desk-reader.js'
import { millisOf, rowLimit } from './desk-reader.js'
import type { Queryable } from './postgres-sql.js'

/** What the reader needs of the store: a read on the shared database, after what is queued is written. */
export interface PostgresReadable {
  read<T>(work: (db: Queryable) => Promise<T>): Promise<T>
}

// The same reads as sqlite-desk-reader.ts, in PostgreSQL's dialect: text is ordered byte-wise ("C") as SQLite
// orders it, a bucket's counts come from one statement for all the buckets (one round trip, not two a day).

const BUCKETS = `unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS b(start, finish, i)`

const QUESTIONS_IN = `
  SELECT b.i, count(q.id) AS questions, count(q.id) FILTER (WHERE q.answered = 1) AS answered,
         count(q.id) FILTER (WHERE q.outcome = 'closest') AS closest
  FROM ${BUCKETS}
  LEFT JOIN queries q ON q.command = $3 AND q.at >= b.start AND q.at < b.finish
  GROUP BY b.i ORDER BY b.i`

const VOTES_IN = `
  SELECT b.i, count(f.id) FILTER (WHERE f.helpful <> 0) AS helpful,
         count(f.id) FILTER (WHERE f.helpful = 0) AS unhelpful
  FROM ${BUCKETS}
  LEFT JOIN feedback f ON f.at >= b.start AND f.at < b.finish
  GROUP BY b.i ORDER BY b.i`

const COMMANDS = `
  SELECT command, count(*) AS count FROM queries WHERE at >= $1 AND at < $2
  GROUP BY command ORDER BY count DESC, command COLLATE "C"`

// result_ids is the JSON text both engines write: its first element is the first passage shown.
const FIRST_RESULTS = `
  SELECT result_ids::jsonb ->> 0 AS record_id, count(*) AS count FROM queries
  WHERE command = $1 AND answered = 1 AND at >= $2 AND at < $3
  GROUP BY 1 ORDER BY count DESC, (result_ids::jsonb ->> 0) COLLATE "C"`

// As in the report: the latest wording of the question is shown.
const UNANSWERED = `
  SELECT (array_agg(query ORDER BY at DESC))[1] AS query, count(*) AS count, max(at) AS last_at
  FROM queries WHERE command = $1 AND answered = 0 AND at >= $2 AND query_norm <> ''
  GROUP BY query_norm ORDER BY count DESC, last_at DESC, query_norm COLLATE "C" LIMIT $3`

// The question may have been asked before `since` and judged after it: its text is looked up at any date.
const DISLIKED = `
  SELECT * FROM (
    SELECT f.record_id, count(*) FILTER (WHERE f.helpful = 0) AS down,
           count(*) FILTER (WHERE f.helpful <> 0) AS up, max(f.at) AS last_at,
           (SELECT q.query FROM queries q WHERE q.query_key = f.query_key ORDER BY q.at DESC LIMIT 1) AS query
    FROM feedback f WHERE f.at >= $1 AND f.query_key IS NOT NULL
    GROUP BY f.record_id, f.query_key
  ) votes
  WHERE down > 0 AND query IS NOT NULL
  ORDER BY down DESC, last_at DESC, record_id COLLATE "C" LIMIT $2`

interface BucketRow extends Record<string, unknown> {
  i: number
  questions: number
  answered: number
  closest: number
}

/** The desk's reads over the PostgreSQL store: every instance's rows. */
export function postgresDeskReader(source: PostgresReadable): DeskReader {
  return {
    async activity(options: ActivityOptions): Promise<Activity> {
      const until = millisOf(options.until, 'until')
      const starts = options.buckets.map((start) => millisOf(start, 'bucket'))
      const ends = starts.map((_, i) => starts[i + 1] ?? until)
      const from = starts[0] ?? until
      const command = options.questionCommand
      return source.read(async (db) => {
        const [questions, votes, commands, firstResults] = await Promise.all([
          db.query<BucketRow>(QUESTIONS_IN, [starts, ends, command]),
          db.query<{ i: number; helpful: number; unhelpful: number }>(VOTES_IN, [starts, ends]),
          db.query<{ command: string; count: number }>(COMMANDS, [from, until]),
          db.query<{ record_id: string | null; count: number }>(FIRST_RESULTS, [command, from, until]),
        ])
        return {
          buckets: starts.map((start, index) => {
            const q = questions.rows[index]
            const v = votes.rows[index]
            const asked = q?.questions ?? 0
            const answered = q?.answered ?? 0
            return {
              start: new Date(start),
              questions: asked,
              answered,
              closest: q?.closest ?? 0,
              refused: asked - answered,
              helpful: v?.helpful ?? 0,
              unhelpful: v?.unhelpful ?? 0,
            }
          }),
          commands: commands.rows,
          firstResults: firstResults.rows.flatMap((row) =>
            row.record_id ? [{ recordId: row.record_id, count: row.count }] : [],
          ),
        }
      })
    },

    async unanswered(options: PeriodOptions): Promise<UnansweredQuestion[]> {
      const since = millisOf(options.since, 'since')
      const { rows } = await source.read((db) =>
        db.query<{ query: string; count: number; last_at: number }>(UNANSWERED, [
          options.questionCommand,
          since,
          rowLimit(options.limit),
        ]),
      )
      return rows.map((row) => ({ query: row.query, count: row.count, lastAt: new Date(row.last_at) }))
    },

    async disliked(options): Promise<DislikedQuestion[]> {
      const since = millisOf(options.since, 'since')
      const { rows } = await source.read((db) =>
        db.query<{ record_id: string; down: number; up: number; last_at: number; query: string }>(DISLIKED, [
          since,
          rowLimit(options.limit),
        ]),
      )
      return rows.map((row) => ({
        query: row.query,
        recordId: row.record_id,
        down: row.down,
        up: row.up,
        lastAt: new Date(row.last_at),
      }))
    },
  }
}
