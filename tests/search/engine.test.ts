import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'

let engine: SearchEngine
beforeAll(async () => {
  engine = await projectEngine()
})

/** Section leaf and the first five words of each hit, to assert an order readably. */
const ranked = (query: string, limit = 3) =>
  engine
    .search(query, { limit })
    .hits.map((hit) => `${hit.record.section.at(-1)} | ${hit.record.text.split(' ').slice(0, 5).join(' ')}`)

describe('ranking', () => {
  it('monteur: the two job sections that name editors, the junior one first', () => {
    expect(ranked('monteur')).toEqual([
      // Its heading is the job ("Les monteurs vidéo (juniors)") and its text is about editing itself.
      'Les monteurs vidéo (juniors) | Les monteurs vidéo (juniors) Les',
      // Heading names editors too ("… et monteurs"), but the text is mostly about sound.
      'Les ingénieurs du son et monteurs | Les ingénieurs du son et',
      // The article's verdict that editing (« les métiers … du montage ») is among the most exposed jobs: a
      // passage, after the two job sections (its questions file asks about editors too).
      'Tensions sociales : grèves et emplois exposés | Mais ces gains de productivité',
    ])
  })

  it('a full question about threatened jobs: the study’s verdict first', () => {
    const [first, second] = ranked('Quels métiers sont menacés par l’IA ?')
    // Under "Les métiers menacés", and says which jobs are the most vulnerable.
    expect(first).toBe('Les métiers menacés | L’étude du CNC et de')
    // "les métiers du storyboard ou du montage sont particulièrement exposés".
    expect(second).toBe('Tensions sociales : grèves et emplois exposés | Mais ces gains de productivité')
  })

  it('a passage beats a quote that says the same thing (quotes illustrate, passages state)', () => {
    const [first, second] = engine.search('restauration des films', { limit: 2 }).hits
    expect(first?.record.kind).toBe('passage')
    expect(first?.record.text).toContain('accélère la restauration des films patrimoniaux')
    // The restorer's quote about Les Enfants du paradis: same topic, illustration.
    expect(second?.record.kind).toBe('quote')
  })

  it('English and typos reach the French passage', () => {
    expect(ranked('voice cloning', 1)).toEqual(['Les acteurs et cascadeurs | Les acteurs et cascadeurs Bien'])
    const storybord = engine.search('storybord', { limit: 1 })
    expect(storybord.corrections).toEqual([{ from: 'storybord', to: 'storyboard' }])
    expect(storybord.hits[0]?.record.text).toContain('permettent de produire des storyboards')
  })

  it('answers nothing to off-topic questions rather than the least bad passage', () => {
    for (const query of ['pizza margherita', 'xkcdqwv', 'prix du bitcoin', 'Spielberg et l’IA', '🎬🍿', '']) {
      expect(engine.search(query).hits, query).toEqual([])
    }
  })

  it('a word the article lacks does not sink a question about one of its jobs', () => {
    const outcome = engine.search('Les monteurs sont-ils condamnés ?')
    expect(outcome.unknownWords).toEqual(['condamnés'])
    expect(outcome.hits[0]?.record.section.at(-1)).toBe('Les monteurs vidéo (juniors)')
  })

  it('pages results without overlap', () => {
    const first = engine.search('IA', { limit: 3 })
    const second = engine.searchState(first.state, { limit: 3, offset: 3 })
    expect(second.total).toBe(first.total)
    const ids = new Set(first.hits.map((h) => h.record.id))
    for (const hit of second.hits) expect(ids.has(hit.record.id)).toBe(false)
  })

  it('filters by kind for quotes', () => {
    const quotes = engine.search('réalisateur', { kind: 'quote', limit: 10 }).hits
    expect(quotes.length).toBeGreaterThan(0)
    for (const hit of quotes) expect(hit.record.kind).toBe('quote')
  })
})

describe('highlighting', () => {
  it('marks the words that matched, and the segments give back the verbatim text', () => {
    const outcome = engine.search('monteuse', { limit: 1 })
    const hit = outcome.hits[0]
    expect(hit).toBeDefined()
    if (!hit) return
    const segments = engine.segments(hit.record, outcome.terms)
    expect(segments.map((s) => s.text).join('')).toBe(hit.record.text)
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(
      expect.arrayContaining(['monteurs', 'montage']),
    )
  })
})

describe('hostile input', () => {
  it('never throws and never returns more than asked, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 10 }), (query, limit) => {
        const outcome = engine.search(query, { limit })
        expect(outcome.hits.length).toBeLessThanOrEqual(limit)
      }),
      { numRuns: 300 },
    )
  })

  it('reads a bounded part of a huge question and says so', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `mot${i.toString(36)}x`).join(' ')
    const outcome = engine.search(`monteur ${words}`.repeat(3))
    expect(outcome.truncated).toBe(true)
    expect(outcome.terms.length).toBeLessThanOrEqual(40)
  })

  it('treats __proto__, NUL and query syntax as plain words', () => {
    for (const query of ['__proto__', 'constructor', 'a\u0000b', 'monteur AND NOT (vfx)', '"monteur"*~2']) {
      expect(() => engine.search(query)).not.toThrow()
    }
    expect(engine.search('"monteur"*~2').hits.length).toBeGreaterThan(0)
  })
})
