import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import { cutQuestion } from '../../../bot/question-length.js'
import type { SlackDeps } from '../reply.js'
import { answerInConversation, stripBotMention } from './answer-in-conversation.js'

/** A message in the bot's DM (Messages tab): answered in the DM, in the thread when written in one. */
export function directMessage(deps: SlackDeps) {
  return async ({ event, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    // Edits, deletions, joins and bot posts (our own answers included) are message events too.
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event) return
    await answerInConversation(deps, {
      client,
      channel: event.channel,
      threadTs: event.thread_ts,
      user: event.user,
      text: stripBotMention(cutQuestion(event.text ?? ''), context.botUserId),
    })
  }
}
