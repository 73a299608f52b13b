import type { Message } from 'discord.js'
import { cutQuestion } from '../../../bot/question-length.js'
import { escapeRegExp } from '../../../text/regexp.js'
import { type HandlerContext, NO_MENTIONS, requesterOf } from '../context.js'
import { describeError } from '../errors.js'
import { ERROR_TEXT, renderAnswer, renderNotice } from '../render-message.js'

/** Ids that address the bot in a message: its user, and the role Discord gives it in each server. */
export interface BotIdentity {
  userId: string
  roleIds: readonly string[]
}

function addressPattern(identity: BotIdentity): RegExp {
  const roles = identity.roleIds.map((id) => `<@&${escapeRegExp(id)}>`)
  return new RegExp([`<@!?${escapeRegExp(identity.userId)}>`, ...roles].join('|'), 'g')
}

/** Whether the text mentions the bot explicitly (a reply that merely pings the bot does not count). */
export function addressesBot(content: string, identity: BotIdentity): boolean {
  return addressPattern(identity).test(content)
}

/** The question without the mentions of the bot. */
export function stripBotMentions(content: string, identity: BotIdentity): string {
  return content.replace(addressPattern(identity), ' ').replace(/\s+/g, ' ').trim()
}

function identityOf(message: Message<boolean>): BotIdentity | undefined {
  const userId = message.client.user?.id
  if (!userId) return undefined
  // Typing "@Bot" sometimes picks the bot's managed role instead of the bot itself.
  const roleIds =
    message.guild?.roles.cache.filter((role) => role.tags?.botId === userId).map((role) => role.id) ?? []
  return { userId, roleIds }
}

/** A mention of the bot in a server channel, or any message in a DM with it: answered as a reply. */
export async function handleMessage(message: Message<boolean>, context: HandlerContext): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return
  const identity = identityOf(message)
  if (!identity) return
  // A message can be thousands of characters: only what the engine reads is kept, before anything else.
  const content = cutQuestion(message.content)
  const isDirect = message.guildId === null
  if (!isDirect && !addressesBot(content, identity)) return

  const text = stripBotMentions(content, identity)
  context.log.debug({ message: message.id, direct: isDirect, length: text.length }, 'discord mention')
  try {
    const answer = await context.bot.ask(text, requesterOf(message.author))
    await message.reply({
      ...renderAnswer(answer),
      allowedMentions: { ...NO_MENTIONS, repliedUser: false },
      failIfNotExists: false,
    })
  } catch (error) {
    context.log.error({ error: describeError(error), message: message.id }, 'discord mention failed')
    await message
      .reply({
        ...renderNotice(ERROR_TEXT),
        allowedMentions: { ...NO_MENTIONS, repliedUser: false },
        failIfNotExists: false,
      })
      .catch((replyError: unknown) =>
        context.log.warn(
          { error: describeError(replyError), message: message.id },
          'discord error reply failed',
        ),
      )
  }
}
