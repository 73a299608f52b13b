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

describe('candidates', () => {
  /** What correct() must return: the best word of a scan of the whole vocabulary. */
  function scan(vocabulary: Map<string, number>, word: string): string | undefined {
    const edits = allowedEdits(word.length)
    let best: [string, number, number] | undefined
    for (const [candidate, frequency] of vocabulary) {
      const distance = editDistance(word, candidate, edits)
      if (edits === 0 || distance > edits) continue
      if (
        !best ||
        distance < best[1] ||
        (distance === best[1] && frequency > best[2]) ||
        (distance === best[1] && frequency === best[2] && candidate < best[0])
      )
        best = [candidate, distance, frequency]
    }
    return best?.[0]
  }

  it('finds what a scan of the vocabulary finds, swaps and double swaps included', () => {
    const words = [
      'storyboard',
      'monteur',
      'montage',
      'restauration',
      'doublage',
      'scenariste',
      'etalonnage',
      'etalonneur',
      'cadreur',
      'realisateur',
      'animation',
      'bruiteur',
      'bruitage',
      'acteur',
      'actrice',
    ]
    const vocabulary = new Map(words.map((w, i) => [w, 1 + (i % 4)]))
    const corrector = new SpellingCorrector(vocabulary)
    let random = 7
    const next = (n: number) => {
      random = (random * 48271) % 2147483647
      return random % n
    }
    const typos = new Set<string>()
    for (const word of words) {
      for (let k = 0; k < 40; k++) {
        const letters = [...word]
        for (let edit = 0; edit < 1 + next(3); edit++) {
          const at = next(letters.length - 1)
          const kind = next(4)
          if (kind === 0) letters.splice(at, 1)
          else if (kind === 1)
            [letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string]
          else if (kind === 2) letters[at] = 'aeioustrnl'[next(10)] as string
          else letters.splice(at, 0, 'aeioustrnl'[next(10)] as string)
        }
        typos.add(letters.join(''))
      }
    }
    let corrected = 0
    for (const typo of typos) {
      const expected = scan(vocabulary, typo)
      expect(corrector.correct(typo), typo).toBe(expected)
      if (expected) corrected++
    }
    // Not vacuous: many of these typos are within reach and corrected.
    expect(corrected).toBeGreaterThan(typos.size / 3)
  })
})
