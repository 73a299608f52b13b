import type { APIApplicationCommandOptionChoice } from 'discord.js'
import type { Suggestion } from '../../bot/bot.js'
import { LIMITS } from './limits.js'
import { truncate } from './markdown.js'

/**
 * Suggestions as Discord choices: at most 25, names 1–100 characters (shortened), values 1–100
 * (a longer value is dropped rather than cut, since a cut value would run a different question).
 */
export function toChoices(suggestions: readonly Suggestion[]): APIApplicationCommandOptionChoice<string>[] {
  const choices: APIApplicationCommandOptionChoice<string>[] = []
  const seen = new Set<string>()
  for (const suggestion of suggestions) {
    if (choices.length >= LIMITS.choices) break
    if (typeof suggestion?.value !== 'string' || typeof suggestion.name !== 'string') continue
    const value = suggestion.value.trim()
    if (value === '' || value.length > LIMITS.choiceValue || seen.has(value)) continue
    const name = truncate(suggestion.name.replace(/\s+/g, ' ').trim() || value, LIMITS.choiceName)
    seen.add(value)
    choices.push({ name, value })
  }
  return choices
}
