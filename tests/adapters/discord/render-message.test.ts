import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  embedSize,
  formatSegments,
  renderAnswer,
  renderButtons,
  renderNotice,
  renderShare,
  safeUrl,
} from '../../../src/adapters/discord/render-message.js'
import type { Action, Answer, AnswerItem, Exposure } from '../../../src/answers/answer.js'
import { emptyAnswer } from '../../../src/answers/answer.js'
import { EDITORS } from './answer-fixtures.js'
import { embedTotal, expectWithinLimits, plainText } from './discord-limits.js'

const editors = EDITORS

function item(id: string, text: string, overrides: Partial<AnswerItem> = {}): AnswerItem {
  return { ...editors, id, text, segments: [{ text, match: false }], ...overrides }
}

function results(items: AnswerItem[], actions: Action[] = []): Answer {
  return { ...emptyAnswer('results', 'monteur'), items, actions }
}

describe('renderAnswer', () => {
  it('renders the question as title and each passage with its matches in bold, section, source and link', () => {
    const message = renderAnswer(results([editors]))
    expect(message.embeds).toHaveLength(2)
    const [head, passage] = message.embeds
    expect(head?.title).toBe('monteur')
    expect(passage?.description).toBe(
      'Les logiciels d’IA automatisent le **montage** de base, notamment pour les formats courts.',
    )
    expect(passage?.title).toBe('Les métiers menacés › Les monteurs vidéo (juniors)')
    expect(passage?.url).toBe(editors.link)
    expect(passage?.footer?.text).toBe(
      'Source : IA & emploi dans le cinéma et l’audiovisuel — KILL THE TAPE, 2025',
    )
    expect(passage?.author?.name).toBe('🔴 Métier menacé · Les monteurs vidéo (juniors)')
  })

  it('shows quotes in guillemets with their speaker, unless the text already has them', () => {
    const quote = item('ia#q1', 'Le cinéma restera humain', {
      kind: 'quote',
      speaker: 'un réalisateur',
      job: undefined,
    })
    expect(renderAnswer(results([quote])).embeds[1]?.description).toBe(
      '« Le cinéma restera humain »\n— *un réalisateur*',
    )
    const said = item('ia#q4', '« Un bruiteur ajuste les sons » , constate un ingénieur du son.', {
      kind: 'quote',
      speaker: 'un ingénieur du son',
      job: undefined,
    })
    expect(renderAnswer(results([said])).embeds[1]?.description).toBe(
      '« Un bruiteur ajuste les sons » , constate un ingénieur du son.',
    )
  })

  it('escapes markdown and defuses mentions in questions and corpus text', () => {
    const hostile =
      '**gras** _it_ ~~barré~~ `code` ||spoiler|| [lien](https://x.y) @everyone @here <@123> <@&456> <#789>'
    const answer = results([item('ia#p9', `> citation\n# titre\n- liste\n${hostile}`)])
    answer.title = hostile
    const message = renderAnswer(answer)
    const raw = JSON.stringify(message)
    expect(raw).not.toMatch(/@everyone|@here|<@\d+>|<@&\d+>|<#\d+>/)
    expect(message.embeds[0]?.title).not.toContain('**gras**')
    expect(message.embeds[1]?.description).toMatch(/^\\> citation\n\\# titre\n\\- liste\n\\\*\\\*gras/)
    // Unescaped, the text reads exactly as written (apart from invisible zero-width spaces).
    expect(plainText(message)).toContain(hostile)
  })

  it('shows lines, notice, suggestions and examples for answers without items', () => {
    const answer: Answer = {
      ...emptyAnswer('empty', 'xyzzy'),
      lines: ['Rien trouvé pour « xyzzy ».'],
      notice: 'Votre question a été raccourcie.',
      suggestions: ['monteur', 'doublage'],
      examples: ['/ia-cinema citation', '/ia-cinema metiers'],
    }
    const [head] = renderAnswer(answer).embeds
    expect(head?.description).toBe('*Votre question a été raccourcie.*\n\nRien trouvé pour « xyzzy ».')
    expect(head?.fields).toEqual([
      { name: 'Essayez', value: '`monteur` · `doublage`', inline: false },
      { name: 'Exemples', value: '• `/ia-cinema citation`\n• `/ia-cinema metiers`', inline: false },
    ])
  })

  it('groups the job map by exposure with its badge', () => {
    const answer: Answer = {
      ...emptyAnswer('jobs', 'Les métiers'),
      jobMap: [
        { name: 'Monteurs', exposure: 'menacé', jobs: ['monteur'], summary: 's' },
        { name: 'Réalisateurs', exposure: 'résiste', jobs: ['réalisateur'], summary: 's' },
        { name: 'Doubleurs', exposure: 'menacé', jobs: ['comédien de doublage'], summary: 's' },
      ],
    }
    const fields = renderAnswer(answer).embeds[0]?.fields
    expect(fields?.map((field) => field.name)).toEqual(['🔴 Métier menacé', '🟢 Métier qui résiste'])
    expect(fields?.[0]?.value).toBe('• Monteurs — monteur\n• Doubleurs — comédien de doublage')
  })

  it('numbers items and their repeated buttons so each button names its passage', () => {
    const items = [item('a', 'un'), item('b', 'deux')]
    const actions: Action[] = items.map((it) => ({
      kind: 'share',
      label: 'Partager',
      id: `iac:share:${it.id}`,
      itemId: it.id,
    }))
    const message = renderAnswer(results(items, actions))
    expect(message.embeds.slice(1).map((embed) => embed.title?.slice(0, 4))).toEqual(['1 · ', '2 · '])
    expect(message.components[0]?.components.map((button) => button.label)).toEqual([
      'Partager (1)',
      'Partager (2)',
    ])
  })

  it('keeps every limit with huge inputs everywhere', () => {
    const huge = 'é'.repeat(100_000)
    const items = Array.from({ length: 40 }, (_, i) =>
      item(`ia#p${i}`, `${'*_'.repeat(30_000)}${huge}`, {
        section: Array.from({ length: 50 }, () => huge.slice(0, 300)),
        segments: Array.from({ length: 200 }, (_, j) => ({
          text: `${'\\'.repeat(j % 3)}mot${'*'.repeat(j % 5)} `,
          match: j % 2 === 0,
        })),
        speaker: huge,
        source: { ...editors.source, title: huge, publisher: huge },
        job: { name: huge, exposure: 'évolue' },
        link: `https://example.org/${huge}`,
      }),
    )
    const answer: Answer = {
      ...results(items),
      title: huge,
      lines: Array.from({ length: 500 }, () => huge.slice(0, 5000)),
      notice: huge,
      jobs: Array.from({ length: 100 }, () => ({
        name: huge,
        exposure: 'menacé' as Exposure,
        jobs: [huge],
        summary: huge,
      })),
      jobMap: Array.from({ length: 300 }, () => ({
        name: huge,
        exposure: 'résiste' as Exposure,
        jobs: [huge],
        summary: huge,
      })),
      sources: Array.from({ length: 60 }, () => ({
        source: { ...editors.source, title: huge, publisher: huge },
        language: 'fr',
        studies: Array.from({ length: 100 }, () => ({ title: huge, publisher: huge, date: huge })),
        passages: 3,
        quotes: 4,
      })),
      suggestions: Array.from({ length: 1000 }, () => huge.slice(0, 100)),
      examples: Array.from({ length: 1000 }, () => huge.slice(0, 100)),
      actions: Array.from({ length: 200 }, (_, i) => ({
        kind: 'more' as const,
        label: huge,
        id: `iac:more:${i}:${'x'.repeat(i)}`,
      })),
      step: { index: 2, total: 9 },
    }
    const started = performance.now()
    const message = renderAnswer(answer)
    expect(performance.now() - started).toBeLessThan(2000)
    expectWithinLimits(message)
    expect(message.embeds.length).toBeGreaterThan(1)
    // Ids longer than 100 characters cannot be sent, so those buttons are left out.
    const ids = message.components.flatMap((row) => row.components.map((button) => button.custom_id))
    expect(ids.every((id) => id.length <= 100)).toBe(true)
    expect(ids).toHaveLength(25)
  })

  it('never leaves a dangling escape or unpaired bold marker when shortening', () => {
    const text = `${'\\*'.repeat(3000)}`
    const description =
      renderAnswer(results([item('x', text, { segments: [{ text, match: true }] })])).embeds[1]
        ?.description ?? ''
    expect(description.startsWith('**')).toBe(true)
    expect(description.endsWith('**…')).toBe(true)
    expect(description.slice(2, -3)).toMatch(/^(\\.)*$/)
  })
})

describe('formatSegments', () => {
  it('merges neighbouring segments so bold markers never touch', () => {
    const segments = [
      { text: 'le ', match: false },
      { text: 'mont', match: true },
      { text: 'age', match: true },
      { text: ' ', match: false },
    ]
    expect(formatSegments(segments, 100)).toBe('le **montage** ')
  })

  it('stays within the budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: fc.string({ maxLength: 50 }), match: fc.boolean() }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 300 }),
        (segments, max) => {
          const out = formatSegments(segments, max)
          expect(out.length).toBeLessThanOrEqual(max)
          // Bold markers stay paired: the escaped text has no lone '*', so pairs of '**' remain.
          expect((out.replace(/\\./g, '').match(/\*\*/g)?.length ?? 0) % 2).toBe(0)
        },
      ),
    )
  })
})

