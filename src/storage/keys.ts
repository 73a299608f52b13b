import { createHmac, hash } from 'node:crypto'
import type { Platform } from './store.js'

/** Longest question kept, in characters (code points). */
export const MAX_QUERY_LENGTH = 500

const USER_HASH_LENGTH = 32
const QUERY_KEY_LENGTH = 12
const USER_HASH_PATTERN = new RegExp(`^[0-9a-f]{${USER_HASH_LENGTH}}$`)

/**
 * The only form in which a user reaches storage. Keyed by a secret salt so the hash cannot be reversed by
 * hashing every known Slack or Discord id; the platform is part of the input because ids of the two
 * platforms can collide.
 */
export function hashUser(salt: string, platform: Platform, userId: string): string {
  return createHmac('sha256', salt).update(`${platform}\0${userId}`).digest('hex').slice(0, USER_HASH_LENGTH)
}

/** hashUser for one salt, remembering each user's hash: one HMAC per user rather than per request. */
export function userHasher(salt: string): (platform: Platform, userId: string) => string {
  const hashes = new Map<string, string>()
  return (platform, userId) => memo(hashes, `${platform}\0${userId}`, () => hashUser(salt, platform, userId))
}

/** True for what hashUser returns: lets the store refuse anything that could be a raw id. */
export function isUserHash(value: string): boolean {
  return USER_HASH_PATTERN.test(value)
}

/** The question as stored: trimmed and cut to MAX_QUERY_LENGTH without splitting a character. */
export function clipQuery(query: string): string {
  const trimmed = query.trim()
  if (trimmed.length <= MAX_QUERY_LENGTH) return trimmed
  return Array.from(trimmed).slice(0, MAX_QUERY_LENGTH).join('').trimEnd()
}

/**
 * What makes two questions "the same" for grouping: case, spacing, typographic apostrophes and the final
 * punctuation (French puts a space before "?") do not count.
 */
export function normalizeQuery(query: string): string {
  return memo(normalizedQueries, query, () =>
    clipQuery(query)
      .normalize('NFC')
      .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
      .replace(/\s+/g, ' ')
      .toLowerCase()
      .replace(/[\s?!.\u2026]+$/u, ''),
  )
}

/** Short, stable key of a question, small enough for a button's payload (Discord custom_id ≤ 100). */
export function queryKeyOf(query: string): string {
  // The one-shot hash: a third of createHash's cost, and every distinct question pays it.
  return memo(queryKeys, query, () => hash('sha256', normalizeQuery(query), 'hex').slice(0, QUERY_KEY_LENGTH))
}

// Popular questions come back all day: their key is computed once (a hash per request showed under load).
const queryKeys = new Map<string, string>()
const normalizedQueries = new Map<string, string>()
const MEMO_SIZE = 10_000

function memo(cache: Map<string, string>, input: string, compute: () => string): string {
  let value = cache.get(input)
  if (value === undefined) {
    if (cache.size >= MEMO_SIZE) cache.clear()
    value = compute()
    cache.set(input, value)
  }
  return value
}
