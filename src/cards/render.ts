/**
 * Content → PNG: satori lays the card out and draws it as SVG (text as glyph outlines, so the PNG never
 * depends on the fonts installed), resvg rasterises it off the main thread. The quotation gets the largest
 * size at which every block of the laid-out card lies inside the frame; nothing is ever shortened.
 */
import { Resvg, renderAsync } from '@resvg/resvg-js'
import satori from 'satori'
import type { CardContent } from './content.js'
import { CardError } from './errors.js'
import { cardFonts } from './fonts.js'
import { type CardFormat, cardElement, FORMATS, type FormatSpec } from './layout.js'

/** A block as satori laid it out, in pixels from the card's top left corner. */
export interface LaidOutBlock {
  key?: string
  left: number
  top: number
  width: number
  height: number
  text?: string
}

export interface CardLayout {
  format: CardFormat
  quoteSize: number
  svg: string
  blocks: LaidOutBlock[]
  /** Text satori found no glyph for in the card fonts (drawn as nothing): should stay empty. */
  missingGlyphs: string[]
}

export interface RenderedCard extends CardLayout {
  png: Buffer
  width: number
  height: number
}

/** Layout is rounded to whole pixels; a block may end half a pixel past where it was measured. */
const ROUNDING = 0.5

/**
 * Lays the card out. `embedFont: false` gives the same layout as text elements instead of glyph outlines:
 * several times cheaper, so sizes are tried that way and only the chosen one is drawn in full.
 */
export async function layOutCard(
  content: CardContent,
  format: CardFormat,
  quoteSize: number,
  draw: boolean,
): Promise<CardLayout> {
  const spec = FORMATS[format]
  const blocks: LaidOutBlock[] = []
  const missingGlyphs: string[] = []
  const svg = await satori(cardElement(content, format, quoteSize) as never, {
    width: spec.width,
    height: spec.height,
    fonts: cardFonts(),
    embedFont: draw,
    onNodeDetected: (node) => {
      blocks.push({
        ...(node.key !== undefined && node.key !== null ? { key: String(node.key) } : {}),
        left: node.left,
        top: node.top,
        width: node.width,
        height: node.height,
        ...(node.textContent ? { text: node.textContent } : {}),
      })
    },
    // Called only for text none of the fonts can draw: recorded, and drawn with nothing rather than fetched.
    loadAdditionalAsset: async (_language, segment) => {
      missingGlyphs.push(segment)
      return []
    },
  })
  return { format, quoteSize, svg, blocks, missingGlyphs }
}

/** The blocks that stick out of the frame (the card minus its margins); the root fills the whole card. */
export function blocksOutsideFrame(blocks: LaidOutBlock[], spec: FormatSpec): LaidOutBlock[] {
  return blocks.filter((block, index) => {
    if (index === 0) return false
    return (
      block.left < spec.padX - ROUNDING ||
      block.top < spec.padY - ROUNDING ||
      block.left + block.width > spec.width - spec.padX + ROUNDING ||
      block.top + block.height > spec.height - spec.padY + ROUNDING
    )
  })
}

const fits = (layout: CardLayout): boolean =>
  blocksOutsideFrame(layout.blocks, FORMATS[layout.format]).length === 0

/**
 * Where to start looking: the size at which the quotation's area (about half an em wide and a line high per
 * character) fills the room a card of this format leaves it. Only a starting point: every size is checked.
 */
function firstGuess(content: CardContent, spec: FormatSpec): number {
  const room = (spec.width - 2 * spec.padX) * (spec.height - 2 * spec.padY) * spec.quoteShare
  const size = Math.sqrt(room / (content.quotation.length * 0.5 * 1.28))
  const index = spec.quoteSizes.findIndex((candidate) => candidate <= size)
  return index < 0 ? spec.quoteSizes.length - 1 : index
}

/**
 * The card at the largest quotation size that fits (a smaller size never needs more room): from the first
 * guess, up while the next size fits, down until one does. Throws CardError when even the smallest does not.
 */
export async function fitCard(content: CardContent, format: CardFormat): Promise<CardLayout> {
  const spec = FORMATS[format]
  const sizes = spec.quoteSizes
  const tried = new Map<number, boolean>()
  const fitsAt = async (index: number): Promise<boolean> => {
    let result = tried.get(index)
    if (result === undefined) {
      result = fits(await layOutCard(content, format, sizes[index] as number, false))
      tried.set(index, result)
    }
    return result
  }
  let index = firstGuess(content, spec)
  if (await fitsAt(index)) {
    while (index > 0 && (await fitsAt(index - 1))) index -= 1
  } else {
    do index += 1
    while (index < sizes.length && !(await fitsAt(index)))
  }
  // The drawn layout is checked again: it is the one people see.
  for (; index < sizes.length; index += 1) {
    const drawn = await layOutCard(content, format, sizes[index] as number, true)
    if (fits(drawn)) return drawn
  }
  throw new CardError(
    'QUOTE_TOO_LONG',
    `the quotation does not fit a ${format} card even at ${sizes.at(-1)} px (${content.quotation.length} characters)`,
  )
}

/** Options shared by every rasterisation: the SVG carries its glyphs, so no font is looked up. */
const RESVG_OPTIONS = { font: { loadSystemFonts: false }, fitTo: { mode: 'original' as const } }

export async function renderCard(content: CardContent, format: CardFormat): Promise<RenderedCard> {
  const layout = await fitCard(content, format)
  const image = await renderAsync(layout.svg, RESVG_OPTIONS)
  return { ...layout, png: image.asPng(), width: image.width, height: image.height }
}

/** The card's RGBA pixels, for checks that look at what was drawn (tests). */
export function cardPixels(svg: string): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(svg, RESVG_OPTIONS).render()
  return { pixels: image.pixels, width: image.width, height: image.height }
}
