import type {
  Activity,
  ActivityOptions,
  DeskReader,
  DislikedQuestion,
  PeriodOptions,
  UnansweredQuestion,
} from './desk-reader.js'
import { millisOf, rowLimit } from './desk-reader.js'
import type { SqlDatabase, SqlStatement } from './sqlite-driver.js'

/** What the reader needs of the store: a read on the database in use, after what is queued is written. */
export interface SqliteReadable {
  read<T>(query: (db: SqlDatabase) => T): T
}

interface DeskStatements {
  questionsIn: SqlStatement<
    [string, number, number],
    { questions: number; answered: number | null; closest: number }
  >
  votesIn: SqlStatement<[number, number], { helpful: number | null; unhelpful: number | null }>
  commands: SqlStatement<[number, number], { command: string; count: number }>
  firstResults: SqlStatement<[string, number, number], { record_id: string | null; count: number }>
  unanswered: SqlStatement<[string, number, number], { query: string; count: number; last_at: number }>
  disliked: SqlStatement<
    [number, number],
    { record_id: string; down: number; up: number; last_at: number; query: string | null }
  >
}

// Prepared once per database handle (the store opens a new one after a failure).
const prepared = new WeakMap<SqlDatabase, DeskStatements>()

function statementsOf(db: SqlDatabase): DeskStatements {
  let statements = prepared.get(db)
  if (statements) return statements
  statements = {
    questionsIn: db.prepare(
      `SELECT count(*) AS questions, sum(answered) AS answered,
         count(*) FILTER (WHERE outcome = 'closest') AS closest FROM queries
       WHERE command = ? AND at >= ? AND at < ?`,
    ),
    votesIn: db.prepare(
      `SELECT sum(helpful <> 0) AS helpful, sum(helpful = 0) AS unhelpful FROM feedback
       WHERE at >= ? AND at < ?`,
    ),
    commands: db.prepare(
      `SELECT command, count(*) AS count FROM queries WHERE at >= ? AND at < ?
       GROUP BY command ORDER BY count DESC, command`,
    ),
    firstResults: db.prepare(
      `SELECT json_extract(result_ids, '$[0]') AS record_id, count(*) AS count FROM queries
       WHERE command = ? AND answered = 1 AND at >= ? AND at < ?
       GROUP BY record_id ORDER BY count DESC, record_id`,
    ),
    // As in the report: the bare `query` comes from the row holding max(at), the latest wording.
    unanswered: db.prepare(
      `SELECT query, count(*) AS count, max(at) AS last_at FROM queries
       WHERE command = ? AND answered = 0 AND at >= ? AND query_norm <> ''
       GROUP BY query_norm ORDER BY count DESC, last_at DESC, query_norm LIMIT ?`,
    ),
    // The question may have been asked before `since` and judged after it: its text is looked up at any date.
    disliked: db.prepare(
      `SELECT f.record_id, sum(f.helpful = 0) AS down, sum(f.helpful <> 0) AS up, max(f.at) AS last_at,
         (SELECT q.query FROM queries q WHERE q.query_key = f.query_key ORDER BY q.at DESC LIMIT 1) AS query
       FROM feedback f WHERE f.at >= ? AND f.query_key IS NOT NULL
       GROUP BY f.record_id, f.query_key HAVING down > 0 AND query IS NOT NULL
       ORDER BY down DESC, last_at DESC, f.record_id LIMIT ?`,
    ),
  }
  prepared.set(db, statements)
  return statements
}

/** The desk's reads over the bot's SQLite store. */
export function sqliteDeskReader(source: SqliteReadable): DeskReader {
  return {
    async activity(options: ActivityOptions): Promise<Activity> {
      const until = millisOf(options.until, 'until')
      const starts = options.buckets.map((start) => millisOf(start, 'bucket'))
      const from = starts[0] ?? until
      return source.read((db) => {
        const s = statementsOf(db)
        const buckets = starts.map((start, i) => {
          const end = starts[i + 1] ?? until
          const q = s.questionsIn.get(options.questionCommand, start, end)
          const v = s.votesIn.get(start, end)
          const questions = q?.questions ?? 0
          const answered = q?.answered ?? 0
          return {
            start: new Date(start),
            questions,
            answered,
            closest: q?.closest ?? 0,
            refused: questions - answered,
            helpful: v?.helpful ?? 0,
            unhelpful: v?.unhelpful ?? 0,
          }
        })
        return {
          buckets,
          commands: s.commands.all(from, until),
          firstResults: s.firstResults
            .all(options.questionCommand, from, until)
            .flatMap((row) => (row.record_id ? [{ recordId: row.record_id, count: row.count }] : [])),
        }
      })
    },

    async unanswered(options: PeriodOptions): Promise<UnansweredQuestion[]> {
      const since = millisOf(options.since, 'since')
      return source.read((db) =>
        statementsOf(db)
          .unanswered.all(options.questionCommand, since, rowLimit(options.limit))
          .map((row) => ({ query: row.query, count: row.count, lastAt: new Date(row.last_at) })),
      )
    },

    async disliked(options): Promise<DislikedQuestion[]> {
      const since = millisOf(options.since, 'since')
      return source.read((db) =>
        statementsOf(db)
          .disliked.all(since, rowLimit(options.limit))
          .flatMap((row) =>
            row.query
              ? [
                  {
                    query: row.query,
                    recordId: row.record_id,
                    down: row.down,
                    up: row.up,
                    lastAt: new Date(row.last_at),
                  },
                ]
              : [],
          ),
      )
    },
  }
}
