/**
 * The Discord gateway adapter: builds the client, wires the listeners, logs in and waits for READY.
 * Commands are not registered here (see scripts/discord-register.ts): registering on every start would
 * burn Discord's daily quota and briefly reset the command for users.
 */

import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials } from 'discord.js'
import type { AnswerItem } from '../../answers/answer.js'
import type { AdapterHandle, CardFile } from '../../bot/adapter.js'
import type { Bot } from '../../bot/bot.js'
import { DeliveryClaims, privateOnly } from '../../bot/delivery-claims.js'
import { CardRenderer, type CardSource } from '../../cards/card-renderer.js'
import type { DiscordConfig } from '../../config.js'
import type { Logger } from '../../logger.js'
import { type HandlerContext, NO_MENTIONS } from './context.js'
import { DiscordStartError, describeError, isTokenRefused } from './errors.js'
import { handleInteraction } from './handlers/interaction.js'
import { handleMessage } from './handlers/message.js'
import { cardAttachment, renderDailyQuote, withCard } from './render-message.js'
import { warmUpDiscord } from './warm-up.js'

export interface DiscordOptions {
  /** How long to wait for READY and the guilds after login (default 30 s). */
  readyTimeoutMs?: number
  /**
   * How long login may take: the gateway's address from the REST API (default 10 s). discord.js would wait
   * 15 s for each of four attempts on an API that accepts connections and never answers.
   */
  loginTimeoutMs?: number
  /** Answers slower than this are deferred (default 2 s, leaving 1 s of Discord's 3 for the network). */
  deferAfterMs?: number
  /** Quote cards, shared with the other adapters so each card is drawn once (default: a renderer of its own). */
  cards?: CardSource
  /** A bot that records nothing (src/bot/warm-up.ts), to warm the rendering with before connecting. */
  warmUp?: Bot
  /** Interaction ids claimed across instances through the store (default: this process's memory alone). */
  claims?: DeliveryClaims
}

export interface DiscordHandle extends AdapterHandle {
  readonly client: Client
}

class LoginTimeout extends Error {}

/**
 * The variable to name when login failed: the token when Discord refused it (401); DISCORD_API_URL when it is
 * set and did not answer as Discord's API does (no answer in time, nothing listening, another HTTP error).
 */
function blame(
  error: unknown,
  apiUrl: string | undefined,
  loginTimeoutMs: number,
): { setting?: string; reason?: string } {
  if (isTokenRefused(error)) return { setting: 'DISCORD_TOKEN', reason: 'rejected by Discord (401)' }
  if (!apiUrl) return {}
  if (error instanceof LoginTimeout)
    return {
      setting: 'DISCORD_API_URL',
      reason: `(${apiUrl}) did not answer within ${loginTimeoutMs / 1000} s`,
    }
  if (error instanceof DiscordAPIError)
    return { setting: 'DISCORD_API_URL', reason: `(${apiUrl}) answered HTTP ${error.status} to ${error.url}` }
  const why = error instanceof Error ? error.message : String(error)
  return { setting: 'DISCORD_API_URL', reason: `(${apiUrl}) cannot be reached (${why})` }
}

export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    // No privileged intent: a bot still receives the content of messages that mention it and of DMs.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached until a message arrives in one.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  })
}

