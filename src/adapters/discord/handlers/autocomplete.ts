import type { AutocompleteInteraction } from 'discord.js'
import { toChoices } from '../autocomplete-choices.js'
import { COMMAND_NAME, QUESTION_OPTION } from '../command-definition.js'
import type { HandlerContext } from '../context.js'

/** Completions for the `question` option; autocomplete cannot be deferred, so it stays synchronous. */
export async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  context: HandlerContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true)
  if (interaction.commandName !== COMMAND_NAME || focused.name !== QUESTION_OPTION) {
    await interaction.respond([])
    return
  }
  await interaction.respond(toChoices(context.bot.autocomplete(String(focused.value))))
}
