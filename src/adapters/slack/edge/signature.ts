/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<body>`). Bolt's
 * verifySlackRequest computes the same HMAC but compares with tsscmp, which draws random bytes and computes two
 * more HMACs per request (a few per cent of a slash command's CPU under load); one HMAC and
 * crypto.timingSafeEqual over the 32 bytes give the same answer in constant time.
 */

import { createHmac, timingSafeEqual } from 'node:crypto'

// Lowercase only, as Slack sends it and as Bolt accepted it (it compared with its own lowercase hex digest).
const V0_SIGNATURE = /^v0=[0-9a-f]{64}$/

/**
 * Whether `signature` is the v0 signature of `timestamp` and `body` under `secret`. A missing, malformed or
 * wrongly sized header is false, never an exception; so is an empty secret (nothing is signed with it).
 * The timestamp's freshness is checked by the caller. The body is best given as the bytes received: Slack
 * signs those.
 */
export function isSlackSignature(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  signature: string | undefined,
): boolean {
  if (secret === '' || signature === undefined || !V0_SIGNATURE.test(signature)) return false
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest()
  // Both are 32 bytes: the pattern above admits exactly 64 hex digits.
  return timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex'))
}
