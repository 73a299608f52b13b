import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stripControls, stripControlsDeep, terminalJson } from '../../src/text/controls.js'
import { CONTROL_CHARACTER } from '../helpers/controls.js'

const LEGITIMATE = [
  'L’œil du monteur — « On ne remplace pas un pas dans le gravier » : ça change tout !',
  'Ils ont dit\u00a0: «\u202fnon\u202f» ; 12\u2009000 € · café, déjà, Noël, çà et là',
  'cou\u00adpure (trait d’union conditionnel)',
  'émoji 🎬 👩‍💻 👨‍👩‍👧 ❤️ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 🇫🇷 mots\ttabulés\nligne suivante',
  'مرحبا بالعالم — שלום — 日本語',
]

describe('stripControls', () => {
  it('takes out bells, terminal escapes whole, C1 controls, bidirectional overrides and invisible marks', () => {
    const hostile =
      'a\u0007b\u001b[2J\u001b[31mc\u001b]0;titre volé\u0007d\u001b]8;;https://x.example\u001b\\lien\u001b]8;;\u001b\\e\u009b1mf\u0085g\u202eexe.txt\u202ch\u200bi\u2066j\u2069k\ufeffl\u0000m'
    expect(stripControls(hostile)).toBe('abcdlienefgexe.txthijklm')
    expect(stripControls('une\r\nligne\rpuis\u000bune autre')).toBe('une\nligne\npuisune autre')
  })

  it('keeps French text, every kind of space, the soft hyphen and emoji as they are', () => {
    for (const text of LEGITIMATE) expect(stripControls(text)).toBe(text)
  })

  it('leaves no control character, whatever the text, and changes nothing the second time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const clean = stripControls(text)
        expect(clean).not.toMatch(CONTROL_CHARACTER)
        expect(stripControls(clean)).toBe(clean)
      }),
      { numRuns: 500 },
    )
  })

  it('cleans every string of a plain value, keys and other values untouched', () => {
    expect(stripControlsDeep({ a: ['x\u0007', { b: 'y\u202e' }], n: 3, ok: true, none: null })).toEqual({
      a: ['x', { b: 'y' }],
      n: 3,
      ok: true,
      none: null,
    })
  })
})

describe('terminalJson', () => {
  it('writes control characters as \\u escapes: nothing raw for a terminal, the same value once parsed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        const json = terminalJson({ text })
        expect(json).not.toMatch(CONTROL_CHARACTER)
        expect(json).not.toMatch(/[\u2028\u2029]/)
        expect(JSON.parse(json)).toEqual({ text })
      }),
      { numRuns: 500 },
    )
  })
})
