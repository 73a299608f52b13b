import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt'
import { SLASH_COMMAND } from '../../../../commands/command.js'
import { cutQuestion } from '../../../bot/question-length.js'
import {
  errorFields,
  renderSafely,
  replyPrivately,
  type SlackDeps,
  safeAsk,
  slackRequester,
} from '../reply.js'

export const COMMAND_NAME = `/${SLASH_COMMAND.name}`

const LATE = Symbol('late')

/** Resolves with the value, or with LATE once `ms` have passed, whichever comes first. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/ia-cinema <texte>`. The answer normally travels in the acknowledgement itself (one round trip, and it
 * works even where the bot is not a channel member). If the bot is slow, the command is acknowledged empty
 * before Slack's 3-second deadline and the answer follows through the response_url.
 */
export function iaCinemaCommand(deps: SlackDeps) {
  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const requester = slackRequester(command.user_id)
    // Cut before anything reads it: only the part the engine reads is worth carrying.
    const pending = safeAsk(deps, cutQuestion(command.text ?? ''), requester)
    const early = await within(pending, deps.ackBudgetMs)
    if (early !== LATE) {
      const message = renderSafely(deps, early)
      try {
        await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks })
        return
      } catch (error) {
        // The HTTP response may already be gone (client disconnect); the response_url still works.
        deps.logger.warn(errorFields(error), 'slack: ack with the answer failed')
      }
    } else {
      try {
        await ack()
      } catch (error) {
        deps.logger.warn(errorFields(error), 'slack: empty ack failed')
      }
    }
    const answer = await pending
    const target = {
      client,
      respond,
      channel: command.channel_id,
      user: command.user_id,
      logger: deps.logger,
    }
    await replyPrivately(target, renderSafely(deps, answer))
  }
}
