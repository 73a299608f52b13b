import { parse, stringify } from 'node:querystring'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formText } from '../../../../src/adapters/slack/edge/form-text.js'

const LIMITS = { text: 50, other: 20 }
const read = (body: string) => formText(Buffer.from(body), LIMITS)

describe('formText (a form body, decoded only as far as it can be used)', () => {
  it('gives a body whose fields fit back whole, byte for byte', () => {
    for (const body of [
      stringify({ command: '/ia-cinema', text: 'monteur', user_id: 'U1' }),
      stringify({ command: '/ia-cinema', text: 'é'.repeat(50), extra: ['a', 'b'] }),
      '',
      'command=%2Fx&&text&=v&',
    ]) {
      expect(read(body)).toEqual({ text: body, cut: false })
    }
  })

  it('never cuts a body that is not a slash command (an interaction’s payload)', () => {
    const body = stringify({ payload: JSON.stringify({ type: 'block_actions', big: 'x'.repeat(10_000) }) })
    expect(read(body)).toEqual({ text: body, cut: false })
  })

  it('keeps every character that can be used of a long value, whatever it is made of', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.string({ maxLength: 200 }),
        (text, name) => {
          const body = stringify({ command: '/x', text, channel_name: name })
          const fields = parse(read(body).text)
          expect(String(fields.text).slice(0, LIMITS.text)).toBe(text.slice(0, LIMITS.text))
          expect(String(fields.channel_name).slice(0, LIMITS.other)).toBe(name.slice(0, LIMITS.other))
          expect(fields.command).toBe('/x')
        },
      ),
      { numRuns: 300 },
    )
  })

  it('cuts a megabyte of text to a few hundred bytes, and says so', () => {
    const body = stringify({
      command: '/ia-cinema',
      text: `monteur ${'montage '.repeat(125_000)}`,
      user_id: 'U1',
    })
    const { text, cut } = read(body)
    expect(cut).toBe(true)
    expect(text.length).toBeLessThan(1000)
    expect(parse(text).user_id).toBe('U1')
  })
})
