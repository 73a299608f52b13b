import type { AnswerItem } from '../../answers/answer.js'
import type { CardFile } from '../../bot/adapter.js'
import type { ActionOutcome } from '../../bot/bot.js'
import { type RenderedMessage, renderAnswer, renderNotice, renderShare, withCard } from './render-message.js'

/**
 * How a click is answered, whatever the transport (gateway client or HTTP endpoint):
 * - `update` replaces the message the button is on;
 * - `private` is a new ephemeral message for the clicker;
 * - `public` is a new message everyone in the channel sees.
 */
export interface ClickResponse {
  mode: 'update' | 'private' | 'public'
  message: RenderedMessage
}

/** Every outcome but a card, which is drawn after the click is acknowledged (see handlers/card.ts). */
export function clickResponse(
  outcome: Exclude<ActionOutcome, { type: 'card' }>,
  clicker: { id: string; name: string },
  onEphemeralMessage: boolean,
): ClickResponse {
  switch (outcome.type) {
    case 'answer':
      // Replacing is only right on the clicker's own private message; a public message (a mention
      // reply) belongs to everyone in the channel, so the clicker gets a private answer instead.
      return { mode: onEphemeralMessage ? 'update' : 'private', message: renderAnswer(outcome.answer) }
    case 'share':
      return { mode: 'public', message: renderShare(outcome.item, clicker) }
    case 'notice':
    case 'invalid':
      return { mode: 'private', message: renderNotice(outcome.message) }
  }
}

export const CARD_FAILED = 'Désolé, la carte n’a pas pu être créée. La citation reste partageable en texte.'

/** The public message that carries a card: the share message, the card as its image. */
export function cardResponse(
  item: AnswerItem,
  card: CardFile,
  clicker: { id: string; name: string },
): RenderedMessage {
  return withCard(renderShare(item, clicker), card)
}
