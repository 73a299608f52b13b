/**
 * What every source (HTML, PDF, Markdown, plain text) is turned into before it becomes a corpus file: the
 * metadata the source itself states, and its text as headings and paragraphs, in reading order.
 */

export type Block = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string }

/** Metadata as found in the source; every field may be missing (flags fill or override them). */
export interface SourceMetadata {
  title?: string
  url?: string
  publisher?: string
  language?: string
  /** A date as the source gives it (ISO 8601, PDF date…); only its year is kept. */
  published?: string
  /** Front matter fields of a file already in the corpus' format (studies, sourcesLine, footer), as given. */
  extra?: Record<string, unknown>
}

export interface Draft {
  metadata: SourceMetadata
  blocks: Block[]
}

/** Collapses runs of white space (keeping no-break spaces, which French typography puts before » : ? !). */
export function squash(text: string): string {
  return text.replace(/[ \t\r\n\f\v]+/g, ' ').trim()
}

/** Non-empty blocks only, headings shifted so that the outermost becomes `##` (the title is front matter). */
export function tidyBlocks(blocks: Block[]): Block[] {
  const kept = blocks
    .map((block) => ({ ...block, text: squash(block.text) }))
    .filter((block) => block.text !== '')
  // A heading with nothing under it before the next heading of the same or a higher level says nothing.
  // Read from the end, in one pass: `text[level]` says whether a paragraph comes before the next heading of
  // that level or a higher one.
  const text = [false, false, false, false, false, false, false, false]
  const keep = new Array<boolean>(kept.length)
  for (let i = kept.length - 1; i >= 0; i--) {
    const block = kept[i] as Block
    if (block.kind === 'paragraph') {
      text.fill(true)
      keep[i] = true
      continue
    }
    const level = Math.min(Math.max(block.level, 1), 7)
    keep[i] = text[level] as boolean
    for (let deeper = level; deeper < text.length; deeper++) text[deeper] = false
  }
  const useful = kept.filter((_, i) => keep[i])
  // A loop, not Math.min(...levels): spread arguments overflow the stack at about 100,000 blocks.
  let top = 6
  for (const block of useful) if (block.kind === 'heading' && block.level < top) top = block.level
  return useful.map((block) =>
    block.kind === 'heading' ? { ...block, level: Math.min(6, block.level - top + 2) } : block,
  )
}

/** Number of words in the paragraphs (headings excluded). */
export function wordCount(blocks: Block[]): number {
  return blocks
    .filter((b) => b.kind === 'paragraph')
    .reduce((sum, b) => sum + (b.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0)
}
