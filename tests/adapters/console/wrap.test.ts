import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { displayWidth, units, wrap } from '../../../src/adapters/console/wrap.js'

const BOLD = (text: string) => `\u001b[1m${text}\u001b[22m`
const LINK = (label: string, url: string) => `\u001b]8;;${url}\u001b\\${label}\u001b]8;;\u001b\\`

describe('displayWidth', () => {
  it('counts columns: escapes take none, emoji two, combining accents none', () => {
    expect(displayWidth(BOLD('montage'))).toBe(7)
    expect(displayWidth(LINK('[1]', 'https://example.com/a b'))).toBe(3)
    expect(displayWidth('🔴 Métier menacé')).toBe(16)
    expect(displayWidth('e\u0301te\u0301')).toBe(3)
  })
})

describe('wrap', () => {
  it('breaks at spaces, never inside a word, with a hanging indent', () => {
    const text = 'Les logiciels d’IA automatisent le montage de base, notamment pour les formats courts.'
    const lines = wrap(text, 30, '1. ', '   ')
    expect(lines).toEqual([
      '1. Les logiciels d’IA',
      '   automatisent le montage de',
      '   base, notamment pour les',
      '   formats courts.',
    ])
  })

  it('keeps French punctuation, guillemets and thousands with their word', () => {
    const lines = wrap('près de 300 000 personnes : « IA low cost » ?', 12)
    for (const line of lines) {
      expect(line).not.toMatch(/^[:?»]/)
      expect(line).not.toMatch(/«$/)
    }
    expect(lines.join(' ')).toContain('300 000')
  })

  it('puts a word wider than the line alone on its line, whole (an address stays openable)', () => {
    const url = `https://example.com/${'a'.repeat(100)}`
    expect(wrap(`Voir ${url} ici`, 40)).toEqual(['Voir', url, 'ici'])
  })

  it('leaves each paragraph on one line without a width (pipes and files)', () => {
    const text = `${'mot '.repeat(100)}fin`
    expect(wrap(text, undefined, '   ')).toEqual([`   ${text}`])
  })

  it('for any text and width: lines only as wide as the width unless one word, and every word whole', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-zéèàœ’]{1,12}$/),
      fc.constantFrom('«', '»', ':', '?', '300', '000', BOLD('gras'), '🔴', 'x'.repeat(50)),
    )
    const texts = fc.array(word, { minLength: 1, maxLength: 60 }).map((words) => words.join(' '))
    fc.assert(
      fc.property(texts, fc.integer({ min: 10, max: 120 }), (text, width) => {
        const lines = wrap(text, width)
        expect(lines.join(' ')).toBe(text)
        // Units are what may not be broken (a word with the punctuation that belongs to it).
        expect(lines.flatMap((line) => units(line))).toEqual(units(text))
        for (const line of lines) {
          if (displayWidth(line) > width) expect(units(line)).toHaveLength(1)
        }
      }),
    )
  })
})
