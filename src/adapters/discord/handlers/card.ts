import { type ButtonInteraction, MessageFlags } from 'discord.js'
import type { ActionOutcome } from '../../../bot/bot.js'
import { type HandlerContext, NO_MENTIONS } from '../context.js'
import { describeError } from '../errors.js'
import { CARD_FAILED, cardResponse } from '../outcome.js'
import { cardAttachment, renderNotice } from '../render-message.js'

/**
 * A click on « Carte »: the click is acknowledged first (drawing a card may take longer than Discord's
 * 3 seconds when the renderer is cold), then the card is posted publicly as a follow-up, in the channel
 * the button was clicked in, saying who shared it.
 */
export async function shareCard(
  interaction: ButtonInteraction,
  outcome: Extract<ActionOutcome, { type: 'card' }>,
  context: HandlerContext,
): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferUpdate()
  let card: Awaited<ReturnType<HandlerContext['cards']['card']>>
  try {
    card = await context.cards.card(outcome.item, outcome.corpusVersion)
  } catch (error) {
    context.log.error({ error: describeError(error), record: outcome.item.id }, 'discord card failed')
    await interaction.followUp({
      ...renderNotice(CARD_FAILED),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    })
    return
  }
  if (card.missingGlyphs.length > 0)
    context.log.warn(
      { record: outcome.item.id, missing: card.missingGlyphs },
      'card drawn without some characters',
    )
  const clicker = { id: interaction.user.id, name: interaction.user.displayName }
  await interaction.followUp({
    ...cardResponse(outcome.item, card, clicker),
    files: [cardAttachment(card)],
    allowedMentions: NO_MENTIONS,
  })
}
