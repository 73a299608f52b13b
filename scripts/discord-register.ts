/**
 * `npm run discord:register`: registers `/ia-cinema` with Discord. With DISCORD_GUILD_ID the command goes
 * to that server only (development); without it, it is global (production). Needs DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID; DISCORD_API_URL points it at another API base (tests).
 */

import { registerCommands } from '../src/adapters/discord/register-commands.js'
import { loadConfigOrExit } from '../src/config.js'

const config = loadConfigOrExit()
if (!config.discord) {
  process.stderr.write('discord:register: DISCORD_TOKEN is required\n')
  process.exit(1)
}

try {
  const result = await registerCommands(config.discord)
  const where = result.scope === 'guild' ? `guild ${config.discord.guildId}` : 'global'
  process.stdout.write(
    `discord:register: ${result.names.map((name) => `/${name}`).join(', ')} registered, ${where}\n`,
  )
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