const segmentArb = fc.record({ text: fc.string({ unit: 'grapheme', maxLength: 400 }), match: fc.boolean() })
const itemArb: fc.Arbitrary<AnswerItem> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }),
  kind: fc.constantFrom('passage' as const, 'quote' as const),
  text: fc.string({ maxLength: 2000 }),
  segments: fc.array(segmentArb, { maxLength: 12 }),
  section: fc.array(fc.string({ maxLength: 400 }), { maxLength: 4 }),
  source: fc.record({
    documentId: fc.string(),
    title: fc.string({ maxLength: 3000 }),
    url: fc.oneof(fc.webUrl(), fc.string()),
    publisher: fc.string({ maxLength: 500 }),
    year: fc.integer(),
  }),
  link: fc.oneof(fc.webUrl(), fc.string(), fc.constant('javascript:alert(1)')),
  speaker: fc.option(fc.string({ maxLength: 1000 }), { nil: undefined }),
  job: fc.option(
    fc.record({
      name: fc.string({ maxLength: 600 }),
      exposure: fc.constantFrom<Exposure>('menacé', 'évolue', 'résiste'),
    }),
    { nil: undefined },
  ),
})
const answerArb: fc.Arbitrary<Answer> = fc.record({
  kind: fc.constantFrom(
    'results' as const,
    'empty' as const,
    'quote' as const,
    'jobs' as const,
    'help' as const,
  ),
  title: fc.string({ maxLength: 1000 }),
  lines: fc.array(fc.string({ maxLength: 3000 }), { maxLength: 6 }),
  items: fc.array(itemArb, { maxLength: 14 }),
  jobs: fc.array(
    fc.record({
      name: fc.string({ maxLength: 400 }),
      exposure: fc.constantFrom<Exposure>('menacé', 'évolue', 'résiste'),
      jobs: fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }),
      summary: fc.string({ maxLength: 2000 }),
    }),
    { maxLength: 30 },
  ),
  suggestions: fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }),
  examples: fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }),
  actions: fc.array(
    fc.record({
      kind: fc.constantFrom(
        'share' as const,
        'more' as const,
        'quote' as const,
        'next' as const,
        'feedback' as const,
      ),
      label: fc.string({ maxLength: 200 }),
      id: fc.string({ maxLength: 120 }),
      itemId: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    }),
    { maxLength: 40 },
  ),
  notice: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
})

