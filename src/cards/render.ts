/**
 * Content → PNG: satori lays the card out and draws it as SVG (text as glyph outlines, so the PNG never
 * depends on the fonts installed), resvg rasterises it off the main thread. The quotation gets the largest
 * size at which every block of the laid-out card lies inside the frame. One that does not fit even in the
 * smallest size is cut after its last sentence that does, and marked so (see fitExcerpt): every quote gets
 * a card.
 */
import { Resvg, renderAsync } from '@resvg/resvg-js'
import satori from 'satori'
import { splitSentences } from '../corpus/sentences.js'
import type { CardContent } from './content.js'
import { CardError } from './errors.js'
import { cardFonts } from './fonts.js'
import { type CardFormat, cardElement, FORMATS, type FormatSpec } from './layout.js'
import { NBSP } from './typography.js'

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
  /** What the card shows: the content given, or an excerpt of its quotation (`excerpt` set). */
  content: CardContent
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
  return { format, content, quoteSize, svg, blocks, missingGlyphs }
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

/** Where a quotation is cut: the French mark for words left out of a quotation. */
export const CUT_MARK = '[…]'

/** The quotation's words without its guillemets (and the no-break spaces inside them). */
function innerWords(quotation: string): string {
  return quotation.replace(/^«[\s\u00a0]*/, '').replace(/[\s\u00a0]*»$/, '')
}

/** The largest n in 1..count for which `test(n)` holds (it holds for every smaller n too), or 0. */
async function largest(count: number, test: (n: number) => Promise<boolean>): Promise<number> {
  let low = 0
  let high = count
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (await test(middle)) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * A quotation too long for the card even in the smallest type: the card keeps its first sentences, as many
 * as fit in that type, then the cut mark inside the guillemets, and says « Extrait » in its source line (the
 * message posted with a card carries the link to the whole passage). A first sentence too long on its own
 * is cut between two words, a word too long on its own between two characters.
 */
export async function fitExcerpt(content: CardContent, format: CardFormat): Promise<CardLayout> {
  const smallest = FORMATS[format].quoteSizes.at(-1) as number
  const cutTo = (text: string): CardContent => ({
    ...content,
    quotation: `«${NBSP}${text} ${CUT_MARK}${NBSP}»`,
    excerpt: true,
  })
  const fitsSmallest = async (candidate: CardContent) =>
    fits(await layOutCard(candidate, format, smallest, false))
  const sentences = splitSentences(innerWords(content.quotation))
  const kept = await largest(sentences.length - 1, (n) =>
    fitsSmallest(cutTo(sentences.slice(0, n).join(' '))),
  )
  if (kept > 0) return fitCard(cutTo(sentences.slice(0, kept).join(' ')), format)
  const first = sentences[0] ?? ''
  const words = first.split(' ')
  const keptWords = await largest(words.length - 1, (n) => fitsSmallest(cutTo(words.slice(0, n).join(' '))))
  if (keptWords > 0) return fitCard(cutTo(words.slice(0, keptWords).join(' ')), format)
  // One endless word (a pasted code, a URL): cut between characters, never inside a surrogate pair.
  const characters = Array.from(first)
  const keptCharacters = await largest(characters.length - 1, (n) =>
    fitsSmallest(cutTo(characters.slice(0, n).join(''))),
  )
  return fitCard(cutTo(characters.slice(0, Math.max(1, keptCharacters)).join('')), format)
}

/** The whole quotation at the largest size that fits; an excerpt of it when none does. */
async function fitWholeOrExcerpt(content: CardContent, format: CardFormat): Promise<CardLayout> {
  try {
    return await fitCard(content, format)
  } catch (error) {
    if (!(error instanceof CardError) || error.code !== 'QUOTE_TOO_LONG') throw error
    return fitExcerpt(content, format)
  }
}

/** Options shared by every rasterisation: the SVG carries its glyphs, so no font is looked up. */
const RESVG_OPTIONS = { font: { loadSystemFonts: false }, fitTo: { mode: 'original' as const } }

export async function renderCard(content: CardContent, format: CardFormat): Promise<RenderedCard> {
  const layout = await fitWholeOrExcerpt(content, format)
  const image = await renderAsync(layout.svg, RESVG_OPTIONS)
  return { ...layout, png: image.asPng(), width: image.width, height: image.height }
}

/** The card's RGBA pixels, for checks that look at what was drawn (tests). */
export function cardPixels(svg: string): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(svg, RESVG_OPTIONS).render()
  return { pixels: image.pixels, width: image.width, height: image.height }
}
