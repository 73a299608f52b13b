import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACTION_ID_PREFIX,
  LIMITS,
  renderAnswer,
  renderHome,
  renderNotice,
  renderShare,
} from '../../../src/adapters/slack/render-blocks.js'
import { type Answer, type AnswerItem, emptyAnswer } from '../../../src/answers/answer.js'
import { blockKitViolations, liveMentions } from './block-kit-limits.js'
import { FakeBot, helpAnswer, MONTAGE, passage, resultsFor } from './fake-bot.js'

type Block = Record<string, unknown> & { type: string }

const sectionTexts = (blocks: unknown[]) =>
  (blocks as Block[]).filter((b) => b.type === 'section').map((b) => (b.text as { text: string }).text)
const buttons = (blocks: unknown[]) =>
  (blocks as Block[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Array<{ value: string; action_id: string; text: { text: string } }>)

const HOSTILE = '<!channel> <!here> <@U999> <#C123|général> & <https://evil.example|clic>'

function hugeAnswer(): Answer {
  const long = 'x'.repeat(9_000)
  const items = Array.from({ length: 50 }, (_, i) =>
    passage(`doc#p${i}`, `${'mot '.repeat(2_500)}${HOSTILE}`, ['mot'], {
      section: [long, long],
      job: { name: long, exposure: 'évolue' },
      speaker: long,
      kind: i % 2 === 0 ? 'passage' : 'quote',
      link: `https://example.com/${'a'.repeat(5_000)}`,
    }),
  )
  const answer = emptyAnswer('results', `${HOSTILE} ${long}`)
  answer.items = items
  answer.lines = Array.from({ length: 200 }, () => `${HOSTILE} ${'ligne '.repeat(400)}`)
  answer.jobs = Array.from({ length: 40 }, () => ({
    name: long,
    exposure: 'menacé' as const,
    jobs: [long],
    summary: long,
  }))
  answer.jobMap = answer.jobs
  answer.suggestions = Array.from({ length: 100 }, () => long)
  answer.examples = Array.from({ length: 100 }, () => long)
  answer.notice = long
  answer.sources = Array.from({ length: 20 }, () => ({
    source: { documentId: 'd', title: long, url: 'https://example.com', publisher: long, year: 2025 },
    language: 'fr',
    studies: Array.from({ length: 30 }, () => ({ title: long, publisher: long })),
    passages: 10,
    quotes: 3,
  }))
  answer.actions = [
    ...items.flatMap((item) => [
      { kind: 'share' as const, label: long, id: `iac:share:${item.id}`, itemId: item.id },
      { kind: 'feedback' as const, label: '👍', id: `iac:fb:up:${item.id}`, itemId: item.id },
    ]),
    ...Array.from({ length: 60 }, (_, i) => ({ kind: 'more' as const, label: long, id: `iac:more:${i}:x` })),
    { kind: 'more' as const, label: 'trop long', id: 'v'.repeat(2_001) },
  ]
  return answer
}

describe('renderAnswer', () => {
  it('renders a result: header with the question, bold matches, badge, linked source, item buttons after the item', () => {
    const { blocks, text } = renderAnswer(resultsFor('monteur'))
    expect(blockKitViolations(blocks)).toEqual([])
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'monteur', emoji: true } })
    const texts = sectionTexts(blocks)
    const passageText = texts.find((t) => t.includes('automatisent'))
    expect(passageText).toContain('le *montage* de base')
    expect(passageText).toContain('*Les métiers menacés › Les monteurs vidéo (juniors)*  ·  🔴 Métier menacé')
    const contexts = JSON.stringify((blocks as Block[]).filter((b) => b.type === 'context'))
    expect(contexts).toContain(`<${MONTAGE.link}|IA &amp; emploi dans le cinéma et l’audiovisuel>`)
    expect(contexts).toContain('KILL THE TAPE, 2025')

    // The share button of the passage comes right after that passage's blocks; "more" comes last.
    const types = (blocks as Block[]).map((b) => b.type)
    const passageIndex = (blocks as Block[]).findIndex(
      (b) => b.type === 'section' && JSON.stringify(b).includes('automatisent'),
    )
    expect(types[passageIndex + 1]).toBe('context')
    expect(types[passageIndex + 2]).toBe('actions')
    const all = buttons(blocks)
    expect(all.map((b) => b.text.text)).toEqual(['Partager', 'Plus de résultats'])
    expect(all[0]?.value).toBe('iac:share:ia-emploi-cinema-audiovisuel#p7')
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' })
    for (const b of all) expect(b.action_id.startsWith(ACTION_ID_PREFIX)).toBe(true)
    expect(text).toContain('monteur')
    expect(text).toContain('Les logiciels d’IA automatisent le montage de base')
  })

  it('escapes &, < and > in every text that comes from users or the corpus, including the fallback', () => {
    const item = passage('d#p1', `Texte ${HOSTILE}`, ['Texte'], {
      section: [HOSTILE],
      speaker: HOSTILE,
      kind: 'quote',
    })
    const answer = resultsFor(HOSTILE, [item])
    answer.lines = [HOSTILE]
    answer.suggestions = [HOSTILE]
    answer.examples = [HOSTILE]
    answer.notice = HOSTILE
    answer.jobs = [{ name: HOSTILE, exposure: 'résiste', jobs: [], summary: HOSTILE }]
    answer.actions = [{ kind: 'more', label: HOSTILE, id: 'iac:more:3:x' }]
    const message = renderAnswer(answer)
    expect(liveMentions(message)).toEqual([])
    expect(JSON.stringify(message)).not.toContain('<https://evil')
    expect(message.text).toContain('&lt;!channel&gt; &lt;!here&gt;')
    expect(JSON.stringify(message.blocks)).toContain('&amp; &lt;https://evil.example|clic&gt;')
  })

  it('keeps every Block Kit limit with absurd input (50 items of 10k characters, 200 lines, 60 buttons)', () => {
    const answer = hugeAnswer()
    const started = performance.now()
    const message = renderAnswer(answer)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(blockKitViolations(message.blocks)).toEqual([])
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks)
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(LIMITS.messageChars)
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText)
    expect(liveMentions(message)).toEqual([])
    // Answer-level buttons are reserved first, so the long answer keeps its "more" buttons, and says it was cut.
    expect(buttons(message.blocks).some((b) => b.value === 'iac:more:0:x')).toBe(true)
    expect(buttons(message.blocks).some((b) => b.value.length > 2000)).toBe(false)
    expect(JSON.stringify(message.blocks)).toContain('Réponse raccourcie')
  })

  it('shows at most three passages, and drops the buttons of passages it does not show', () => {
    const items = Array.from({ length: 6 }, (_, i) => passage(`doc#p${i}`, `Passage numéro ${i}`))
    const message = renderAnswer(resultsFor('x', items))
    const shown = sectionTexts(message.blocks).filter((t) => t.includes('Passage numéro'))
    expect(shown).toHaveLength(3)
    const values = buttons(message.blocks).map((b) => b.value)
    expect(values).toContain('iac:share:doc#p2')
    expect(values).not.toContain('iac:share:doc#p3')
  })

  it('shares the room between passages so a 10k-character passage is cut with an ellipsis, not dropped', () => {
    const item = passage('doc#p1', `Début ${'très long '.repeat(1_200)}fin`, ['Début'])
    const message = renderAnswer(resultsFor('x', [item, MONTAGE]))
    expect(blockKitViolations(message.blocks)).toEqual([])
    const texts = sectionTexts(message.blocks)
    const cut = texts.find((t) => t.includes('*Début*'))
    expect(cut?.endsWith('…')).toBe(true)
    expect(texts.some((t) => t.includes('automatisent'))).toBe(true)
  })

  it('never leaves a bold marker open or an entity split when cutting', () => {
    const text = `${'&'.repeat(4000)} mot`
    const item = passage('doc#p1', text, ['&&&&'])
    const body =
      sectionTexts(renderAnswer(resultsFor('x', [item])).blocks).find((t) => t.includes('&amp;')) ?? ''
    expect(body.length).toBeLessThanOrEqual(LIMITS.sectionText)
    expect(body.replace(/&amp;/g, '')).not.toMatch(/&/)
  })

  it('renders a quote as the corpus gives it, adding the speaker only when the sentence does not name them', () => {
    const said = passage('d#q1', '« L’IA propose des solutions » , insiste-t-il.', [], {
      kind: 'quote',
      speaker: 'un restaurateur',
    })
    const named = passage('d#q2', '« Ces outils aident » , rapporte l’étude.', [], {
      kind: 'quote',
      speaker: 'l’étude',
    })
    const texts = sectionTexts(renderAnswer(resultsFor('citation', [said, named])).blocks)
    expect(texts).toContainEqual(
      expect.stringContaining('« L’IA propose des solutions » , insiste-t-il.\n— un restaurateur'),
    )
    const second = texts.find((t) => t.includes('Ces outils aident')) ?? ''
    expect(second).not.toContain('— l’étude')
    expect(second).not.toContain('« «')
  })

  it('renders help: lines, examples in code, no items', () => {
    const message = renderAnswer(helpAnswer())
    expect(blockKitViolations(message.blocks)).toEqual([])
    const all = JSON.stringify(message.blocks)
    expect(all).toContain('Aide — /ia-cinema')
    expect(all).toContain('• `/ia-cinema monteur`')
  })

  it('cuts a header to 150 characters and a button label to 75', () => {
    const answer = resultsFor('é'.repeat(400))
    answer.actions = [
      { kind: 'more', label: 'trop long', id: 'v'.repeat(2_001) },
      { kind: 'more', label: 'b'.repeat(300), id: 'iac:more:3:x' },
    ]
    const message = renderAnswer(answer)
    // A value over 2,000 characters would make Slack refuse the message: that button is dropped.
    expect(buttons(message.blocks).map((b) => b.value)).toEqual(['iac:more:3:x'])
    const header = message.blocks[0] as { text: { text: string } }
    expect(header.text.text.length).toBe(150)
    expect(header.text.text.endsWith('…')).toBe(true)
    expect(buttons(message.blocks)[0]?.text.text.length).toBe(75)
  })

  it('holds the limits for arbitrary answers (property)', () => {
    const segmentText = fc.string({ maxLength: 400, unit: 'grapheme' })
    const item = fc
      .record({
        id: fc.string({ minLength: 1, maxLength: 20 }),
        parts: fc.array(fc.record({ text: segmentText, match: fc.boolean() }), { maxLength: 30 }),
        section: fc.array(fc.string({ maxLength: 300 }), { maxLength: 4 }),
        quote: fc.boolean(),
      })
      .map(
        ({ id, parts, section, quote }): AnswerItem => ({
          ...passage(id, parts.map((p) => p.text).join('')),
          segments: parts,
          section,
          kind: quote ? 'quote' : 'passage',
        }),
      )
    const answer = fc
      .record({
        title: fc.string({ maxLength: 500 }),
        items: fc.array(item, { maxLength: 8 }),
        lines: fc.array(fc.string({ maxLength: 4_000 }), { maxLength: 10 }),
        labels: fc.array(fc.string({ maxLength: 120 }), { maxLength: 40 }),
      })
      .map(({ title, items, lines, labels }) => {
        const a = resultsFor(title, items)
        a.lines = lines
        a.actions.push(...labels.map((label, i) => ({ kind: 'more' as const, label, id: `iac:more:${i}:t` })))
        return a
      })
    fc.assert(
      fc.property(answer, (a) => {
        const message = renderAnswer(a)
        expect(blockKitViolations(message.blocks)).toEqual([])
        expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText)
        expect(liveMentions(message)).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})

describe('renderShare', () => {
  it('posts the passage, its linked source and "partagé par" with the only live mention', () => {
    const hostile = passage('doc#p1', `Texte ${HOSTILE}`)
    const message = renderShare(hostile, 'U0000001')
    expect(blockKitViolations(message.blocks)).toEqual([])
    expect(liveMentions(message)).toEqual(['<@U0000001>', '<@U0000001>'])
    expect(message.text).toContain('partagé par <@U0000001>')
    expect(JSON.stringify(message.blocks)).toContain(`<${hostile.link}|`)
  })

  it('refuses to build a mention from something that is not a user id', () => {
    const message = renderShare(MONTAGE, '<!channel>')
    expect(liveMentions(message)).toEqual([])
    expect(message.text).not.toContain('partagé par')
  })

  it('cuts a 10k-character passage to fit a section', () => {
    const message = renderShare(passage('doc#p1', 'z'.repeat(10_000)), 'U0000001')
    expect(blockKitViolations(message.blocks)).toEqual([])
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText)
  })
})

describe('renderHome and renderNotice', () => {
  it('builds the Home from onboarding, ≤ 100 blocks even when a huge answer is shown above it', () => {
    const onboarding = new FakeBot().onboarding()
    const plain = renderHome(onboarding)
    expect(blockKitViolations(plain, 100)).toEqual([])
    expect(JSON.stringify(plain)).toContain('🔴 *Métier menacé*')
    const big = hugeAnswer()
    const withLead = renderHome(big, big)
    expect(blockKitViolations(withLead, 100)).toEqual([])
    expect(withLead.length).toBeLessThanOrEqual(LIMITS.homeBlocks)
  })

  it('escapes a notice and keeps it within a section', () => {
    const message = renderNotice(`${HOSTILE}${'n'.repeat(5_000)}`)
    expect(liveMentions(message)).toEqual([])
    expect(blockKitViolations(message.blocks)).toEqual([])
  })
})
