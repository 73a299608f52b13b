import type { Bot, Requester } from '../../bot/bot.js'
import type { CardSource } from '../../cards/card-renderer.js'
import type { Logger } from '../../logger.js'

/** What every listener needs: the core, a logger, and how long to wait before deferring. */
export interface HandlerContext {
  bot: Bot
  log: Logger
  /** Past this delay a slow answer is deferred so that Discord's 3-second deadline is always met. */
  deferAfterMs: number
  /** Quote cards (the « Carte » button). */
  cards: CardSource
}

/** Discord's allowed_mentions that ping nobody: no @everyone/@here, no roles, no users. */
export const NO_MENTIONS = { parse: [] as [] }

export function requesterOf(user: { id: string }, locale?: string | null): Requester {
  return { platform: 'discord', userId: user.id, ...(locale ? { locale } : {}) }
}

/**
 * Waits for `work`; if it is not done after `ms`, runs `onSlow` (a defer) once and keeps waiting. A fast
 * answer is therefore sent in one callback, a slow one still acknowledged in time.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  onSlow: () => Promise<unknown>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms)
  })
  try {
    const first = await Promise.race([work.then((value) => ({ value })), slow])
    if (first !== 'slow') return first.value
  } finally {
    clearTimeout(timer)
  }
  await onSlow()
  return work
}
