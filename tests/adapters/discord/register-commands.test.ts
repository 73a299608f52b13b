import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCommands } from '../../../src/adapters/discord/command-definition.js'
import { DiscordRegisterError } from '../../../src/adapters/discord/errors.js'
import { registerCommands } from '../../../src/adapters/discord/register-commands.js'
import { FakeDiscord, IDS } from '../../helpers/fake-discord.js'

const run = promisify(execFile)

let fake: FakeDiscord

beforeAll(async () => {
  fake = await FakeDiscord.start()
})

afterAll(async () => {
  await fake?.close()
})

describe('registerCommands', () => {
  it('bulk-overwrites the guild commands when a guild id is set', async () => {
    const result = await registerCommands({
      token: 'fake-token',
      applicationId: IDS.application,
      guildId: IDS.guild,
      apiUrl: fake.apiUrl,
    })
    expect(result).toEqual({
      scope: 'guild',
      route: `/applications/${IDS.application}/guilds/${IDS.guild}/commands`,
      names: ['ia-cinema'],
    })
    const put = fake.requests.at(-1)
    expect(put?.method).toBe('PUT')
    expect(put?.path).toBe(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`)
    expect(put?.headers.authorization).toBe('Bot fake-token')
    expect(put?.body).toEqual(buildCommands())
  })

  it('registers globally without a guild id', async () => {
    const result = await registerCommands({
      token: 'fake-token',
      applicationId: IDS.application,
      apiUrl: fake.apiUrl,
    })
    expect(result.scope).toBe('global')
    expect(fake.requests.at(-1)?.path).toBe(`/applications/${IDS.application}/commands`)
  })

  it('refuses to run without an application id', async () => {
    await expect(registerCommands({ token: 'fake-token', apiUrl: fake.apiUrl })).rejects.toMatchObject({
      code: 'DISCORD_REGISTER_CONFIG',
      message: expect.stringContaining('DISCORD_APPLICATION_ID'),
    })
    await expect(registerCommands({ token: 'x' })).rejects.toBeInstanceOf(DiscordRegisterError)
  })
})

describe('scripts/discord-register.ts', () => {
  const env = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'silent',
    ...extra,
  })

  it('registers from the environment and says where', async () => {
    const before = fake.requests.length
    const { stdout } = await run('npx', ['tsx', 'scripts/discord-register.ts'], {
      env: env({
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_GUILD_ID: IDS.guild,
        DISCORD_API_URL: fake.apiUrl,
      }),
      timeout: 12_000,
    })
    expect(stdout).toContain(`/ia-cinema registered, guild ${IDS.guild}`)
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /applications/${IDS.application}/guilds/${IDS.guild}/commands`,
    ])
  }, 15_000)

  it('exits 1 with one line naming the missing variable', async () => {
    const failure = await run('npx', ['tsx', 'scripts/discord-register.ts'], {
      env: env({ DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.apiUrl }),
      timeout: 12_000,
    }).catch((error: { code: number; stderr: string }) => error)
    expect(failure).toMatchObject({
      code: 1,
      stderr: 'discord:register: DISCORD_APPLICATION_ID is required\n',
    })
  }, 15_000)
})
