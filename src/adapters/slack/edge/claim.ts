import type { DeliveryClaims } from '../../../bot/delivery-claims.js'

/** The claim's id for a Slack delivery: prefixed, since the store's claims are shared with Discord's. */
export const slackDeliveryId = (deliveryId: string) => `slack:${deliveryId}`

/**
 * Why a delivery is dropped (acknowledged and not acted on), or undefined to act on it. A retry whose claim
 * cannot be checked is dropped: its first delivery may have been acted on by another instance. A retry that
 * no instance claimed (its first delivery lost, or sent to an instance that was down) is answered.
 */
export async function screenDelivery(
  claims: DeliveryClaims,
  deliveryId: string | undefined,
  retried: boolean,
): Promise<string | undefined> {
  if (!deliveryId) return undefined
  const verdict = await claims.claim(slackDeliveryId(deliveryId))
  if (verdict === 'repeat') return `already answered: ${deliveryId}`
  if (verdict === 'unverified' && retried)
    return `retry not acted on, its claim cannot be checked: ${deliveryId}`
  return undefined
}
