import { describe, expect, it } from 'vitest'
import { cutQuestion, MAX_QUESTION_CHARS } from '../../src/bot/question-length.js'
import { MAX_QUERY_CHARS } from '../../src/search/engine.js'

describe('cutQuestion', () => {
  it('keeps what the engine reads, and one character more so that it sees the question was cut', () => {
    expect(MAX_QUESTION_CHARS).toBe(MAX_QUERY_CHARS + 1)
    const long = `monteur ${'x'.repeat(40_000)}`
    expect(cutQuestion(long)).toBe(long.slice(0, MAX_QUESTION_CHARS))
  })

  it('leaves a question of any shorter length as it is', () => {
    expect(cutQuestion('')).toBe('')
    const exact = 'é'.repeat(MAX_QUESTION_CHARS)
    expect(cutQuestion(exact)).toBe(exact)
  })

  it('does not split an emoji in two', () => {
    const text = `${'a'.repeat(MAX_QUESTION_CHARS - 1)}🎬🎬`
    const cut = cutQuestion(text)
    expect(cut).toBe('a'.repeat(MAX_QUESTION_CHARS - 1))
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/)
  })
})
