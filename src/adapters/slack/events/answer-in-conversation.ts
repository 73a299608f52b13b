import type { webApi } from '@slack/bolt'
import { MESSAGES } from '../messages.js'
import { renderNotice } from '../render-blocks.js'
import {
  errorFields,
  outcomeUnknown,
  renderSafely,
  type SlackDeps,
  safeAsk,
  slackRequester,
} from '../reply.js'

interface Conversation {
  client: webApi.WebClient
  channel: string
  /** Thread to answer in; undefined answers at the top level (a DM written outside a thread). */
  threadTs?: string
  user?: string
  text: string
}

/**
 * Asks the bot and posts the answer in the conversation. If posting fails, the asker gets a short private
 * French message when Slack lets us; either way the failure is logged, never thrown.
 */
export async function answerInConversation(deps: SlackDeps, conversation: Conversation): Promise<void> {
  const { client, channel, threadTs, user } = conversation
  const answer = await safeAsk(deps, conversation.text, slackRequester(user))
  // Unclaimed (the shared store unreachable): the answer goes to the asker alone, never into the channel,
  // where another instance may have answered already. A DM is the asker's alone anyway.
  if (deps.publicPosts === false && user && !channel.startsWith('D')) {
    await client.chat
      .postEphemeral({
        channel,
        user,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...renderSafely(deps, answer),
      })
      .catch((error: unknown) =>
        deps.logger.error({ ...errorFields(error), channel }, 'slack: chat.postEphemeral failed'),
      )
    return
  }
  try {
    await client.chat.postMessage({
      channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...renderSafely(deps, answer),
      // Source links would otherwise unfurl into large previews under every answer.
      unfurl_links: false,
      unfurl_media: false,
    })
  } catch (error) {
    const unknown = outcomeUnknown(error)
    deps.logger.error(
      { ...errorFields(error), channel, outcomeUnknown: unknown },
      'slack: chat.postMessage failed',
    )
    // Slack may have posted the answer after all: an apology beside it would be wrong, a second try a duplicate.
    if (!user || unknown) return
    try {
      await client.chat.postEphemeral({
        channel,
        user,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...renderNotice(MESSAGES.failure),
      })
    } catch (second) {
      deps.logger.error({ ...errorFields(second), channel }, 'slack: could not tell the user either')
    }
  }
}

/** Removes mentions of the bot from a message so that only the question reaches it. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId
    ? new RegExp(`<@${botUserId.replace(/[^A-Z0-9]/gi, '')}(?:\\|[^>]*)?>`, 'g')
    : // Without the bot's id (should not happen after auth.test), drop a leading mention only.
      /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/i
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim()
}