describe('renderAnswer on arbitrary answers', () => {
  it('always produces a message Discord accepts', () => {
    fc.assert(
      fc.property(answerArb, (answer) => {
        const message = renderAnswer(answer)
        expectWithinLimits(message)
        expect(embedTotal(message.embeds)).toBe(
          message.embeds.reduce((sum, embed) => sum + embedSize(embed), 0),
        )
        expect(message.embeds[0]?.title?.length).toBeGreaterThan(0)
      }),
      { numRuns: 150 },
    )
  })
})

describe('renderButtons', () => {
  it('puts at most 5 buttons a row and 5 rows, drops duplicate and oversized ids, keeps labels within 80', () => {
    const actions: Action[] = [
      ...Array.from({ length: 30 }, (_, i) => ({
        kind: 'more' as const,
        label: `L${i}`,
        id: `iac:more:${i}:`,
      })),
      { kind: 'more', label: 'dup', id: 'iac:more:0:' },
    ]
    const rows = renderButtons(
      [{ kind: 'next', label: 'x'.repeat(200), id: 'a'.repeat(101) }, ...actions],
      new Map(),
    )
    expect(rows).toHaveLength(5)
    expect(rows.every((row) => row.components.length === 5)).toBe(true)
    expect(rows[0]?.components[0]?.label).toBe('L0')
    const long = renderButtons([{ kind: 'next', label: 'x'.repeat(200), id: 'iac:next:1' }], new Map())
    expect(long[0]?.components[0]?.label).toHaveLength(80)
  })

  it('leaves out buttons about items that are not shown, and names unlabeled ones', () => {
    const rows = renderButtons(
      [
        { kind: 'share', label: 'Partager', id: 'iac:share:gone', itemId: 'gone' },
        { kind: 'next', label: '  ', id: 'iac:next:2' },
      ],
      new Map(),
    )
    expect(rows[0]?.components.map((button) => [button.custom_id, button.label])).toEqual([
      ['iac:next:2', 'Suite'],
    ])
  })
})

