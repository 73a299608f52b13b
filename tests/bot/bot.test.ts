import { beforeAll, describe, expect, it } from 'vitest'
import { decodeAction, encodeAction, MAX_ACTION_ID_LENGTH } from '../../src/answers/actions.js'
import type { Answer } from '../../src/answers/answer.js'
import type { Bot, Requester } from '../../src/bot/bot.js'
import { createBot } from '../../src/bot/create-bot.js'
import { projectBot } from '../helpers/engine.js'

const requester: Requester = { platform: 'console', userId: 'U1' }
let bot: Bot
beforeAll(async () => {
  let seed = 1
  // A fixed sequence makes "random" quotes reproducible.
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  bot = await projectBot({ random })
})

const action = (answer: Answer, kind: string) => answer.actions.find((a) => a.kind === kind)

describe('search answers', () => {
  it('gives three passages with their source, a link to the passage and the job badge', async () => {
    const answer = await bot.ask('monteur', requester)
    expect(answer.kind).toBe('results')
    expect(answer.items).toHaveLength(3)
    const [first] = answer.items
    expect(first?.text).toContain('automatisent le montage de base')
    expect(first?.source.publisher).toBe('KILL THE TAPE')
    expect(first?.link).toMatch(/^https:\/\/www\.killthetape\.com\/.+#:~:text=Les%20monteurs/)
    expect(first?.segments.some((s) => s.match)).toBe(true)
    expect(answer.jobs.map((j) => [j.name, j.exposure])).toEqual([
      ['Les monteurs vidéo (juniors)', 'menacé'],
      ['Les ingénieurs du son et monteurs', 'évolue'],
    ])
    expect(answer.actions.filter((a) => a.kind === 'share')).toHaveLength(3)
  })

  it('pages with "Plus de résultats", all state in the button', async () => {
    const first = await bot.ask('IA', requester)
    const more = action(first, 'more')
    expect(more).toBeDefined()
    const outcome = await bot.act(more?.id ?? '', { platform: 'discord', userId: 'someone else' })
    expect(outcome.type).toBe('answer')
    if (outcome.type !== 'answer') return
    const firstIds = new Set(first.items.map((i) => i.id))
    expect(outcome.answer.items.length).toBeGreaterThan(0)
    for (const item of outcome.answer.items) expect(firstIds.has(item.id)).toBe(false)
  })

  it('shares a passage by its id', async () => {
    const answer = await bot.ask('Ghibli', requester)
    const share = action(answer, 'share')
    const outcome = await bot.act(share?.id ?? '', requester)
    expect(outcome).toMatchObject({ type: 'share', item: { id: answer.items[0]?.id } })
  })

  it('offers « Carte » under every quote it shows, and only under quotes', async () => {
    for (const question of ['citation miyazaki', 'IA', 'Ghibli', 'monteur', 'parcours 8']) {
      const answer = await bot.ask(question, requester)
      for (const item of answer.items) {
        const card = answer.actions.find((a) => a.kind === 'card' && a.itemId === item.id)
        expect(Boolean(card), `${question}: ${item.id}`).toBe(item.kind === 'quote')
      }
    }
    expect((await bot.ask('Ghibli', requester)).items.some((item) => item.kind === 'quote')).toBe(true)
  })

  it('answers « Carte » with the quote and the corpus version its card is cached under', async () => {
    const answer = await bot.ask('citation miyazaki', requester)
    const outcome = await bot.act(action(answer, 'card')?.id ?? '', requester)
    const quote = answer.items[0]
    expect(quote?.quotation?.length).toBeGreaterThan(10)
    expect(quote?.text).toContain(quote?.quotation)
    expect(outcome).toMatchObject({
      type: 'card',
      item: { id: quote?.id, quotation: quote?.quotation, speaker: 'Hayao Miyazaki' },
    })
    if (outcome.type === 'card') expect(outcome.corpusVersion).toMatch(/^[0-9a-f]{12}$/)
    // A forged card button on a passage is refused like a stale one.
    const passage = (await bot.ask('monteur', requester)).items.find((item) => item.kind === 'passage')
    expect((await bot.act(`iac:card:${passage?.id}`, requester)).type).toBe('invalid')
  })

  it('says what it could not find, with suggestions, and never the least bad passage', async () => {
    const answer = await bot.ask('pizza margherita', requester)
    expect(answer.kind).toBe('empty')
    expect(answer.items).toEqual([])
    expect(answer.suggestions.length).toBeGreaterThan(0)
  })

  it('tells when a word was read as another or could not be read', async () => {
    expect((await bot.ask('storybord', requester)).notice).toContain('storyboard')
    expect((await bot.ask(`monteur ${'mot '.repeat(5000)}`, requester)).notice).toMatch(/raccourcie/)
  })

  it('answers stale or forged buttons with a French message', async () => {
    for (const id of ['', 'hello', 'iac:share:nope#p999', 'iac:more:-1:x', 'x'.repeat(5000)]) {
      const outcome = await bot.act(id, requester)
      expect(outcome.type, id).toBe('invalid')
    }
  })
})

describe('failures', () => {
  it('answers in French instead of throwing when the core fails', async () => {
    const broken = createBot(() => {
      throw new Error('index gone')
    })
    const answer = await broken.ask('monteur', requester)
    expect(answer.kind).toBe('error')
    expect(answer.lines.join(' ')).toMatch(/erreur/)
    expect((await broken.act('iac:next:1', requester)).type).toBe('invalid')
  })

  it('pages with the same terms and intent the question was read as (they fit in the button)', async () => {
    const answer = await bot.ask('Quels métiers sont menacés par l’IA ?', requester)
    const more = answer.actions.find((a) => a.kind === 'more')
    expect(decodeAction(more?.id ?? '')).toEqual({
      kind: 'more',
      offset: 3,
      // « quels métiers » asks for the job map (!j); the terms follow.
      terms: ['!j', 'emploi', 'menace', 'ia'],
    })
  })
})

describe('commands', () => {
  it('help for empty text and for aide', async () => {
    expect((await bot.ask('', requester)).kind).toBe('help')
    expect((await bot.ask('   ', requester)).kind).toBe('help')
    expect((await bot.ask('aide', requester)).examples.length).toBeGreaterThan(0)
  })

  it('citation: on a theme with its speaker, or at random', async () => {
    const miyazaki = await bot.ask('citation miyazaki', requester)
    expect(miyazaki.kind).toBe('quote')
    expect(miyazaki.items[0]?.speaker).toBe('Hayao Miyazaki')
    const random = await bot.ask('citation', requester)
    expect(random.items[0]?.kind).toBe('quote')
    const other = await bot.act(action(random, 'quote')?.id ?? '', requester)
    expect(other.type).toBe('answer')
  })

  it('metiers: the job map, filterable by exposure', async () => {
    const all = await bot.ask('métiers', requester)
    expect(all.jobMap?.map((j) => j.exposure)).toEqual([
      'menacé',
      'menacé',
      'menacé',
      'évolue',
      'évolue',
      'évolue',
      'résiste',
      'résiste',
      'résiste',
    ])
    const threatened = await bot.ask('metiers menacés', requester)
    expect(threatened.jobMap?.map((j) => j.name)).toEqual([
      'Les storyboarders et concepteurs visuels',
      'Les monteurs vidéo (juniors)',
      'Les techniciens VFX (juniors)',
    ])
    // "métiers du son" is a question, not a filter.
    expect((await bot.ask('métiers du son', requester)).kind).toBe('results')
  })

  it('sources: the document and the studies it cites', async () => {
    const answer = await bot.ask('sources', requester)
    expect(answer.sources?.[0]?.studies.map((s) => s.title)).toContain('Cartographie des usages IA')
  })

  it('parcours: one step at a time, the step in the button', async () => {
    const first = await bot.ask('parcours', requester)
    expect(first.step).toMatchObject({ index: 0 })
    const total = first.step?.total ?? 0
    expect(total).toBeGreaterThan(5)
    const next = await bot.act(action(first, 'next')?.id ?? '', requester)
    expect(next.type === 'answer' && next.answer.step?.index).toBe(1)
    const last = await bot.ask(`parcours ${total}`, requester)
    expect(action(last, 'next')?.label).toBe('Recommencer')
  })
})

describe('autocomplete', () => {
  it('suggests jobs and words of the article, at most 25, each ≤ 100 characters', () => {
    const choices = bot.autocomplete('mont')
    expect(choices.length).toBeGreaterThan(0)
    expect(choices.length).toBeLessThanOrEqual(25)
    expect(choices.some((c) => /mont(eur|age)/.test(c.value))).toBe(true)
    for (const c of [...choices, ...bot.autocomplete(''), ...bot.autocomplete('x'.repeat(500))]) {
      expect(c.name.length).toBeGreaterThan(0)
      expect(c.name.length).toBeLessThanOrEqual(100)
      expect(c.value.length).toBeLessThanOrEqual(100)
    }
    expect(bot.autocomplete('').length).toBeLessThanOrEqual(25)
  })
})

describe('action ids', () => {
  it('round-trip and stay within 100 characters whatever the terms', () => {
    const long = Array.from({ length: 60 }, (_, i) => `terme${i}`)
    const id = encodeAction({ kind: 'more', offset: 3, terms: long })
    expect(id.length).toBeLessThanOrEqual(MAX_ACTION_ID_LENGTH)
    const decoded = decodeAction(id)
    expect(decoded?.kind).toBe('more')
    expect(decodeAction(encodeAction({ kind: 'next', step: 4 }))).toEqual({ kind: 'next', step: 4 })
    expect(decodeAction(encodeAction({ kind: 'card', recordId: 'doc#q3' }))).toEqual({
      kind: 'card',
      recordId: 'doc#q3',
    })
    expect(decodeAction('iac:card:')).toBeUndefined()
    expect(decodeAction(encodeAction({ kind: 'feedback', helpful: false, recordId: 'doc#p1' }))).toEqual({
      kind: 'feedback',
      helpful: false,
      recordId: 'doc#p1',
    })
    expect(
      decodeAction(encodeAction({ kind: 'feedback', helpful: true, recordId: 'doc#p1', queryKey: 'ab12' })),
    ).toEqual({ kind: 'feedback', helpful: true, recordId: 'doc#p1', queryKey: 'ab12' })
  })
})

describe('onboarding', () => {
  it('covers the article, the job map, examples and a quote with its source', () => {
    const page = bot.onboarding()
    expect(page.lines.join(' ')).toContain('KILL THE TAPE')
    expect(page.jobMap?.length).toBe(9)
    expect(page.examples.length).toBeGreaterThan(0)
    expect(page.items[0]?.kind).toBe('quote')
    expect(page.items[0]?.source.url).toMatch(/^https:/)
  })
})
