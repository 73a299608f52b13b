import { StorageError } from './errors.js'
import { clipQuery, isUserHash, normalizeQuery, queryKeyOf } from './keys.js'
import type { FeedbackEvent, QueryEvent, QueryOutcome } from './store.js'

/** Both engines write the same rows, built here: what is kept of an event, checked before it is queued. */

const MAX_ID_LENGTH = 200
const QUERY_KEY_PATTERN = /^[0-9a-f]{6,64}$/

export interface PendingRow {
  table: 'queries' | 'feedback'
  values: unknown[]
}

const OUTCOMES: ReadonlySet<string> = new Set<QueryOutcome>(['direct', 'closest', 'refused'])

/** queries: at, platform, user_hash, command, query, query_norm, query_key, answered, result_ids, outcome. */
export function queryRow(event: QueryEvent): { row: PendingRow; key: string } {
  // Checked before it is queued: a value the column's CHECK refuses would fail the whole batch, every time.
  if (!OUTCOMES.has(event.outcome))
    throw new StorageError('STORAGE_OUTCOME_INVALID', 'outcome must be direct, closest or refused')
  const query = clipQuery(event.query)
  const key = queryKeyOf(query)
  return {
    key,
    row: {
      table: 'queries',
      values: [
        toMillis(event.at),
        event.platform,
        checkUserHash(event.userHash),
        event.command.trim().slice(0, MAX_ID_LENGTH),
        query,
        normalizeQuery(query),
        key,
        event.outcome === 'refused' ? 0 : 1,
        resultIdsJson(event.resultIds),
        event.outcome,
      ],
    },
  }
}

/** feedback: at, platform, user_hash, record_id, query_key, helpful. */
export function feedbackRow(event: FeedbackEvent): PendingRow {
  // The key comes back from a button payload: anything that is not one of ours is dropped, not stored.
  const queryKey =
    event.queryKey !== undefined && QUERY_KEY_PATTERN.test(event.queryKey) ? event.queryKey : null
  return {
    table: 'feedback',
    values: [
      toMillis(event.at),
      event.platform,
      checkUserHash(event.userHash),
      event.recordId.slice(0, MAX_ID_LENGTH),
      queryKey,
      event.helpful ? 1 : 0,
    ],
  }
}

/** The votes of a batch as one statement may write them: a later vote of the same user on a passage wins. */
export function lastVotes(rows: readonly PendingRow[]): PendingRow[] {
  const byVoter = new Map<string, PendingRow>()
  const anonymous: PendingRow[] = []
  for (const row of rows) {
    const [, , userHash, recordId] = row.values
    if (userHash === null) anonymous.push(row)
    else {
      const key = `${userHash}\0${recordId}`
      byVoter.delete(key)
      byVoter.set(key, row)
    }
  }
  return [...anonymous, ...byVoter.values()]
}

// The same list (a cached answer's) comes back at every hit: serialised once.
const serialisedIds = new WeakMap<readonly string[], string>()
function resultIdsJson(ids: readonly string[]): string {
  let json = serialisedIds.get(ids)
  if (json === undefined) {
    json = JSON.stringify(ids.map((id) => id.slice(0, MAX_ID_LENGTH)))
    serialisedIds.set(ids, json)
  }
  return json
}

function toMillis(at: Date | undefined): number {
  const ms = at?.getTime()
  return ms !== undefined && Number.isFinite(ms) ? ms : Date.now()
}

function checkUserHash(userHash: string | undefined): string | null {
  if (userHash === undefined) return null
  // The message never repeats the value: it may be the very id that must not be written anywhere.
  if (!isUserHash(userHash))
    throw new StorageError(
      'STORAGE_USER_HASH_INVALID',
      'userHash is not a hashUser() result (32 lowercase hex characters); raw user ids are never stored',
    )
  return userHash
}
