/**
 * How the Web API client retries. The bot mostly posts (answers in channels and DMs, shares, the daily quote), and
 * a post is not idempotent: when a call times out or the connection drops, Slack may well have posted already,
 * and a retry posts again. With Slack's API frozen for 24 s, the client's former policy (10 s timeout, two
 * retries) put every answer in the channel three times. So a call is retried only when Slack provably did not
 * act on it: a 429, after the Retry-After the client has already waited. A timeout, a dropped connection or a
 * 5xx is given up and logged; a lost answer is better than a duplicate in a channel.
 */

import type { webApi } from '@slack/bolt'

type RetryOptions = NonNullable<webApi.WebClientOptions['retryConfig']>

/** How long one call may take before it is given up (and, per the policy above, not retried). */
export const WEB_API_TIMEOUT_MS = 10_000

/**
 * web-api 8 reports a 429 it has waited out as a request error wrapping this message (its source, WebClient.
 * makeRequest). Should that wording change, nothing is retried any more: the safe side.
 */
const RATE_LIMITED = /^A rate limit was exceeded/

export function wasRateLimited(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const original = (error as { original?: unknown }).original
  return (
    RATE_LIMITED.test(error.message) || (original instanceof Error && RATE_LIMITED.test(original.message))
  )
}

/** The client hands its retry options to p-retry, which also reads this hook (not in web-api's typings). */
interface PRetryOptions extends RetryOptions {
  onFailedAttempt(error: Error): void
}

export const AT_MOST_ONCE_RETRIES: PRetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 0,
  maxTimeout: 1000,
  // p-retry stops retrying as soon as this throws, and rejects with what it threw.
  onFailedAttempt: (error: Error) => {
    if (!wasRateLimited(error)) throw error
  },
}
