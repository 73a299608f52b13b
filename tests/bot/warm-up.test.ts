import { describe, expect, it } from 'vitest'
import { WARM_UP_QUESTIONS, warmUp } from '../../src/bot/warm-up.js'
import { projectEngine } from '../helpers/engine.js'

describe('warmUp', () => {
  it('runs every kind of request a user can make through the serving engine, and returns the answers', async () => {
    const engine = await projectEngine()
    const answers = await warmUp(() => engine, 1)
    expect(answers).toHaveLength(WARM_UP_QUESTIONS.length)
    const kinds = new Set(answers.map((answer) => answer.kind))
    // Searches that find passages and one that finds nothing, quotes, the job map, sources, the tour, help.
    expect([...kinds].sort()).toEqual(['empty', 'help', 'jobs', 'quote', 'results', 'sources', 'tour'])
    expect(answers.every((answer) => answer.kind !== 'error')).toBe(true)
  })
})
