import { readFileSync } from 'node:fs'
import type { App } from '@slack/bolt'
import { describe, expect, it } from 'vitest'
import { SLASH_COMMAND } from '../../commands/command.js'
import { COMMANDS, EVENT_SUBSCRIPTIONS, registerListeners } from '../../src/adapters/slack/listeners.js'
import { CardRenderer } from '../../src/cards/card-renderer.js'
import { FakeBot } from '../adapters/slack/fake-bot.js'
import { memoryLogger } from '../adapters/slack/harness.js'

interface Manifest {
  display_information: { name: string; description: string }
  features: {
    app_home: {
      home_tab_enabled: boolean
      messages_tab_enabled: boolean
      messages_tab_read_only_enabled: boolean
    }
    bot_user: { display_name: string }
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }>
  }
  oauth_config: { scopes: { bot: string[] } }
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string }
    interactivity: { is_enabled: boolean; request_url?: string }
    socket_mode_enabled: boolean
  }
}

const manifest = JSON.parse(
  readFileSync(new URL('../../commands/slack-manifest.json', import.meta.url), 'utf8'),
) as Manifest

/** The scope Slack requires for each subscription (https://docs.slack.dev/reference/events); Home needs none. */
const SCOPE_FOR_EVENT: Record<string, string | undefined> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  app_home_opened: undefined,
}

/** The event names the adapter registers on a Bolt app, captured from the real registerListeners. */
function registeredEvents(): Array<string | RegExp> {
  const events: Array<string | RegExp> = []
  const fake = {
    command: () => fake,
    action: () => fake,
    event: (name: string | RegExp) => {
      events.push(name)
      return fake
    },
    error: () => fake,
  }
  registerListeners(fake as unknown as App, {
    bot: new FakeBot(),
    logger: memoryLogger().logger,
    ackBudgetMs: 1,
    cards: new CardRenderer(),
  })
  return events
}

describe('commands/slack-manifest.json', () => {
  it('declares the slash command exactly as SLASH_COMMAND defines it', () => {
    expect(manifest.features.slash_commands).toHaveLength(1)
    const [command] = manifest.features.slash_commands
    expect(command?.command).toBe(`/${SLASH_COMMAND.name}`)
    expect(COMMANDS).toEqual([command?.command])
    expect(command?.description).toBe(SLASH_COMMAND.description.fr)
    expect(command?.usage_hint?.length ?? 0).toBeGreaterThan(0)
  })

  it('subscribes to every event the adapter listens to, with the scopes they need', () => {
    const subscribed = manifest.settings.event_subscriptions.bot_events
    for (const event of EVENT_SUBSCRIPTIONS) {
      expect(subscribed).toContain(event)
      expect(event in SCOPE_FOR_EVENT).toBe(true)
      const scope = SCOPE_FOR_EVENT[event]
      if (scope) expect(manifest.oauth_config.scopes.bot).toContain(scope)
    }
    // The exported list is the one actually registered (message.im is the `message` event, filtered to DMs).
    const asRegistered = EVENT_SUBSCRIPTIONS.map((e) => e.split('.')[0] as string)
    const listens = (name: string) =>
      registeredEvents().some((event) => (typeof event === 'string' ? event === name : event.test(name)))
    for (const name of asRegistered) expect(listens(name), name).toBe(true)
    for (const name of ['reaction_added', 'member_joined_channel', 'app_mentioned'])
      expect(listens(name)).toBe(false)
    // And nothing is subscribed that nobody handles.
    expect([...subscribed].sort()).toEqual([...EVENT_SUBSCRIPTIONS].sort())
  })

  it('has the scopes to answer: commands, posting, DMs, uploading quote cards', () => {
    for (const scope of ['commands', 'chat:write', 'im:read', 'im:write', 'files:write']) {
      expect(manifest.oauth_config.scopes.bot).toContain(scope)
    }
  })

  it('enables buttons, the Home tab and the Messages tab', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true)
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    })
  })

  it('is consistent about the transport: Socket Mode, or request URLs on /slack/events for HTTP', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ]
    if (manifest.settings.socket_mode_enabled) {
      expect(urls.filter((u) => u !== undefined)).toEqual([])
    } else {
      for (const url of urls) expect(url).toMatch(/^https:\/\/.+\/slack\/events$/)
    }
  })

  it('stays within Slack’s field lengths', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35)
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140)
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80)
  })
})
