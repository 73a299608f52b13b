import { REST } from 'discord.js'
import type { DiscordConfig } from '../../config.js'
import { buildCommands, commandsRoute } from './command-definition.js'
import { DiscordRegisterError } from './errors.js'

export interface RegisterResult {
  scope: 'guild' | 'global'
  route: string
  names: string[]
}

/**
 * Replaces the application's commands with ours in one bulk overwrite (PUT), which is idempotent: running
 * it twice changes nothing and counts as no new creation against Discord's daily limit.
 */
export async function registerCommands(config: DiscordConfig): Promise<RegisterResult> {
  if (!config.token) throw new DiscordRegisterError('DISCORD_TOKEN is required')
  if (!config.applicationId) throw new DiscordRegisterError('DISCORD_APPLICATION_ID is required')
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token)
  try {
    const route = commandsRoute(config.applicationId, config.guildId)
    const saved = (await rest.put(route, { body: buildCommands() })) as Array<{ name?: unknown }>
    return {
      scope: config.guildId ? 'guild' : 'global',
      route,
      names: saved.map((command) => String(command.name)),
    }
  } finally {
    // The sweepers are intervals; clearing them lets a one-shot script exit at once.
    rest.clearHashSweeper()
    rest.clearHandlerSweeper()
  }
}
