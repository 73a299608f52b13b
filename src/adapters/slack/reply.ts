/**
 * What the listeners share: how to reach the bot, how to answer privately with a fallback, and how to turn a
 * Web API failure into a log line instead of a crash.
 */

import type { RespondArguments, RespondFn, webApi } from '@slack/bolt'
import { type Answer, emptyAnswer } from '../../answers/answer.js'
import type { Bot, Requester } from '../../bot/bot.js'
import type { CardSource } from '../../cards/card-renderer.js'
import type { Logger } from '../../logger.js'
import type { RecentCards } from './actions/recent-cards.js'
import { MESSAGES } from './messages.js'
import { renderAnswer, renderHome, renderNotice, type SlackMessage } from './render-blocks.js'
import { wasRateLimited } from './web-api-policy.js'

type WebClient = webApi.WebClient

export interface SlackDeps {
  bot: Bot
  logger: Logger
  /** How long a slash command waits for the bot before acknowledging empty and answering through respond(). */
  ackBudgetMs: number
  /** Quote cards (the « Carte » button). */
  cards: CardSource
  /**
   * False for a delivery answered without the shared store's claim (src/bot/delivery-claims.ts): nothing is
   * posted publicly for it (the bot refuses shares and cards; a mention is answered privately).
   */
  publicPosts?: boolean
  /** Cards posted lately, so that a repeated click does not post the same card twice in a place. */
  recentCards: RecentCards
}

export function slackRequester(userId: string | undefined, locale?: string): Requester {
  return { platform: 'slack', ...(userId ? { userId } : {}), ...(locale ? { locale } : {}) }
}

/** The error code of a failed Web API call (`not_in_channel`, `channel_not_found`…), when there is one. */
export function apiErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined
  const data = (error as { data?: { error?: unknown } }).data
  return typeof data?.error === 'string' ? data.error : undefined
}

/**
 * Whether a failed Web API call may have taken effect all the same: a timeout, a dropped connection or a 5xx
 * leaves Slack's side unknown (it may have posted). An `ok: false` answer, or a 429, means it did not act.
 */
export function outcomeUnknown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'slack_webapi_http_error') return true
  return code === 'slack_webapi_request_error' && !wasRateLimited(error)
}

/** Fields worth logging about an error, without the request body (which may carry tokens). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) }
  const code = (error as { code?: unknown }).code
  return { err: { name: error.name, message: error.message, code, apiError: apiErrorCode(error) } }
}

/** The bot promises never to throw; this keeps that promise at the boundary even if a bug breaks it. */
export async function safeAsk(deps: SlackDeps, text: string, requester: Requester): Promise<Answer> {
  try {
    return await deps.bot.ask(text, requester)
  } catch (error) {
    deps.logger.error({ ...errorFields(error), platform: 'slack' }, 'bot.ask failed')
    const answer = emptyAnswer('error', 'ia-cinema')
    answer.lines = [MESSAGES.failure]
    return answer
  }
}

const rendered = new WeakMap<Answer, SlackMessage>()

/**
 * Renders an answer; a malformed one (a core bug) becomes the short failure message instead of an exception,
 * so that a slash command is still acknowledged in time.
 */
export function renderSafely(deps: SlackDeps, answer: Answer): SlackMessage {
  try {
    // The core hands out the same Answer object for a popular question: render it once.
    let message = rendered.get(answer)
    if (!message) {
      message = renderAnswer(answer)
      rendered.set(answer, message)
    }
    return message
  } catch (error) {
    deps.logger.error(errorFields(error), 'slack: could not render an answer')
    return renderNotice(MESSAGES.failure)
  }
}

interface PrivateTarget {
  client: WebClient
  respond?: RespondFn
  /** Where to fall back to chat.postEphemeral when the response_url fails. */
  channel?: string
  user: string
  logger: Logger
}

/**
 * An ephemeral reply: through the response_url first (it works even where the bot is not a member), then
 * chat.postEphemeral. Returns whether one of them got through; failures are logged, never thrown.
 */
export async function replyPrivately(
  target: PrivateTarget,
  message: SlackMessage,
  options: { replaceOriginal?: boolean } = {},
): Promise<boolean> {
  if (target.respond) {
    const body: RespondArguments = {
      response_type: 'ephemeral',
      replace_original: options.replaceOriginal ?? false,
      text: message.text,
      blocks: message.blocks,
    }
    try {
      await target.respond(body)
      return true
    } catch (error) {
      target.logger.warn(errorFields(error), 'slack: respond() failed, falling back to chat.postEphemeral')
    }
  }
  if (!target.channel) return false
  try {
    await target.client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text: message.text,
      blocks: message.blocks,
    })
    return true
  } catch (error) {
    target.logger.error(errorFields(error), 'slack: chat.postEphemeral failed')
    return false
  }
}

/** Publishes the App Home for one user; `lead` is shown above the onboarding (an answer or a notice). */
export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  lead?: Answer | string,
): Promise<boolean> {
  try {
    await client.views.publish({
      user_id: userId,
      view: { type: 'home', blocks: renderHome(deps.bot.onboarding(), lead) },
    })
    return true
  } catch (error) {
    deps.logger.error(errorFields(error), 'slack: views.publish failed')
    return false
  }
}
