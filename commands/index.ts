import { fold } from '../src/text/normalize.js'
import { aideCommand, setHelpLines } from './aide.js'
import { citationCommand } from './citation.js'
import type { Command } from './command.js'
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

/** Every name and alias of the commands that have one, folded, to the command. */
const COMMAND_BY_NAME = new Map(
  COMMANDS.filter((c) => c !== searchCommand).flatMap((c) =>
    [c.name, ...c.aliases].flatMap((name) => [[fold(name), c] as const, [name.toLowerCase(), c] as const]),
  ),
)

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
  // Nothing to search (empty, "?", emoji only): help says what can be asked.
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { command: aideCommand, args: '' }
  const [first = '', ...rest] = trimmed.split(/\s+/)
  const lower = first.toLowerCase().replace(/[?!.:,;]+$/, '')
  // Most first words are plain ASCII and not commands: only fold (NFD, costly) when the exact form is unknown.
  const keyword = COMMAND_BY_NAME.has(lower) || /^[\x20-\x7e]*$/.test(lower) ? lower : fold(lower)
  const args = rest.join(' ')
  const command = COMMAND_BY_NAME.get(keyword)
  if (command && (command.accepts?.(args) ?? true)) return { command, args }
  if (keyword === 'recherche' || keyword === 'search')
    return { command: searchCommand, args: args || trimmed }
  return { command: searchCommand, args: trimmed }
}
