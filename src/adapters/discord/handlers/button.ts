import { type ButtonInteraction, MessageFlags } from 'discord.js'
import { type HandlerContext, NO_MENTIONS, requesterOf, withDeadline } from '../context.js'
import { clickResponse } from '../outcome.js'
import { shareCard } from './card.js'

/**
 * A click: the custom_id is the whole state (see answers/actions.ts), so any process can answer it.
 * Slow answers are deferred with a silent update, after which every outcome still has a way out
 * (edit the original, or follow up publicly or privately).
 */
export async function handleButton(interaction: ButtonInteraction, context: HandlerContext): Promise<void> {
  const requester = requesterOf(interaction.user, interaction.locale)
  const outcome = await withDeadline(
    context.bot.act(interaction.customId, requester),
    context.deferAfterMs,
    () => interaction.deferUpdate(),
  )
  context.log.debug({ interaction: interaction.id, outcome: outcome.type }, 'discord button')
  if (outcome.type === 'card') {
    await shareCard(interaction, outcome, context)
    return
  }
  const { mode, message } = clickResponse(
    outcome,
    { id: interaction.user.id, name: interaction.user.displayName },
    interaction.message.flags.has(MessageFlags.Ephemeral),
  )
  const acknowledged = interaction.deferred || interaction.replied
  switch (mode) {
    case 'update': {
      const options = { ...message, allowedMentions: NO_MENTIONS }
      if (acknowledged) await interaction.editReply(options)
      else await interaction.update(options)
      return
    }
    case 'private':
    case 'public': {
      // A public response to the click needs no channel permission and also works in DMs.
      const options = {
        ...message,
        ...(mode === 'private' ? { flags: MessageFlags.Ephemeral as const } : {}),
        allowedMentions: NO_MENTIONS,
      }
      if (acknowledged) await interaction.followUp(options)
      else await interaction.reply(options)
      return
    }
  }
}
