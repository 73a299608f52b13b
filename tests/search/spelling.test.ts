import { describe, expect, it } from 'vitest'
import { allowedEdits, editDistance, SpellingCorrector } from '../../src/search/spelling.js'

describe('typo tolerance', () => {
  it('scales with word length: none under 5 letters, 1 from 5, 2 from 9', () => {
    expect([4, 5, 8, 9, 15].map(allowedEdits)).toEqual([0, 1, 1, 2, 2])
  })

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('monteru', 'monteur', 2)).toBe(1)
    expect(editDistance('storybord', 'storyboard', 2)).toBe(1)
    expect(editDistance('abc', 'xyz', 1)).toBe(2) // gave up past the maximum
  })

  it('corrects to the closest known word, the more frequent on a tie', () => {
    const corrector = new SpellingCorrector(
      new Map([
        ['monteur', 5],
        ['monter', 1],
        ['acteurs', 1],
        ['acteur', 7],
      ]),
    )
    // monteur and monter are both one edit away: the more frequent wins.
    expect(corrector.correct('monteru')).toBe('monteur')
    expect(corrector.correct('acteurz')).toBe('acteur')
    expect(corrector.correct('pizza')).toBeUndefined()
    expect(corrector.correct('mont')).toBeUndefined() // too short to guess
  })
})
