/**
 * Fair use: at most `max` events per user in a sliding window of `windowMs`. Kept in this process's memory:
 * with several processes a user gets that many per process, which still stops one person from flooding a
 * channel through the share button.
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>()
  private calls = 0

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an event for `key`; false when the key is over its limit (the event is then not counted). */
  allow(key: string): boolean {
    const now = this.now()
    const since = now - this.windowMs
    const recent = (this.events.get(key) ?? []).filter((t) => t > since)
    if (++this.calls % 1000 === 0) this.prune(since)
    if (recent.length >= this.max) {
      this.events.set(key, recent)
      return false
    }
    recent.push(now)
    this.events.set(key, recent)
    return true
  }

  private prune(since: number): void {
    for (const [key, times] of this.events) if (!times.some((t) => t > since)) this.events.delete(key)
  }
}
