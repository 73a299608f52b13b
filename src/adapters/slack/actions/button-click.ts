import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt'
import type { ActionOutcome } from '../../../bot/bot.js'
import { MESSAGES } from '../messages.js'
import { renderNotice, renderShare } from '../render-blocks.js'
import {
  apiErrorCode,
  errorFields,
  outcomeUnknown,
  publishHome,
  renderSafely,
  replyPrivately,
  type SlackDeps,
  slackRequester,
} from '../reply.js'
import { CardUploadError, shareCard } from './share-card.js'

/** Codes meaning the bot may not post in that conversation (private channel it was not invited to…). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'])

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs

/**
 * A click on one of our buttons. The button's value is the whole state (see answers/actions.ts), so any process
 * can answer it. Acknowledged first; the outcome then goes back privately, or publicly for a share or a card.
 */
export function buttonClick(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack()
    const user = body.user.id
    const channel =
      body.channel?.id ??
      (typeof body.container.channel_id === 'string' ? body.container.channel_id : undefined)
    const inHome = body.container.type === 'view'
    const isEphemeral = body.container.is_ephemeral === true
    const threadTs = typeof body.container.thread_ts === 'string' ? body.container.thread_ts : undefined
    const target = { client, respond: inHome ? undefined : respond, channel, user, logger: deps.logger }

    const value = action.type === 'button' ? action.value : undefined
    let outcome: ActionOutcome
    try {
      outcome = value
        ? await deps.bot.act(value, slackRequester(user))
        : { type: 'invalid', message: MESSAGES.unknownButton }
    } catch (error) {
      deps.logger.error(errorFields(error), 'bot.act failed')
      outcome = { type: 'notice', message: MESSAGES.failure }
    }

    const notify = async (message: string) => {
      if (inHome) await publishHome(deps, client, user, message)
      else await replyPrivately(target, renderNotice(message))
    }

    switch (outcome.type) {
      case 'answer':
        if (inHome) await publishHome(deps, client, user, outcome.answer)
        // Replace the clicker's own private answer; a public message (mention reply) must stay as it is.
        else
          await replyPrivately(target, renderSafely(deps, outcome.answer), { replaceOriginal: isEphemeral })
        return
      case 'share': {
        if (!channel) {
          await notify(MESSAGES.shareNeedsChannel)
          return
        }
        try {
          await client.chat.postMessage({
            channel,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            ...renderShare(outcome.item, user),
            unfurl_links: false,
            unfurl_media: false,
          })
        } catch (error) {
          const unknown = outcomeUnknown(error)
          deps.logger.error(
            { ...errorFields(error), outcomeUnknown: unknown },
            'slack: sharing a passage failed',
          )
          // The passage may be in the channel already: saying it failed would invite a second share.
          if (unknown) return
          const code = apiErrorCode(error)
          await notify(code && CANNOT_POST.has(code) ? MESSAGES.cannotPost : MESSAGES.failure)
        }
        return
      }
      case 'card': {
        if (!channel) {
          await notify(MESSAGES.shareNeedsChannel)
          return
        }
        const place = { channel, threadTs }
        if (!deps.recentCards.claim(place, outcome.item.id)) {
          deps.logger.info({ record: outcome.item.id }, 'slack: card already posted there lately, not again')
          await notify(MESSAGES.cardAlreadyPosted)
          return
        }
        try {
          await shareCard(deps, client, { ...place, user }, outcome.item, outcome.corpusVersion)
        } catch (error) {
          const unknown = error instanceof CardUploadError && error.outcomeUnknown
          const cause = error instanceof CardUploadError ? error.cause : error
          deps.logger.error(
            {
              ...errorFields(cause),
              ...(error instanceof CardUploadError ? { step: error.step } : {}),
              outcomeUnknown: unknown,
            },
            'slack: sharing a card failed',
          )
          // The card may be in the channel already: saying it failed would invite a second one. The claim
          // stays, so that a second click does not post it again.
          if (unknown) return
          deps.recentCards.release(place, outcome.item.id)
          const code = apiErrorCode(cause)
          await notify(
            code === 'missing_scope'
              ? MESSAGES.cardNeedsScope
              : code && CANNOT_POST.has(code)
                ? MESSAGES.cannotPost
                : MESSAGES.cardFailed,
          )
        }
        return
      }
      case 'notice':
      case 'invalid':
        await notify(outcome.message)
        return
    }
  }
}
