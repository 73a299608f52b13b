/**
 * What the HTTP endpoint answers to each kind of interaction: the same core, rendering and click semantics as
 * the gateway handlers, spoken as raw callbacks. Slow answers are deferred, then finished through the
 * interaction's webhook.
 */

import type { ActionOutcome, Bot } from '../../../bot/bot.js'
import { cutQuestion } from '../../../bot/question-length.js'
import type { CardImage, CardSource } from '../../../cards/card-renderer.js'
import type { Logger } from '../../../logger.js'
import { toChoices } from '../autocomplete-choices.js'
import { COMMAND_NAME, QUESTION_OPTION } from '../command-definition.js'
import { NO_MENTIONS, requesterOf, withDeadline } from '../context.js'
import { describeError } from '../errors.js'
import { optionText } from '../inbound.js'
import { CARD_FAILED, cardResponse, clickResponse } from '../outcome.js'
import { multipartMessage, type RenderedMessage, renderAnswer, renderNotice } from '../render-message.js'
import {
  APPLICATION_COMMAND,
  AUTOCOMPLETE,
  AUTOCOMPLETE_RESULT,
  BUTTON,
  DEFERRED_MESSAGE,
  DEFERRED_UPDATE,
  EPHEMERAL,
  MESSAGE,
  MESSAGE_COMPONENT,
  PING,
  PONG,
  type RawInteraction,
  UPDATE,
} from './payload.js'

export interface CallbackBody {
  type: number
  data?: Record<string, unknown>
}

export interface AnswerContext {
  bot: Bot
  /** Answers slower than this are deferred. */
  deferAfterMs: number
  /** Quote cards, drawn after the acknowledgement. */
  cards: CardSource
  log: Logger
  /** Edits the original response (PATCH) or adds a follow-up message (POST); a FormData carries a file. */
  followUp(
    interaction: RawInteraction,
    method: 'PATCH' | 'POST',
    data: Record<string, unknown> | FormData,
  ): Promise<void>
}

export const asMessage = (message: RenderedMessage, ephemeral: boolean): Record<string, unknown> => ({
  ...message,
  allowed_mentions: NO_MENTIONS,
  ...(ephemeral ? { flags: EPHEMERAL } : {}),
})

/** Answers one validated interaction; `send` writes the HTTP response (only its first call counts). */
export async function answerInteraction(
  context: AnswerContext,
  interaction: RawInteraction,
  send: (callback: CallbackBody) => void,
): Promise<void> {
  const user = interaction.member?.user ?? interaction.user
  const options = interaction.data?.options ?? []
  switch (interaction.type) {
    case PING:
      send({ type: PONG })
      return
    case AUTOCOMPLETE: {
      const focused = options.find((option) => option.focused)
      const partial = focused?.name === QUESTION_OPTION ? cutQuestion(optionText(focused.value)) : undefined
      const choices = partial === undefined ? [] : toChoices(context.bot.autocomplete(partial))
      send({ type: AUTOCOMPLETE_RESULT, data: { choices } })
      return
    }
    case APPLICATION_COMMAND: {
      if (interaction.data?.name !== COMMAND_NAME || !user) {
        send({
          type: MESSAGE,
          data: asMessage(renderNotice('Cette commande n’existe plus. Utilisez /ia-cinema.'), true),
        })
        return
      }
      const value = options.find((option) => option.name === QUESTION_OPTION)?.value
      let deferred = false
      const answer = await withDeadline(
        context.bot.ask(cutQuestion(optionText(value)), requesterOf(user, interaction.locale)),
        context.deferAfterMs,
        async () => {
          deferred = true
          send({ type: DEFERRED_MESSAGE, data: { flags: EPHEMERAL } })
        },
      )
      const data = asMessage(renderAnswer(answer), true)
      if (deferred) await context.followUp(interaction, 'PATCH', data)
      else send({ type: MESSAGE, data })
      return
    }
    case MESSAGE_COMPONENT: {
      const customId = interaction.data?.custom_id
      if (interaction.data?.component_type !== BUTTON || customId === undefined || !user) break
      let deferred = false
      const outcome = await withDeadline(
        context.bot.act(customId, requesterOf(user, interaction.locale)),
        context.deferAfterMs,
        async () => {
          deferred = true
          send({ type: DEFERRED_UPDATE })
        },
      )
      const name = user.global_name ?? user.username ?? ''
      if (outcome.type === 'card') {
        // Acknowledged before drawing: a cold renderer may take longer than Discord's 3 seconds.
        if (!deferred) send({ type: DEFERRED_UPDATE })
        await postCard(context, interaction, outcome, { id: user.id, name })
        return
      }
      const onEphemeral = ((interaction.message?.flags ?? 0) & EPHEMERAL) !== 0
      const { mode, message } = clickResponse(outcome, { id: user.id, name }, onEphemeral)
      const data = asMessage(message, mode === 'private')
      if (!deferred) send({ type: mode === 'update' ? UPDATE : MESSAGE, data })
      else await context.followUp(interaction, mode === 'update' ? 'PATCH' : 'POST', data)
      return
    }
  }
  send({ type: MESSAGE, data: asMessage(renderNotice('Cette action n’est pas prise en charge.'), true) })
}

/** The card as a public follow-up with the PNG attached, or a private word when it cannot be drawn. */
async function postCard(
  context: AnswerContext,
  interaction: RawInteraction,
  outcome: Extract<ActionOutcome, { type: 'card' }>,
  clicker: { id: string; name: string },
): Promise<void> {
  let card: CardImage
  try {
    card = await context.cards.card(outcome.item, outcome.corpusVersion)
  } catch (error) {
    context.log.error({ interaction: interaction.id, error: describeError(error) }, 'discord card failed')
    await context.followUp(interaction, 'POST', asMessage(renderNotice(CARD_FAILED), true))
    return
  }
  const data = asMessage(cardResponse(outcome.item, card, clicker), false)
  await context.followUp(interaction, 'POST', multipartMessage(data, card))
}
