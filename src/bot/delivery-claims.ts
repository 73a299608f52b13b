import type { Logger } from '../logger.js'
import type { Store } from '../storage/store.js'
import type { ActionOutcome, Bot } from './bot.js'
import { REPLAY_WINDOW_SECONDS, SeenOnce } from './replay-guard.js'

/**
 * Each delivery (a Slack event_id or trigger_id, a Discord interaction id) acted on once across every
 * instance sharing the store. The per-process memory answers first (no round trip for a repeat seen here);
 * then the store's claim, shared by the instances, waits at most CLAIM_WAIT_MS so that Slack's and
 * Discord's 3-second deadlines hold whatever the database does.
 *
 * Verdicts:
 * - `first`: claimed here; act on it.
 * - `repeat`: acted on already, here or by another instance; acknowledge and drop.
 * - `unverified`: the store could not say in time (unreachable, or slow). A platform's retry
 *   (Slack's X-Slack-Retry-Num) is then dropped, since its first delivery may have been acted on elsewhere.
 *   Anything else is answered, privately only: `publicAllowed` stays false for it, and a share or a card asked
 *   by it is refused with a private message (see `privateOnly`). So a public post only ever follows a claim
 *   the store granted, and the store grants each id once: never a double public post.
 */

export type ClaimVerdict = 'first' | 'repeat' | 'unverified'

/** How long a delivery waits for the store's claim before it is treated as unverified. */
export const CLAIM_WAIT_MS = 500
/** How long a claim lives: twice the replay window, past Slack's last retry (about 5 minutes after). */
export const CLAIM_TTL_MS = 2 * REPLAY_WINDOW_SECONDS * 1000

export interface DeliveryClaimsOptions {
  /** The shared store; without one the claims are this process's alone. */
  store?: Pick<Store, 'claimDelivery'>
  waitMs?: number
  logger?: Logger
}

export class DeliveryClaims {
  private readonly seen = new SeenOnce()
  // Deliveries answered without a claim, remembered as long as a click on them could still be handled.
  private readonly unverified = new SeenOnce({ max: 10_000 })
  private readonly waitMs: number
  private lastWarning = 0

  constructor(private readonly options: DeliveryClaimsOptions = {}) {
    this.waitMs = options.waitMs ?? CLAIM_WAIT_MS
  }

  async claim(id: string): Promise<ClaimVerdict> {
    if (!this.seen.first(id)) return 'repeat'
    const verdict = await this.ask(id)
    if (verdict === 'unverified') this.unverified.first(id)
    return verdict
  }

  /** False for a delivery answered without the store's claim: nothing may be posted publicly for it. */
  publicAllowed(id: string | undefined): boolean {
    return id === undefined || !this.unverified.has(id)
  }

  private async ask(id: string): Promise<ClaimVerdict> {
    const { store } = this.options
    // No store, one process: the memory above is all there is to share (tests, the warm-up).
    if (!store) return 'first'
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.waitMs)
    })
    try {
      // A claim that lands after the wait still counts: a later retry then finds it taken.
      const claimed = await Promise.race([store.claimDelivery(id, CLAIM_TTL_MS), late])
      if (claimed === 'late') {
        this.warn(id, 'the claim took too long')
        return 'unverified'
      }
      return claimed ? 'first' : 'repeat'
    } catch (error) {
      this.warn(id, error instanceof Error ? error.message : String(error))
      return 'unverified'
    } finally {
      clearTimeout(timer)
    }
  }

  /** At most one line every 10 s: during an outage every delivery would log one. */
  private warn(id: string, reason: string): void {
    const now = Date.now()
    if (now - this.lastWarning < 10_000) return
    this.lastWarning = now
    this.options.logger?.warn(
      { delivery: id, reason },
      'delivery claims unverified (the store cannot say): answering privately only, dropping retries',
    )
  }
}

const PUBLIC_POST_UNAVAILABLE =
  'Le partage dans le canal est momentanément indisponible. Réessayez dans une minute.'

/** The bot for a delivery that may not post publicly: a share or a card becomes a private message. */
export function privateOnly(bot: Bot): Bot {
  const refuse = (outcome: ActionOutcome): ActionOutcome =>
    outcome.type === 'share' || outcome.type === 'card'
      ? { type: 'notice', message: PUBLIC_POST_UNAVAILABLE }
      : outcome
  return { ...bot, act: async (actionId, requester) => refuse(await bot.act(actionId, requester)) }
}
