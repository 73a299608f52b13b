import { describe, expect, it } from 'vitest'
import { findQuote, parseCardArguments } from '../../../src/adapters/cli/card-options.js'
import { projectEngine } from '../../helpers/engine.js'

describe('npm run card: arguments', () => {
  it('reads a quote id or a theme, the size and the output file', () => {
    expect(parseCardArguments(['q3'])).toEqual({ mode: 'card', target: 'q3', format: 'landscape' })
    expect(parseCardArguments(['--', 'chef', 'opérateur', '--square', '-o', 'x.png'])).toEqual({
      mode: 'card',
      target: 'chef opérateur',
      format: 'square',
      output: 'x.png',
    })
    expect(parseCardArguments(['--docs'])).toEqual({ mode: 'docs' })
    expect(parseCardArguments(['--bench'])).toEqual({ mode: 'bench' })
    expect(parseCardArguments(['q3', '--help'])).toEqual({ mode: 'help' })
  })

  it('refuses a missing target, an unknown option and -o without a file, in one line each', () => {
    for (const argv of [[], ['--square'], ['--nope', 'q3'], ['q3', '-o']]) {
      expect(() => parseCardArguments(argv), argv.join(' ')).toThrow(/^(missing|unknown option|-o needs)/)
    }
  })

  it('finds a quote by its id, its short id or a theme, and says when there is none', async () => {
    const engine = await projectEngine()
    const q3 = findQuote(engine, 'q3')
    expect(q3.id).toBe('ia-emploi-cinema-audiovisuel#q3')
    expect(findQuote(engine, q3.id)).toBe(q3)
    expect(findQuote(engine, 'Miyazaki').speaker).toBe('Hayao Miyazaki')
    expect(() => findQuote(engine, 'ia-emploi-cinema-audiovisuel#p1')).toThrow(/passage, not a quote/)
    expect(() => findQuote(engine, 'pizza margherita')).toThrow(
      /no quote about "pizza margherita"; quote ids: q1/,
    )
  })
})
