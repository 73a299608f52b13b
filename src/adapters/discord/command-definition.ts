/**
 * The `/ia-cinema` command as Discord application-command JSON, generated from the platform-neutral
 * SLASH_COMMAND so that Slack and Discord can never drift apart. Pure: used by the registration script
 * and checked by tests.
 */

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js'
import { SLASH_COMMAND } from '../../../commands/command.js'

export const COMMAND_NAME = SLASH_COMMAND.name
export const QUESTION_OPTION = SLASH_COMMAND.option.name

/** Discord's rules for a chat-input command or option name. */
export const NAME_PATTERN = /^[-_'\p{L}\p{N}]{1,32}$/u

const localized = (text: { fr: string; en: string }) => ({ fr: text.fr, 'en-US': text.en, 'en-GB': text.en })

/**
 * French is the default (the article and every answer are in French); English clients get English
 * descriptions so they know what to expect. Names are the same in both languages.
 */
export function buildCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: SLASH_COMMAND.name,
      name_localizations: {
        fr: SLASH_COMMAND.name,
        'en-US': SLASH_COMMAND.name,
        'en-GB': SLASH_COMMAND.name,
      },
      description: SLASH_COMMAND.description.fr,
      description_localizations: localized(SLASH_COMMAND.description),
      // Servers and the bot's DMs; the bot reads mentions and DMs too, so both places work alike.
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: SLASH_COMMAND.option.name,
          name_localizations: {
            fr: SLASH_COMMAND.option.name,
            'en-US': SLASH_COMMAND.option.name,
            'en-GB': SLASH_COMMAND.option.name,
          },
          description: SLASH_COMMAND.option.description.fr,
          description_localizations: localized(SLASH_COMMAND.option.description),
          required: true,
          autocomplete: true,
        },
      ],
    },
  ]
}

/** Guild commands update at once (development); global ones are for production. */
export function commandsRoute(applicationId: string, guildId?: string): `/${string}` {
  return guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId)
}
