import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  boldable,
  escapeText,
  link,
  runsToMrkdwn,
  truncateRaw,
  userMention,
} from '../../../src/adapters/slack/mrkdwn.js'

describe('escapeText', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeText('<!channel> & <@U1> *gras* _it_ « ’ »')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; *gras* _it_ « ’ »',
    )
  })

  it('leaves no raw < or > and decodes back to the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const escaped = escapeText(s)
        expect(escaped).not.toMatch(/[<>]/)
        expect(escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s)
      }),
    )
  })
})

describe('truncateRaw', () => {
  it('keeps short text untouched and cuts long text with an ellipsis, counting escaped length', () => {
    expect(truncateRaw('court', 10)).toBe('court')
    expect(truncateRaw('&&&&', 10)).toBe('&…')
    expect(escapeText(truncateRaw('&&&&', 10)).length).toBeLessThanOrEqual(10)
  })

  it('never splits an emoji', () => {
    const cut = truncateRaw('🎬'.repeat(10), 6)
    expect(cut).toBe('🎬🎬…')
  })
})

describe('runsToMrkdwn', () => {
  it('bolds matched words, with the markers inside the spaces', () => {
    expect(
      runsToMrkdwn(
        [
          { text: 'le', bold: false },
          { text: ' montage ', bold: true },
          { text: 'de base', bold: false },
        ],
        100,
      ),
    ).toBe('le *montage* de base')
  })

  it('does not bold half a word (Slack would show the asterisks)', () => {
    expect(
      runsToMrkdwn(
        [
          { text: 'mont', bold: true },
          { text: 'eurs', bold: false },
        ],
        100,
      ),
    ).toBe('monteurs')
  })

  it('bolds after an apostrophe', () => {
    expect(
      runsToMrkdwn(
        [
          { text: 'l’', bold: false },
          { text: 'IA', bold: true },
        ],
        100,
      ),
    ).toBe('l’*IA*')
  })

  it('stays within the limit, ends with an ellipsis, and never leaves a marker open (property)', () => {
    const runs = fc.array(
      fc.record({ text: fc.string({ maxLength: 50, unit: 'grapheme' }), bold: fc.boolean() }),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(runs, fc.integer({ min: 1, max: 400 }), (rs, max) => {
        const out = runsToMrkdwn(rs, max)
        expect(out.length).toBeLessThanOrEqual(max)
        expect(out).not.toMatch(/[<>]/)
        const full = runsToMrkdwn(rs, 1_000_000)
        if (full.length > max) expect(out.endsWith('…')).toBe(true)
        // Our own markers come in pairs: count those around words we bolded.
        const ours = rs.filter((r) => !r.text.includes('*')).length === rs.length
        if (ours) expect((out.match(/\*/g) ?? []).length % 2).toBe(0)
      }),
      { numRuns: 300 },
    )
  })
})

describe('boldable', () => {
  it('refuses runs that carry their own markers or are blank', () => {
    expect(boldable('a*b', ' ', ' ')).toBe(false)
    expect(boldable('  ', ' ', ' ')).toBe(false)
    expect(boldable('mot', ' ', '.')).toBe(true)
  })
})

describe('link and userMention', () => {
  it('links http(s) URLs only, with the label escaped and | neutralised', () => {
    expect(link('https://a.example/x?a=1&b=2', 'A & B | C')).toBe(
      '<https://a.example/x?a=1&amp;b=2|A &amp; B ¦ C>',
    )
    expect(link('javascript:alert(1)', '<b>')).toBe('&lt;b&gt;')
    expect(link('https://a.example/x|y>z', 'ok')).toBe('<https://a.example/x%7Cy%3Ez|ok>')
  })

  it('mentions only real-looking user ids', () => {
    expect(userMention('U0123ABC')).toBe('<@U0123ABC>')
    expect(userMention('W0123ABC')).toBe('<@W0123ABC>')
    expect(userMention('<!channel>')).toBeUndefined()
    expect(userMention(undefined)).toBeUndefined()
  })
})
