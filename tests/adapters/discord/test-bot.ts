/**
 * The real bot over the project's corpus, as the end-to-end tests drive it, plus a few reserved inputs that make the core misbehave on demand
 * (throw, be slow) or return outcomes a real click cannot produce deterministically.
 */

import type { ActionOutcome, Bot } from '../../../src/bot/bot.js'
import { projectBot } from '../../helpers/engine.js'

export const EDITORS_PHRASE = 'Les logiciels d’IA automatisent le montage de base'
export const THREATENED_PHRASE =
  'identifie clairement les postes juniors et techniques comme les plus vulnérables'

export const SLOW_MS = 1500

export async function createTestBot(): Promise<Bot> {
  const core = await projectBot()
  return {
    async ask(text, requester) {
      if (text === 'test:boom') throw new Error('boom')
      if (text.startsWith('test:slow ')) {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS))
        return core.ask(text.slice('test:slow '.length), requester)
      }
      return core.ask(text, requester)
    },
    async act(actionId, requester): Promise<ActionOutcome> {
      if (actionId === 'test:answer')
        return { type: 'answer', answer: await core.ask('quels métiers sont menacés ?', requester) }
      if (actionId === 'test:notice') return { type: 'notice', message: 'Merci pour votre avis.' }
      return core.act(actionId, requester)
    },
    autocomplete: (partial) => core.autocomplete(partial),
    onboarding: () => core.onboarding(),
  }
}