describe('renderShare', () => {
  it('names the sharer as a (non-pinging) user mention and cites the source with a link', () => {
    const message = renderShare(editors, { id: '1100000000000000005', name: 'Camille' })
    expect(message.content).toBe('📣 Partagé par <@1100000000000000005>')
    expect(message.components).toEqual([])
    const [embed] = message.embeds
    expect(embed?.description).toContain('**montage**')
    expect(embed?.fields?.[0]?.name).toBe('Source')
    expect(embed?.fields?.[0]?.value).toContain(`](${safeUrl(editors.link)})`)
    expectWithinLimits(message)
  })

  it('escapes a display name when there is no usable id', () => {
    expect(renderShare(editors, { name: '@everyone **x**' }).content).toBe(
      '📣 Partagé par @\u200beveryone \\*\\*x\\*\\*',
    )
  })

  it('keeps limits with a huge item', () => {
    const huge = 'x'.repeat(50_000)
    expectWithinLimits(
      renderShare(
        item('h', huge, {
          section: [huge],
          source: { ...editors.source, title: huge, publisher: huge },
          job: { name: huge, exposure: 'menacé' },
        }),
        {
          name: huge,
        },
      ),
    )
  })
})

describe('renderNotice and safeUrl', () => {
  it('renders a notice as escaped content within 2,000 characters', () => {
    expect(renderNotice('Merci *beaucoup* @here').content).toBe('Merci \\*beaucoup\\* @\u200bhere')
    expect(renderNotice('é'.repeat(5000)).content?.length).toBe(2000)
  })

  it('accepts only http(s) URLs and encodes what would break a masked link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined()
    expect(safeUrl('not a url')).toBeUndefined()
    expect(safeUrl('https://example.org/a (b)')).toBe('https://example.org/a%20%28b%29')
    expect(safeUrl(`https://example.org/${'a'.repeat(3000)}`)).toBeUndefined()
  })
})

describe('bold matches', () => {
  it('keeps spaces outside the bold markers', () => {
    expect(
      formatSegments(
        [
          { text: 'le', match: false },
          { text: ' montage ', match: true },
          { text: 'de', match: false },
        ],
        100,
      ),
    ).toBe('le **montage** de')
    expect(formatSegments([{ text: '   ', match: true }], 100)).toBe('   ')
  })
})
