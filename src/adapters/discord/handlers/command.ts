import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js'
import { cutQuestion } from '../../../bot/question-length.js'
import { COMMAND_NAME, QUESTION_OPTION } from '../command-definition.js'
import { type HandlerContext, NO_MENTIONS, requesterOf, withDeadline } from '../context.js'
import { optionText } from '../inbound.js'
import { renderAnswer, renderNotice } from '../render-message.js'

/** `/ia-cinema question:<text>`: the core parses the text (search, citation, metiers, aide…). */
export async function handleCommand(
  interaction: ChatInputCommandInteraction,
  context: HandlerContext,
): Promise<void> {
  if (interaction.commandName !== COMMAND_NAME) {
    // A command left over from an older registration: say so rather than let it time out.
    await interaction.reply({
      ...renderNotice('Cette commande n’existe plus. Utilisez /ia-cinema.'),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    })
    return
  }
  // The options were checked at the edge (handlers/interaction.ts): a string, a number or a boolean.
  const text = cutQuestion(optionText(interaction.options.get(QUESTION_OPTION)?.value))
  context.log.debug({ interaction: interaction.id, length: text.length }, 'discord command')
  const answer = await withDeadline(
    context.bot.ask(text, requesterOf(interaction.user, interaction.locale)),
    context.deferAfterMs,
    () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
  )
  const message = renderAnswer(answer)
  if (interaction.deferred) await interaction.editReply({ ...message, allowedMentions: NO_MENTIONS })
  else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
}
