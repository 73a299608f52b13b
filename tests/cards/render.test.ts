/**
 * Every quote of the corpus as a card, in both sizes, rendered once and checked three ways: the layout
 * (every block inside the frame), the words (the whole quotation is set, nothing cut) and the pixels of the
 * PNG itself (nothing drawn in the margins).
 */
import { renderAsync } from '@resvg/resvg-js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnswerItem } from '../../src/answers/answer.js'
import { toItem } from '../../src/answers/items.js'
import { CardRenderer } from '../../src/cards/card-renderer.js'
import { type CardContent, cardContent } from '../../src/cards/content.js'
import type { CardError } from '../../src/cards/errors.js'
import { BLOCKS, type CardFormat, COLORS, FORMATS } from '../../src/cards/layout.js'
import {
  blocksOutsideFrame,
  CUT_MARK,
  layOutCard,
  type RenderedCard,
  renderCard,
} from '../../src/cards/render.js'
import { inGuillemets, NBSP } from '../../src/cards/typography.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { projectEngine } from '../helpers/engine.js'
import { decodePng, type Picture, pixelsUnlike, pngSize } from './png.js'

const FORMAT_NAMES = Object.keys(FORMATS) as CardFormat[]
const BACKGROUND = [1, 3, 5].map((at) => Number.parseInt(COLORS.background.slice(at, at + 2), 16)) as [
  number,
  number,
  number,
]
/** Glyphs may reach a few pixels past their layout box (side bearings, anti-aliasing): the rest must be empty. */
const BLEED = 8

interface Case {
  item: AnswerItem
  quote: string
  format: CardFormat
  content: CardContent
  card: RenderedCard
}

let engine: SearchEngine
const cases: Case[] = []

beforeAll(async () => {
  engine = await projectEngine()
  const quotes = [...engine.records.values()].filter((record) => record.kind === 'quote')
  for (const record of quotes) {
    const item = toItem(engine, record)
    for (const format of FORMAT_NAMES) {
      const content = cardContent(item)
      cases.push({
        item,
        quote: record.quote ?? '',
        format,
        content,
        card: await renderCard(content, format),
      })
    }
  }
}, 120_000)

