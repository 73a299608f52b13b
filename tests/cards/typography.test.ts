import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { frenchTypography, inGuillemets, NBSP } from '../../src/cards/typography.js'

const show = (text: string) => text.replaceAll(NBSP, '~')

describe('French typography on cards', () => {
  it('uses the typographic apostrophe and guillemets', () => {
    expect(frenchTypography("Je n'aurais jamais l'idée")).toBe('Je n’aurais jamais l’idée')
    expect(show(frenchTypography('Il dit "non" puis "oui".'))).toBe('Il dit «~non~» puis «~oui~».')
    // An unpaired straight quote is left as it is rather than guessed.
    expect(frenchTypography('un pouce " de plus')).toBe('un pouce " de plus')
  })

  it('puts a no-break space before : ; ! ? » and after «, adding one where it is missing', () => {
    expect(show(frenchTypography('Qui possède un scénario ? La loi doit trancher ; vite!'))).toBe(
      'Qui possède un scénario~? La loi doit trancher~; vite~!',
    )
    expect(show(frenchTypography('Le CNC prévient : «L’automatisation»'))).toBe(
      'Le CNC prévient~: «~L’automatisation~»',
    )
    expect(show(frenchTypography('« Vraiment ?! »'))).toBe('«~Vraiment~?!~»')
  })

  it('leaves times, addresses and numbers alone, but keeps 70 % and 1 000 together', () => {
    expect(frenchTypography('à 10:30 sur https://example.org')).toBe(`à${NBSP}10:30 sur https://example.org`)
    expect(show(frenchTypography('70 % des données, 1 000 000 d’euros'))).toBe(
      '70~% des données, 1~000~000 d’euros',
    )
  })

  it('keeps a one-letter word with the next one', () => {
    expect(show(frenchTypography('une insulte à la vie même'))).toBe('une insulte à~la vie même')
  })

  it('sets a quotation between guillemets once', () => {
    expect(show(inGuillemets('la lumière doit être pensée, pas calculée'))).toBe(
      '«~la lumière doit être pensée, pas calculée~»',
    )
    expect(show(inGuillemets('« déjà entre guillemets »'))).toBe('«~déjà entre guillemets~»')
  })

  it('never changes a letter or a digit, and is stable when applied twice', () => {
    const letters = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '')
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aé1 :;!?«»"\'%.,-x') }), (text) => {
        const once = frenchTypography(text)
        expect(letters(once)).toBe(letters(text))
        expect(frenchTypography(once)).toBe(once)
      }),
    )
  })
})
