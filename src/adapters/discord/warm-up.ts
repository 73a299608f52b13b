import type { Bot } from '../../bot/bot.js'
import { WARM_UP_QUESTIONS } from '../../bot/warm-up.js'
import { warmUpInbound } from './inbound.js'
import { renderAnswer } from './render-message.js'

/**
 * Renders the answers to the warm-up questions and checks a sample interaction, with a bot that records
 * nothing, so that the first interactions after start do not wait for that code to be compiled.
 */
export async function warmUpDiscord(bot: Bot): Promise<void> {
  const answers = await Promise.all(WARM_UP_QUESTIONS.map((q) => bot.ask(q, { platform: 'discord' })))
  for (const answer of answers) renderAnswer(answer)
  warmUpInbound()
}