/** Words only: what typography may change (spaces, apostrophes, quotation marks) set aside. */
const words = (text: string) =>
  text
    .replace(/[’']/g, "'")
    .replace(/[«»"]/g, ' ')
    .split(/[\s\u00a0]+/)
    .filter(Boolean)

/** The margins of the frame, less the bleed, as four rectangles. */
function margins(format: CardFormat) {
  const { width, height, padX, padY } = FORMATS[format]
  const x = padX - BLEED
  const y = padY - BLEED
  return [
    { left: 0, top: 0, right: width, bottom: y },
    { left: 0, top: height - y, right: width, bottom: height },
    { left: 0, top: 0, right: x, bottom: height },
    { left: width - x, top: 0, right: width, bottom: height },
  ]
}

const inkInMargins = (picture: Picture, format: CardFormat) =>
  margins(format).reduce((sum, box) => sum + pixelsUnlike(picture, BACKGROUND, box), 0)

describe('quote cards', () => {
  it('renders every quote of the corpus, in both sizes', () => {
    const quotes = [...engine.records.values()].filter((record) => record.kind === 'quote').length
    expect(quotes).toBeGreaterThan(10)
    expect(cases).toHaveLength(quotes * FORMAT_NAMES.length)
    for (const { card, format, item } of cases) {
      expect(pngSize(card.png), `${item.id} ${format}`).toEqual({
        width: FORMATS[format].width,
        height: FORMATS[format].height,
      })
      expect(card.missingGlyphs, item.id).toEqual([])
    }
  })

  it('lays every block out inside the frame, the whole quotation included', () => {
    for (const { card, format, item, content, quote } of cases) {
      const where = `${item.id} ${format} at ${card.quoteSize} px`
      expect(blocksOutsideFrame(card.blocks, FORMATS[format]), where).toEqual([])
      const text = (key: string) => card.blocks.find((block) => block.key === key)?.text
      expect(text(BLOCKS.quotation), where).toBe(content.quotation)
      expect(words(content.quotation), where).toEqual(words(quote))
      expect(text(BLOCKS.speaker), where).toBe(`— ${content.speaker}`)
      expect(content.speaker, where).toBe(item.speaker)
      expect(text(BLOCKS.section), where).toBe(content.section)
      expect(text(BLOCKS.title), where).toContain('IA & emploi dans le cinéma et l’audiovisuel')
      expect(text(BLOCKS.source), where).toBe('KILL THE TAPE  ·  2025  ·  killthetape.com')
    }
  })

  it('draws nothing in the margins of the PNG, and draws the quotation where it was laid out', () => {
    for (const { card, format, item } of cases) {
      const picture = decodePng(card.png)
      expect(inkInMargins(picture, format), `${item.id} ${format}`).toBe(0)
      const quotation = card.blocks.find((block) => block.key === BLOCKS.quotation)
      if (!quotation) throw new Error(`${item.id}: no quotation block`)
      const box = {
        left: quotation.left,
        top: quotation.top,
        right: quotation.left + quotation.width,
        bottom: quotation.top + quotation.height,
      }
      expect(pixelsUnlike(picture, BACKGROUND, box), item.id).toBeGreaterThan(1000)
    }
  })

  it('sees a quotation too large for the frame, in the layout and in the pixels', async () => {
    const { content } = cases[0] as Case
    const oversized = await layOutCard(content, 'landscape', 120, true)
    expect(blocksOutsideFrame(oversized.blocks, FORMATS.landscape).length).toBeGreaterThan(0)
    const png = (await renderAsync(oversized.svg, { font: { loadSystemFonts: false } })).asPng()
    expect(inkInMargins(decodePng(png), 'landscape')).toBeGreaterThan(0)
  })

  it('shrinks the type of long quotes instead of cutting them while they fit', async () => {
    const landscape = cases.filter((c) => c.format === 'landscape')
    const longest = landscape.reduce((a, b) =>
      b.content.quotation.length > a.content.quotation.length ? b : a,
    )
    const shortest = landscape.reduce((a, b) =>
      b.content.quotation.length < a.content.quotation.length ? b : a,
    )
    expect(longest.card.quoteSize).toBeLessThan(shortest.card.quoteSize)

    const long = {
      ...shortest.content,
      quotation: `« ${'une phrase assez longue pour tout remplir '.repeat(9)}»`,
    }
    const fitted = await renderCard(long, 'landscape')
    expect(fitted.quoteSize).toBeLessThan(shortest.card.quoteSize)
    expect(fitted.content.excerpt).toBeUndefined()
    expect(blocksOutsideFrame(fitted.blocks, FORMATS.landscape)).toEqual([])
  })

  it('cuts a quotation too long for any size after its last sentence that fits, marked, in both sizes', async () => {
    const { content } = cases[0] as Case
    // Over 3,000 characters, as the longest imported quote that failed: 40 sentences.
    const sentences = Array.from(
      { length: 40 },
      (_, i) => `La phrase numéro ${i + 1} dit ce que l’IA change au métier de monteur, et pourquoi.`,
    )
    const long = { ...content, quotation: inGuillemets(sentences.join(' ')) }
    expect(long.quotation.length).toBeGreaterThan(3000)
    for (const format of FORMAT_NAMES) {
      const card = await renderCard(long, format)
      const where = `${format} at ${card.quoteSize} px`
      expect(blocksOutsideFrame(card.blocks, FORMATS[format]), where).toEqual([])
      const shown = card.blocks.find((block) => block.key === BLOCKS.quotation)?.text ?? ''
      expect(card.content.excerpt, where).toBe(true)
      expect(shown, where).toBe(card.content.quotation)
      expect(shown.endsWith(`${CUT_MARK}${NBSP}»`), where).toBe(true)
      // Whole sentences, the first ones, and as many as fit in the smallest type.
      const kept = sentences.filter((sentence) => shown.includes(inGuillemets(sentence).slice(2, -2)))
      expect(kept.length, where).toBeGreaterThan(1)
      expect(words(shown).slice(0, -1), where).toEqual(words(kept.join(' ')))
      const oneMore = {
        ...long,
        quotation: inGuillemets(`${sentences.slice(0, kept.length + 1).join(' ')} ${CUT_MARK}`),
        excerpt: true,
      }
      const smallest = FORMATS[format].quoteSizes.at(-1) as number
      const tooMuch = await layOutCard(oneMore, format, smallest, false)
      expect(blocksOutsideFrame(tooMuch.blocks, FORMATS[format]).length, where).toBeGreaterThan(0)
      expect(card.blocks.find((block) => block.key === BLOCKS.source)?.text, where).toBe(
        'Extrait  ·  KILL THE TAPE  ·  2025  ·  killthetape.com',
      )
      expect(inkInMargins(decodePng(card.png), format), where).toBe(0)
    }
  })

  it('cuts between words a sentence too long alone, and between characters a word too long alone', async () => {
    const { content } = cases[0] as Case
    for (const quotation of ['mot '.repeat(800), `«${'x'.repeat(3000)}»`]) {
      const card = await renderCard({ ...content, quotation }, 'landscape')
      expect(blocksOutsideFrame(card.blocks, FORMATS.landscape)).toEqual([])
      expect(card.content.quotation.endsWith(`${CUT_MARK}${NBSP}»`)).toBe(true)
      expect(card.content.quotation.length).toBeGreaterThan(20)
      expect(inkInMargins(decodePng(card.png), 'landscape')).toBe(0)
    }
  })

  it('gives every quote a card through the renderer: the excerpt as alt text, with its speaker', async () => {
    const { item } = cases[0] as Case
    const sentences = Array.from({ length: 30 }, (_, i) => `Voici la phrase ${i + 1} d’un long témoignage.`)
    const long = { ...item, id: `${item.id}-long`, quotation: sentences.join(' ').repeat(3) }
    const image = await new CardRenderer().card(long, engine.corpus.version)
    expect(pngSize(image.png)).toEqual({ width: 1200, height: 630 })
    expect(image.excerpt).toBe(true)
    expect(image.alt).toContain(CUT_MARK)
    expect(image.alt.endsWith(`— ${item.speaker}`)).toBe(true)
  })

  it('gives the same PNG bytes for the same quote and corpus version, and caches it', async () => {
    const renderer = new CardRenderer()
    const version = engine.corpus.version
    for (const c of cases.slice(0, 2)) {
      const image = await renderer.card(c.item, version, c.format)
      expect(image.png.equals(c.card.png), `${c.item.id} ${c.format}`).toBe(true)
      expect(image.alt).toContain(c.content.quotation)
      expect(image.alt).toContain(c.item.speaker)
      expect(image.filename).toMatch(/^citation-[a-z0-9-]+\.png$/)
    }
    const first = cases[0] as Case
    const again = renderer.card(first.item, version, first.format)
    expect(again).toBe(renderer.card(first.item, version, first.format))
    const otherVersion = renderer.card(first.item, `${version}-next`, first.format)
    expect(otherVersion).not.toBe(again)
    expect((await otherVersion).png.equals(first.card.png)).toBe(true)
  })

  it('makes cards of quotes only', async () => {
    const passage = [...engine.records.values()].find((record) => record.kind === 'passage')
    if (!passage) throw new Error('no passage in the corpus')
    const refused = await new CardRenderer()
      .card(toItem(engine, passage), engine.corpus.version)
      .catch((error: unknown) => error)
    expect((refused as CardError).code).toBe('NOT_A_QUOTE')
  })
})
