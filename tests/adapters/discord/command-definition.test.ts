import { describe, expect, it } from 'vitest'
import { SLASH_COMMAND } from '../../../commands/command.js'
import {
  buildCommands,
  commandsRoute,
  NAME_PATTERN,
} from '../../../src/adapters/discord/command-definition.js'

describe('buildCommands', () => {
  const commands = buildCommands()
  const [command] = commands

  it('defines exactly /ia-cinema with one required, autocompleted string option "question"', () => {
    expect(commands).toHaveLength(1)
    expect(command).toMatchObject({ type: 1, name: 'ia-cinema' })
    expect(command?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'question', required: true, autocomplete: true }),
    ])
  })

  it('uses names Discord accepts, in lower case', () => {
    for (const name of [command?.name, ...(command?.options ?? []).map((option) => option.name)]) {
      expect(name).toMatch(NAME_PATTERN)
      expect(name).toBe(name?.toLowerCase())
    }
    for (const localized of [
      command?.name_localizations,
      ...(command?.options ?? []).map((o) => o.name_localizations),
    ]) {
      for (const name of Object.values(localized ?? {})) expect(name).toMatch(NAME_PATTERN)
    }
  })

  it('has French and English descriptions of 1 to 100 characters, from SLASH_COMMAND', () => {
    const option = command?.options?.[0]
    expect(command?.description).toBe(SLASH_COMMAND.description.fr)
    expect(command?.description_localizations).toMatchObject({
      fr: SLASH_COMMAND.description.fr,
      'en-US': SLASH_COMMAND.description.en,
    })
    expect(option?.description_localizations).toMatchObject({
      fr: SLASH_COMMAND.option.description.fr,
      'en-US': SLASH_COMMAND.option.description.en,
    })
    expect(command?.name_localizations).toMatchObject({ fr: 'ia-cinema', 'en-US': 'ia-cinema' })
    const descriptions = [
      command?.description,
      option?.description,
      ...Object.values(command?.description_localizations ?? {}),
      ...Object.values(option?.description_localizations ?? {}),
    ]
    for (const description of descriptions) {
      expect(description?.length).toBeGreaterThanOrEqual(1)
      expect(description?.length).toBeLessThanOrEqual(100)
    }
  })

  it('is available in servers and in DMs with the bot', () => {
    expect(command?.contexts).toEqual([0, 1])
    expect(command?.integration_types).toEqual([0])
  })

  it('is plain JSON (what the bulk overwrite sends)', () => {
    expect(JSON.parse(JSON.stringify(commands))).toEqual(commands)
  })
})

describe('commandsRoute', () => {
  it('targets one guild when a guild id is given, else the global commands', () => {
    expect(commandsRoute('11', '22')).toBe('/applications/11/guilds/22/commands')
    expect(commandsRoute('11')).toBe('/applications/11/commands')
  })
})
