import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cut,
  cutEscaped,
  defuseMentions,
  escapeMarkdown,
  truncate,
} from '../../../src/adapters/discord/markdown.js'

/** What Discord shows for escaped text: each backslash escape read as its character, ZWSP invisible. */
const shown = (escaped: string) => escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u200b/g, '')

describe('escapeMarkdown', () => {
  it('escapes inline markers and line-start block markers', () => {
    expect(escapeMarkdown('a*b_c~d`e|f\\g[h]i')).toBe('a\\*b\\_c\\~d\\`e\\|f\\\\g\\[h\\]i')
    expect(escapeMarkdown('> q\n  # h\n-# s\n- l\n12. n\na > b')).toBe(
      '\\> q\n  \\# h\n\\-# s\n\\- l\n12\\. n\na > b',
    )
  })

  it('defuses every kind of mention', () => {
    for (const mention of [
      '@everyone',
      '@here',
      '<@123>',
      '<@!123>',
      '<@&123>',
      '<#123>',
      '</cmd:1>',
      '<t:1:R>',
      '<:e:1>',
    ]) {
      const escaped = escapeMarkdown(mention)
      expect(escaped).not.toBe(mention)
      expect(shown(escaped)).toBe(mention)
    }
    expect(defuseMentions('écrivez à a@b.fr')).toBe('écrivez à a@\u200bb.fr')
  })

  it('shows any text exactly as written', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        fc.pre(!text.includes('\u200b'))
        expect(shown(escapeMarkdown(text))).toBe(text)
      }),
    )
  })

  it('leaves no markdown marker unescaped', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const escaped = escapeMarkdown(text)
        expect(escaped.replace(/\\./gs, '')).not.toMatch(/[*_~`|[\]\\]/)
        expect(escaped).not.toMatch(/^[ \t]*([>#+-]|\d+\.)/m)
      }),
    )
  })
})

describe('cutting', () => {
  it('never splits a surrogate pair', () => {
    expect(cut('a😀b', 2)).toBe('a')
    expect(truncate('😀😀😀', 4)).toBe('😀…')
    expect(truncate('court', 10)).toBe('court')
    expect(truncate('abc', 0)).toBe('')
  })

  it('never leaves a dangling backslash in escaped text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.nat(120), (text, max) => {
        const out = cutEscaped(escapeMarkdown(text), max)
        expect(out.length).toBeLessThanOrEqual(max)
        expect(out.replace(/\\./gs, '')).not.toContain('\\')
      }),
    )
  })
})
