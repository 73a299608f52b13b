import { type Interaction, MessageFlags } from 'discord.js'
import { type HandlerContext, NO_MENTIONS } from '../context.js'
import { describeError, isStaleInteractionError } from '../errors.js'
import { customIdSchema, describeIssues, optionsSchema } from '../inbound.js'
import { ERROR_TEXT, renderNotice } from '../render-message.js'
import { handleAutocomplete } from './autocomplete.js'
import { handleButton } from './button.js'
import { handleCommand } from './command.js'

/** Tells the user something went wrong, by whichever way is still open on this interaction. */
async function reportFailure(
  interaction: Interaction,
  error: unknown,
  context: HandlerContext,
): Promise<void> {
  const where = { interaction: interaction.id, type: interaction.type }
  if (isStaleInteractionError(error)) {
    context.log.warn(
      { ...where, error: describeError(error) },
      'discord interaction expired or already answered',
    )
    return
  }
  context.log.error({ ...where, error: describeError(error) }, 'discord interaction failed')
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([])
    } else if (interaction.isRepliable()) {
      const options = {
        ...renderNotice(ERROR_TEXT),
        flags: MessageFlags.Ephemeral as const,
        allowedMentions: NO_MENTIONS,
      }
      if (interaction.deferred || interaction.replied) await interaction.followUp(options)
      else await interaction.reply(options)
    }
  } catch (reportError) {
    context.log.warn(
      { ...where, error: describeError(reportError) },
      'discord error message could not be sent',
    )
  }
}

/** Why an interaction cannot be read as Discord documents it, or undefined when it can. */
function malformation(interaction: Interaction): string | undefined {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const options = optionsSchema.safeParse(interaction.options.data)
    return options.success ? undefined : `options: ${describeIssues(options.error)}`
  }
  if (interaction.isButton()) {
    const customId = customIdSchema.safeParse(interaction.customId)
    return customId.success ? undefined : `custom_id: ${describeIssues(customId.error)}`
  }
  return undefined
}

/** The one interactionCreate listener: routes by kind and never lets an error escape. */
export async function handleInteraction(interaction: Interaction, context: HandlerContext): Promise<void> {
  const problem = malformation(interaction)
  if (problem) {
    // Only a forged or broken payload looks like this; there is no one to answer.
    context.log.warn(
      { interaction: interaction.id, reason: problem },
      'discord: malformed interaction ignored',
    )
    return
  }
  try {
    if (interaction.isChatInputCommand()) await handleCommand(interaction, context)
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, context)
    else if (interaction.isButton()) await handleButton(interaction, context)
    else if (interaction.isRepliable()) {
      await interaction.reply({
        ...renderNotice('Cette action n’est pas prise en charge.'),
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      })
    }
  } catch (error) {
    await reportFailure(interaction, error, context)
  }
}