export async function startDiscord(
  bot: Bot,
  config: DiscordConfig,
  logger: Logger,
  options: DiscordOptions = {},
): Promise<DiscordHandle> {
  const log = logger.child({ adapter: 'discord' })
  const context: HandlerContext = {
    bot,
    log,
    deferAfterMs: options.deferAfterMs ?? 2000,
    cards: options.cards ?? new CardRenderer(),
  }
  if (options.warmUp) await warmUpDiscord(options.warmUp)
  const client = createDiscordClient(config)

  // A rejected async listener becomes an 'error' event; without a listener the process would exit.
  client.on(Events.Error, (error) => log.error({ error: describeError(error) }, 'discord client error'))
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord warning'))
  client.on(Events.ShardError, (error, shardId) =>
    log.warn({ shardId, error: describeError(error) }, 'discord shard error'),
  )
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'discord gateway disconnected'),
  )
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'discord gateway reconnecting'))
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, 'discord gateway resumed'),
  )
  client.on(Events.Invalidated, () => log.error('discord session invalidated'))

  // Handlers still answering: awaited on shutdown before the client (and its REST token) goes away.
  const inFlight = new Set<Promise<void>>()
  let stopped = false
  const track = (work: Promise<void>) => {
    inFlight.add(work)
    const forget = () => {
      inFlight.delete(work)
    }
    work.then(forget, forget)
  }

  // A resumed session may replay events. discord.js drops a MESSAGE_CREATE for a message it has cached, but
  // hands every INTERACTION_CREATE on: each interaction is answered once here, and once across instances
  // sharing the store (src/bot/delivery-claims.ts).
  const claims = options.claims ?? new DeliveryClaims()
  const privateBot = privateOnly(bot)
  const answer = async (interaction: Parameters<typeof handleInteraction>[0]) => {
    const claimedAt = Date.now()
    // A keystroke's autocomplete is posted nowhere: nothing to claim, and one database write a key saved.
    const verdict = interaction.isAutocomplete() ? 'first' : await claims.claim(`discord:${interaction.id}`)
    if (verdict === 'repeat') {
      log.info({ interaction: interaction.id }, 'discord: interaction already answered, ignored')
      return
    }
    const requestLog = log.child({ reqId: interaction.id })
    // Unclaimed (the store unreachable): answered, but nothing posted publicly for it.
    await handleInteraction(interaction, {
      ...context,
      log: requestLog,
      // Discord's 3 s run from the interaction: the time its claim took comes off the wait before deferring.
      deferAfterMs: Math.max(0, context.deferAfterMs - (Date.now() - claimedAt)),
      ...(verdict === 'unverified' ? { bot: privateBot } : {}),
    })
  }

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopped) return
    track(
      answer(interaction).catch((error: unknown) =>
        log.error({ error: describeError(error) }, 'discord interaction listener failed'),
      ),
    )
  })
  client.on(Events.MessageCreate, (message) => {
    if (stopped) return
    track(
      handleMessage(message, { ...context, log: log.child({ reqId: message.id }) }).catch((error: unknown) =>
        log.error({ error: describeError(error) }, 'discord message listener failed'),
      ),
    )
  })

  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000
  let timer: NodeJS.Timeout | undefined
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve())
    timer = setTimeout(
      () => reject(new DiscordStartError(`not ready after ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    )
  })
  // Login may fail first; the ready promise must not then surface as an unhandled rejection.
  ready.catch(() => undefined)
  const loginTimeoutMs = options.loginTimeoutMs ?? 10_000
  let loginTimer: NodeJS.Timeout | undefined
  const loginDeadline = new Promise<never>((_resolve, reject) => {
    loginTimer = setTimeout(() => reject(new LoginTimeout()), loginTimeoutMs)
  })
  try {
    await Promise.race([client.login(config.token), loginDeadline])
    clearTimeout(loginTimer)
    await ready
  } catch (error) {
    await client.destroy().catch(() => undefined)
    if (error instanceof DiscordStartError) throw error
    throw new DiscordStartError(
      error instanceof LoginTimeout
        ? `login: no answer from Discord's API within ${loginTimeoutMs / 1000} s`
        : `login failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, ...blame(error, config.apiUrl, loginTimeoutMs) },
    )
  } finally {
    clearTimeout(timer)
    clearTimeout(loginTimer)
  }
  log.info({ user: client.user?.id, guilds: client.guilds.cache.size }, 'discord ready')

  return {
    client,
    status: () => (stopped ? 'stopped' : client.isReady() ? 'ready' : 'connecting'),
    async postDailyQuote(channelId: string, item: AnswerItem, card?: CardFile) {
      const channel = await client.channels.fetch(channelId)
      if (!channel?.isSendable()) throw new DiscordStartError(`channel ${channelId} cannot receive messages`)
      const message = renderDailyQuote(item)
      await channel.send(
        card
          ? { ...withCard(message, card), files: [cardAttachment(card)], allowedMentions: NO_MENTIONS }
          : { ...message, allowedMentions: NO_MENTIONS },
      )
    },
    async stop() {
      if (stopped) return
      stopped = true
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
      await client.destroy()
      log.info('discord stopped')
    },
  }
}
