import type { AnswerItem } from '../answers/answer.js'
import { altText, cardContent, cardFileName } from './content.js'
import type { CardFormat } from './layout.js'

/** A card ready to post: the PNG and what a platform needs beside it. */
export interface CardImage {
  png: Buffer
  width: number
  height: number
  format: CardFormat
  /** The quotation and its speaker, as the card shows them (Slack alt_text, Discord attachment description). */
  alt: string
  /** The card shows the first sentences of a quotation too long for it (see render.ts, fitExcerpt). */
  excerpt: boolean
  filename: string
  /** Text the fonts could not draw (should be empty; worth a warning in the logs when it is not). */
  missingGlyphs: string[]
}

/** What the adapters and the daily quote need: a card for a quote of a given corpus version. */
export interface CardSource {
  card(item: AnswerItem, corpusVersion: string, format?: CardFormat): Promise<CardImage>
}

const DEFAULT_MAX_ENTRIES = 64

/**
 * Renders cards and keeps them per quote, format and corpus version (a record id means the same words only
 * within one corpus version). Renders of the same card in flight at once are shared; a failed one is
 * forgotten so that the next click tries again. Least recently used cards go first when it is full.
 */
export class CardRenderer implements CardSource {
  private readonly entries = new Map<string, Promise<CardImage>>()
  private version: string | undefined

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  card(item: AnswerItem, corpusVersion: string, format: CardFormat = 'landscape'): Promise<CardImage> {
    if (corpusVersion !== this.version) {
      // Cards of an older corpus will not be asked for again.
      this.entries.clear()
      this.version = corpusVersion
    }
    const key = `${item.id}\u0000${format}`
    const hit = this.entries.get(key)
    if (hit) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const made = this.make(item, format)
    this.entries.set(key, made)
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key)
    })
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string)
    }
    return made
  }

  private async make(item: AnswerItem, format: CardFormat): Promise<CardImage> {
    const content = cardContent(item)
    // satori weighs over a megabyte of code: loaded at the first card, not with every process that may draw one.
    const { renderCard } = await import('./render.js')
    const rendered = await renderCard(content, format)
    return {
      png: rendered.png,
      width: rendered.width,
      height: rendered.height,
      format,
      alt: altText(rendered.content),
      excerpt: rendered.content.excerpt === true,
      filename: cardFileName(item, format === 'square'),
      missingGlyphs: rendered.missingGlyphs,
    }
  }
}
