import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt'
import { cutQuestion } from '../../../bot/question-length.js'
import type { SlackDeps } from '../reply.js'
import { answerInConversation, stripBotMention } from './answer-in-conversation.js'

/** `@ia-cinema question` in a channel: answered in the thread of the mention. */
export function appMention(deps: SlackDeps) {
  return async ({ event, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => {
    // A Slack retry reaches here only when no instance acted on its first delivery (edge/claim.ts).
    // Another bot (or a workflow) mentioning us: answering could start a loop between bots.
    if (event.bot_id !== undefined || event.subtype !== undefined) return
    // A mention inside a DM is answered by the message.im listener; answering here too would reply twice.
    if (event.channel.startsWith('D')) return
    await answerInConversation(deps, {
      client,
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      user: event.user,
      // Messages run to 40,000 characters: cut to what the engine reads before anything else reads it.
      text: stripBotMention(cutQuestion(event.text ?? ''), context.botUserId),
    })
  }
}
