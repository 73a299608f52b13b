/**
 * Cards this process has posted lately, per channel (or thread) and quote. A click on « Carte » whose upload
 * ended with its outcome unknown (Slack may have shared the file) leaves nothing to tell the clicker, who
 * may click again: within the window, that second click posts nothing. Per process: with several processes
 * behind one Request URL, a click served by another one within the window posts again.
 */

/** How long a card counts as just posted in a place (a repeated click, not a wish to post it again). */
export const RECENT_CARD_WINDOW_MS = 10 * 60_000

export interface RecentCardsOptions {
  windowMs?: number
  /** Most cards remembered at once; the oldest are forgotten first. */
  max?: number
  now?: () => number
}

export class RecentCards {
  // key → when it may be forgotten. Insertion order is expiry order (constant window): eviction reads the front.
  private readonly until = new Map<string, number>()
  private readonly windowMs: number
  private readonly max: number
  private readonly now: () => number

  constructor(options: RecentCardsOptions = {}) {
    this.windowMs = options.windowMs ?? RECENT_CARD_WINDOW_MS
    this.max = options.max ?? 10_000
    this.now = options.now ?? Date.now
  }

  /**
   * Claims a card for a place before it is posted: true when it was not posted there within the window (it
   * now counts as posted), false when it was (or is being posted right now: a double click).
   */
  claim(place: { channel: string; threadTs?: string }, recordId: string): boolean {
    const now = this.now()
    for (const [oldest, expiry] of this.until) {
      if (expiry > now && this.until.size < this.max) break
      this.until.delete(oldest)
    }
    const key = keyOf(place, recordId)
    if (this.until.has(key)) return false
    this.until.set(key, now + this.windowMs)
    return true
  }

  /** Gives a claim back when the card surely did not go out, so that a new click may post it. */
  release(place: { channel: string; threadTs?: string }, recordId: string): void {
    this.until.delete(keyOf(place, recordId))
  }
}

const keyOf = (place: { channel: string; threadTs?: string }, recordId: string) =>
  `${place.channel}\u0000${place.threadTs ?? ''}\u0000${recordId}`
