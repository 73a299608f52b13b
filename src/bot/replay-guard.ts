/**
 * What both platforms' edges need against replays and redeliveries: a clock window for signed timestamps and a
 * bounded memory of the deliveries already answered. Slack and Discord sign `timestamp + body`; a captured
 * request stays valid for as long as its timestamp is accepted, so the window bounds how long an id must be
 * remembered.
 */

import { createHash } from 'node:crypto'

/** How far a signed request's timestamp may be from this machine's clock, in either direction. */
export const REPLAY_WINDOW_SECONDS = 300

/**
 * Whether a signature timestamp header (Unix seconds, digits only) is within the replay window. Milliseconds,
 * decimals, signs and words are refused: Slack and Discord send whole seconds.
 */
export function isFreshTimestamp(header: string | undefined, nowMs = Date.now()): boolean {
  if (header === undefined || !/^\d{1,11}$/.test(header)) return false
  return Math.abs(Number(header) - nowMs / 1000) <= REPLAY_WINDOW_SECONDS
}

export interface SeenOnceOptions {
  /** Most ids remembered at once; the oldest are forgotten first (default 50,000, a few MB at most). */
  max?: number
  /**
   * How long an id is remembered (default 10 minutes: twice the replay window, which also covers Slack's
   * last redelivery of an event, about 5 minutes after the first).
   */
  ttlMs?: number
  now?: () => number
}

/**
 * What is remembered of an id: its SHA-256, never the id itself. An id read from a form body is a slice of
 * that body, and V8 keeps the whole body alive for as long as any slice of it is: remembering 50,000 trigger
 * ids of 1 MB slash commands for 10 minutes kept every one of those bodies (RSS +220 MB for each 225). A
 * digest is a string of its own, 43 characters whatever the id's length.
 */
export function rememberedForm(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/** Delivery ids seen recently, to act on each once per process; memory stays bounded by `max`. */
export class SeenOnce {
  // digest of an id → when it may be forgotten. Insertion order is expiry order (constant ttl), so eviction
  // reads the front.
  private readonly seen = new Map<string, number>()
  private readonly max: number
  private readonly ttlMs: number
  private readonly now: () => number

  constructor(options: SeenOnceOptions = {}) {
    this.max = options.max ?? 50_000
    this.ttlMs = options.ttlMs ?? 2 * REPLAY_WINDOW_SECONDS * 1000
    this.now = options.now ?? Date.now
  }

  /** True the first time an id is offered (it is then remembered), false for a repeat. */
  first(id: string): boolean {
    const now = this.now()
    for (const [oldest, expiry] of this.seen) {
      if (expiry > now && this.seen.size < this.max) break
      this.seen.delete(oldest)
    }
    const key = rememberedForm(id)
    if (this.seen.has(key)) return false
    this.seen.set(key, now + this.ttlMs)
    return true
  }

  /** Whether an id was offered and is still remembered, without offering it. */
  has(id: string): boolean {
    const expiry = this.seen.get(rememberedForm(id))
    return expiry !== undefined && expiry > this.now()
  }

  /** What is held, for tests: digests, never the ids offered. */
  remembered(): IterableIterator<string> {
    return this.seen.keys()
  }

  get size(): number {
    return this.seen.size
  }
}
