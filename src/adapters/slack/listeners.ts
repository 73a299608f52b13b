import type { App } from '@slack/bolt'
import { type DeliveryClaims, privateOnly } from '../../bot/delivery-claims.js'
import type { Logger } from '../../logger.js'
import { escapeRegExp } from '../../text/regexp.js'
import { buttonClick } from './actions/button-click.js'
import { RecentCards } from './actions/recent-cards.js'
import { COMMAND_NAME, iaCinemaCommand } from './commands/ia-cinema.js'
import { slackDeliveryId } from './edge/claim.js'
import { appHomeOpened } from './events/app-home-opened.js'
import { appMention } from './events/app-mention.js'
import { directMessage } from './events/direct-message.js'
import { ACTION_ID_PREFIX } from './render-blocks.js'
import { errorFields, type SlackDeps } from './reply.js'

/**
 * Event subscriptions the listeners below need, as the manifest spells them (`message.im` is the `message`
 * event restricted to DMs). The manifest test checks that the manifest subscribes to each of them.
 */
export const EVENT_SUBSCRIPTIONS = ['app_mention', 'app_home_opened', 'message.im'] as const

/** Slash commands the listeners below answer; the manifest test checks them too. */
export const COMMANDS = [COMMAND_NAME] as const

// Unique within a process, cheap to make (a random UUID per request showed in load profiles).
const processTag = `${process.pid.toString(36)}${Date.now().toString(36)}`
let requestCount = 0
const nextRequestId = () => `${processTag}-${(++requestCount).toString(36)}`

/** A request's logger, with its own request id; the pino child is only built if the request logs. */
function lazyChild(base: Logger): Logger {
  let child: Logger | undefined
  return new Proxy(base, {
    get(_target, property) {
      child ??= base.child({ reqId: nextRequestId() })
      const value = Reflect.get(child, property, child)
      return typeof value === 'function' ? value.bind(child) : value
    },
  })
}

/** The delivery a listener's request came with, as edge/inbound.ts names it. */
function deliveryOf(args: unknown): string | undefined {
  const body = (args as { body?: { event_id?: unknown; trigger_id?: unknown } }).body
  if (typeof body?.event_id === 'string') return slackDeliveryId(`event:${body.event_id}`)
  if (typeof body?.trigger_id === 'string') return slackDeliveryId(`trigger:${body.trigger_id}`)
  return undefined
}

/** Every listener, for HTTP and Socket Mode alike; the app's memory of recent cards is made here if not given. */
export function registerListeners(
  app: App,
  given: Omit<SlackDeps, 'recentCards'> & Partial<Pick<SlackDeps, 'recentCards'>>,
  claims?: DeliveryClaims,
): { drain(): Promise<void> } {
  const deps: SlackDeps = { ...given, recentCards: given.recentCards ?? new RecentCards() }
  const privateBot = privateOnly(deps.bot)
  // Work still running after Bolt has acknowledged (events, clicks, late answers): awaited on shutdown.
  const inFlight = new Set<Promise<void>>()
  // Each request gets its own logger child with a request id, so its log lines can be told apart.
  const perRequest =
    <A>(make: (deps: SlackDeps) => (args: A) => Promise<void>) =>
    (args: A) => {
      // A delivery the shared store could not claim may be answered, but nothing goes public for it.
      const publicPosts = claims?.publicAllowed(deliveryOf(args)) ?? true
      const work = make({
        ...deps,
        logger: lazyChild(deps.logger),
        ...(publicPosts ? {} : { bot: privateBot, publicPosts }),
      })(args)
      inFlight.add(work)
      const forget = () => {
        inFlight.delete(work)
      }
      work.then(forget, forget)
      return work
    }
  app.command(COMMAND_NAME, perRequest(iaCinemaCommand))
  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${escapeRegExp(ACTION_ID_PREFIX)}`) },
    perRequest(buttonClick),
  )
  // One listener for the three events: Bolt runs every listener's matching on every request, slash commands
  // included, so fewer listeners is less work per request.
  const onMention = perRequest(appMention)
  const onMessage = perRequest(directMessage)
  const onHomeOpened = perRequest(appHomeOpened)
  const events = new RegExp(`^(${EVENT_SUBSCRIPTIONS.map((e) => e.split('.')[0]).join('|')})$`)
  app.event(events, async (args) => {
    switch (args.event.type) {
      case 'app_mention':
        return onMention(args as unknown as Parameters<typeof onMention>[0])
      case 'message':
        return onMessage(args as unknown as Parameters<typeof onMessage>[0])
      case 'app_home_opened':
        return onHomeOpened(args as unknown as Parameters<typeof onHomeOpened>[0])
    }
  })

  // Last net: listeners catch their own failures, so anything reaching here is a bug. Logged, and swallowed so
  // that Bolt does not turn it into an unhandled rejection.
  app.error(async (error) => {
    deps.logger.error(
      { ...errorFields(error), original: errorFields(error.original) },
      'slack: unhandled listener error',
    )
  })

  return {
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}
