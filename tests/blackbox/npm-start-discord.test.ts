import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeDiscord, IDS } from '../helpers/fake-discord.js'
import { childPids, eventually, type RunningProcess, startMain } from '../helpers/start-process.js'

/** The whole product as an operator starts it: npm start with Discord variables, against a fake Discord. */
describe('npm start with Discord configured', () => {
  let discord: FakeDiscord
  let bot: RunningProcess

  beforeAll(async () => {
    discord = await FakeDiscord.start()
    bot = startMain({
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: 'info',
    })
    await eventually(() => discord.connected && discord.gatewayFrames.some((f) => f.op === 2), 20_000)
  }, 40_000)

  afterAll(async () => {
    await bot.stop()
    await discord.close()
  })

  it('answers /ia-cinema question:monteur privately with the junior editors passage', async () => {
    const callback = await discord.callbackFor(discord.slashCommand('monteur'), 5000)
    expect(callback.body.type).toBe(4)
    expect(callback.body.data.flags & 64).toBe(64)
    expect(JSON.stringify(callback.body.data).replaceAll('**', '')).toContain(
      'automatisent le montage de base',
    )
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] })
  })

  it('suggests completions for "mont", one of them about editing', async () => {
    const callback = await discord.callbackFor(discord.autocomplete('mont'), 5000)
    expect(callback.body.type).toBe(8)
    const choices = callback.body.data.choices as Array<{ name: string; value: string }>
    expect(choices.length).toBeGreaterThan(0)
    expect(choices.length).toBeLessThanOrEqual(25)
    expect(choices.some((c) => /mont(eur|age)/i.test(c.value))).toBe(true)
  })

  it('replies to a mention with the passage on junior and technical jobs, pinging nobody', async () => {
    const messageId = discord.messageCreate(`<@${IDS.bot}> quels métiers sont menacés ?`)
    const reply = await discord.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${IDS.channel}/messages` &&
        r.body?.message_reference?.message_id === messageId,
      5000,
    )
    // Matched words are bold (**postes**): compare without the markers.
    expect(JSON.stringify(reply.body).replaceAll('**', '')).toContain('postes juniors et techniques')
    expect(reply.body.allowed_mentions?.parse ?? []).toEqual([])
    expect(bot.child.exitCode).toBeNull()
  })

  it('takes no port for /healthz when neither PORT nor HEALTH_PORT is set, and says which pid reloads', async () => {
    const ready = await eventually(() => bot.output().includes('"msg":"ready"'), 10_000)
    expect(ready).toBe(true)
    expect(bot.output()).not.toContain('listening')
    const pid = Number(/"pid":(\d+),"reload":"kill -HUP (\d+)","msg":"ready"/.exec(bot.output())?.[1])
    expect(childPids(bot.child.pid ?? 0)).toEqual([pid])
  })

  it('drains and exits 0 on SIGINT sent to npm (kill -INT, as Ctrl-C does)', async () => {
    bot.child.kill('SIGINT')
    expect(await bot.exited).toBe(0)
    expect(bot.output()).toContain('"signal":"SIGINT","msg":"shutting down"')
    expect(bot.output()).toContain('"msg":"discord stopped"')
    expect(bot.output()).toContain('"msg":"stopped"')
  })
})
