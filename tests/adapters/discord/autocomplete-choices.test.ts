import { describe, expect, it } from 'vitest'
import { toChoices } from '../../../src/adapters/discord/autocomplete-choices.js'

describe('toChoices', () => {
  it('keeps at most 25 choices, names cut to 100, values over 100 dropped, duplicates and blanks removed', () => {
    const choices = toChoices([
      { name: 'n'.repeat(300), value: 'long-name' },
      { name: 'trop long', value: 'v'.repeat(101) },
      { name: 'vide', value: '   ' },
      { name: '', value: 'sans-nom' },
      { name: 'doublon', value: 'long-name' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })),
    ])
    expect(choices).toHaveLength(25)
    expect(choices[0]).toEqual({ name: `${'n'.repeat(99)}…`, value: 'long-name' })
    expect(choices[1]).toEqual({ name: 'sans-nom', value: 'sans-nom' })
    expect(choices.every((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100)).toBe(
      true,
    )
  })

  it('ignores malformed suggestions', () => {
    // biome-ignore lint/suspicious/noExplicitAny: simulates a core returning garbage.
    expect(toChoices([null, { name: 1, value: 2 }, { name: 'ok', value: 'ok' }] as any)).toEqual([
      { name: 'ok', value: 'ok' },
    ])
  })
})
