import { describe, expect, it } from 'vitest'
import { WARM_UP_QUESTIONS, warmUp } from '../../src/bot/warm-up.js'
import { projectEngine } from '../helpers/engine.js'

describe('warmUp', () => {
  it('returns a bot over the serving engine whose answers to the warm-up questions cover every kind', async () => {
    const engine = await projectEngine()
    const bot = await warmUp(() => engine, 1)
    const answers = await Promise.all(WARM_UP_QUESTIONS.map((q) => bot.ask(q, { platform: 'console' })))
    const kinds = new Set(answers.map((answer) => answer.kind))
    // Searches that find passages and one that finds nothing, quotes, the job map, sources, the tour, help.
    expect([...kinds].sort()).toEqual(['empty', 'help', 'jobs', 'quote', 'results', 'sources', 'tour'])
  })
})
