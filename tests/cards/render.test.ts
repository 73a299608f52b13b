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
import { CardError } from '../../src/cards/errors.js'
import { BLOCKS, type CardFormat, COLORS, FORMATS } from '../../src/cards/layout.js'
import { blocksOutsideFrame, layOutCard, type RenderedCard, renderCard } from '../../src/cards/render.js'
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

  it('shrinks the type of long quotes instead of cutting them, and refuses one that cannot fit', async () => {
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
    expect(blocksOutsideFrame(fitted.blocks, FORMATS.landscape)).toEqual([])

    const endless = { ...long, quotation: 'mot '.repeat(400) }
    const refused = await renderCard(endless, 'landscape').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CardError)
    expect((refused as CardError).code).toBe('QUOTE_TOO_LONG')
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
