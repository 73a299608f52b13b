/**
 * What both platforms' edges need against replays and redeliveries: a clock window for signed timestamps and a
 * bounded memory of the deliveries already answered. Slack and Discord sign `timestamp + body`; a captured
 * request stays valid for as long as its timestamp is accepted, so the window bounds how long an id must be
 * remembered.
 */

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

/** Delivery ids seen recently, to act on each once per process; memory stays bounded by `max`. */
export class SeenOnce {
  // id → when it may be forgotten. Insertion order is expiry order (constant ttl), so eviction reads the front.
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
    if (this.seen.has(id)) return false
    this.seen.set(id, now + this.ttlMs)
    return true
  }

  /** Whether an id was offered and is still remembered, without offering it. */
  has(id: string): boolean {
    const expiry = this.seen.get(id)
    return expiry !== undefined && expiry > this.now()
  }

  get size(): number {
    return this.seen.size
  }
}
