import type { Logger } from '../../../logger.js'

/** How many times a follow-up is sent when Discord answers 429, and the longest wait it is sent again after. */
export const FOLLOW_UP_ATTEMPTS = 3
export const MAX_RETRY_AFTER_MS = 15_000

/**
 * Sends a follow-up through an interaction's webhook (a POST adds a message, a PATCH edits the original). A
 * 429 means Discord did not act on the request: it is sent again after the wait Discord asks for, a few
 * times at most and never after a long wait (the interaction's token would outlive it, the clicker's
 * patience not). Any other refusal is logged, never thrown.
 */
export async function sendFollowUp(
  url: string,
  method: 'PATCH' | 'POST',
  data: Record<string, unknown> | FormData,
  log: Logger,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // A multipart body (a message with a file) sets its own content type, boundary included.
    const reply = await fetch(url, {
      method,
      ...(data instanceof FormData
        ? { body: data }
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) }),
      signal: AbortSignal.timeout(10_000),
    })
    if (reply.status === 429) {
      const waitMs = await retryAfterMs(reply)
      const retry = attempt < FOLLOW_UP_ATTEMPTS && waitMs !== undefined && waitMs <= MAX_RETRY_AFTER_MS
      log[retry ? 'info' : 'warn'](
        { attempt, retryAfterMs: waitMs },
        retry
          ? 'discord follow-up rate limited, sent again after the wait'
          : 'discord follow-up rate limited, given up',
      )
      if (!retry) return
      await new Promise((resolve) => setTimeout(resolve, waitMs))
      continue
    }
    await reply.arrayBuffer().catch(() => undefined)
    if (!reply.ok) log.warn({ status: reply.status }, 'discord follow-up refused')
    return
  }
}

/**
 * The wait a 429 asks for: the body's `retry_after` (seconds, with decimals), else the Retry-After header
 * (seconds); undefined when neither says.
 */
async function retryAfterMs(reply: Response): Promise<number | undefined> {
  const body = (await reply.json().catch(() => undefined)) as { retry_after?: unknown } | undefined
  const seconds =
    typeof body?.retry_after === 'number'
      ? body.retry_after
      : Number(reply.headers.get('retry-after') ?? Number.NaN)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined
}
