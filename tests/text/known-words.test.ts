import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frontCode } from '../../scripts/import/front-code.js'
import { KnownWordsError, loadKnownWords, readKnownWords } from '../../src/text/known-words.js'
import { fold } from '../../src/text/normalize.js'

describe('loadKnownWords (the committed lexicon/ files)', () => {
  const known = loadKnownWords()

  it('knows French words, inflected forms included, whatever their accents', () => {
    for (const word of ['remis', 'masse', 'monteuses', 'disparaîtra', 'réalisateur', 'œuvres', 'emploi']) {
      expect(known.has(fold(word)), word).toBe(true)
    }
  })

  it('knows English words', () => {
    for (const word of ['the', 'editors', 'jobs', 'threatened', 'storyboard']) {
      expect(known.has(fold(word)), word).toBe(true)
    }
  })

  it('does not know typos, nor words given unfolded', () => {
    for (const word of ['storybord', 'monteurr', 'scenaritse', 'femis', 'disparaîtra', '', 'remis ']) {
      expect(known.has(word), word).toBe(false)
    }
  })

  it('is read once per process', () => {
    expect(loadKnownWords()).toBe(known)
    expect(known.size).toBeGreaterThan(500_000)
  })
})

describe('readKnownWords', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'known-words-'))
  const write = (name: string, words: Iterable<string>) => {
    const file = path.join(dir, name)
    writeFileSync(file, frontCode(words))
    return file
  }

  it('answers from any of its lists', () => {
    const known = readKnownWords([write('a.txt', ['monteur', 'montage']), write('b.txt', ['editor'])])
    expect(['monteur', 'montage', 'editor'].map((w) => known.has(w))).toEqual([true, true, true])
    expect(['monte', 'monteurs', 'edito', 'zzz', 'a'].some((w) => known.has(w))).toBe(false)
    expect(known.size).toBe(3)
  })

  it('finds exactly the words it was given, across blocks and at both ends', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'é', 'œ', '-', 'ß'),
      minLength: 1,
      maxLength: 8,
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 80 }),
        fc.array(word, { maxLength: 20 }),
        (words, probes) => {
          const known = readKnownWords([write('p.txt', words)])
          for (const w of [...words, ...probes]) expect(known.has(w)).toBe(words.includes(w))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('says which file is missing, in one line', () => {
    const missing = path.join(dir, 'absent.txt')
    expect(() => readKnownWords([missing])).toThrowError(KnownWordsError)
    expect(() => readKnownWords([missing])).toThrowError(
      `${missing}: missing (npm run dictionary:import regenerates lexicon/)`,
    )
  })
})
