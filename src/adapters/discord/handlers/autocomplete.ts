import type { AutocompleteInteraction } from 'discord.js'
import { cutQuestion } from '../../../bot/question-length.js'
import { toChoices } from '../autocomplete-choices.js'
import { COMMAND_NAME, QUESTION_OPTION } from '../command-definition.js'
import type { HandlerContext } from '../context.js'
import { optionText } from '../inbound.js'

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
  await interaction.respond(toChoices(context.bot.autocomplete(cutQuestion(optionText(focused.value)))))
}
