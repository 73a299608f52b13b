import type { ActionOutcome } from '../../bot/bot.js'
import { type RenderedMessage, renderAnswer, renderNotice, renderShare } from './render-message.js'

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

export function clickResponse(
  outcome: ActionOutcome,
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
