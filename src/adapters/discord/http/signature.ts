/** Discord's request signatures (Ed25519 over timestamp + raw body), for the HTTP interactions endpoint. */
import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import { DiscordPublicKeyError } from '../errors.js'

/** Ed25519 keys in SPKI DER are this fixed prefix followed by the 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new DiscordPublicKeyError()
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  })
}

/** Discord signs timestamp + raw body; anything else (and Discord's deliberate bad probes) is refused. */
export function isValidSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature)) return false
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    )
  } catch {
    return false
  }
}
