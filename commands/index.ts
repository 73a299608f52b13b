import type { Command } from '../src/answers/command.js'
import { fold } from '../src/search/normalize.js'
import { aideCommand, setHelpLines } from './aide.js'
import { citationCommand } from './citation.js'
import { metiersCommand } from './metiers.js'
import { parcoursCommand } from './parcours.js'
import { searchCommand } from './search.js'
import { sourcesCommand } from './sources.js'

/** Every command, in the order help lists them. Search is the default and needs no keyword. */
export const COMMANDS: readonly Command[] = [
  searchCommand,
  citationCommand,
  metiersCommand,
  sourcesCommand,
  parcoursCommand,
  aideCommand,
]

setHelpLines(() => COMMANDS.map((c) => `• ${c.usage} : ${c.description.fr}`))

export interface ParsedRequest {
  command: Command
  args: string
}

const COMMAND_PREFIX = /^\s*\/?ia-cinema\b\s*/i

/**
 * Reads the text typed after /ia-cinema (Slack text, Discord option, console line, mention): a leading
 * command word selects that command when its arguments suit it; anything else is a search.
 */
export function parseRequest(text: string): ParsedRequest {
  const trimmed = String(text ?? '')
    .replace(COMMAND_PREFIX, '')
    .trim()
  if (trimmed === '') return { command: aideCommand, args: '' }
  const [first = '', ...rest] = trimmed.split(/\s+/)
  const keyword = fold(first).replace(/[?!.:,;]+$/, '')
  const args = rest.join(' ')
  for (const command of COMMANDS) {
    if (command === searchCommand) continue
    const names = [command.name, ...command.aliases].map(fold)
    if (names.includes(keyword) && (command.accepts?.(args) ?? true)) return { command, args }
  }
  if (keyword === 'recherche' || keyword === 'search')
    return { command: searchCommand, args: args || trimmed }
  return { command: searchCommand, args: trimmed }
}
