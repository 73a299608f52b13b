import type { Block } from './draft.js'
import type { PdfLine } from './pdf-lines.js'

/** A line this much larger than the body text is a heading. */
const HEADING_RATIO = 1.15
/** Share of the page height, at the top and at the bottom, where running headers and page numbers sit. */
const MARGIN = 0.08

/**
 * Lines in reading order → headings and paragraphs. Headings are told by font size (larger than the body
 * text; the larger, the higher the level); paragraphs end at a wider gap than the usual line spacing, or
 * after a short line that ends a sentence. A paragraph cut by a column or a page break is joined again.
 * The largest heading of the first page is the document's title.
 */
export function linesToBlocks(lines: PdfLine[], pageHeights: number[]): { title?: string; blocks: Block[] } {
  const text = withoutRunningLines(lines, pageHeights)
  if (text.length === 0) return { blocks: [] }
  const body = bodySize(text)
  const headingSizes = [
    ...new Set(text.filter((l) => l.size >= body * HEADING_RATIO).map((l) => Math.round(l.size))),
  ].sort((a, b) => b - a)
  const isHeading = (line: PdfLine) => line.size >= body * HEADING_RATIO
  const spacing = lineSpacing(text, body)
  const columnWidth = (line: PdfLine) =>
    Math.max(...text.filter((l) => l.page === line.page && l.column === line.column).map((l) => l.x1 - l.x0))

  const blocks: Block[] = []
  let previous: PdfLine | undefined
  for (const line of text) {
    const last = blocks.at(-1)
    if (isHeading(line)) {
      const level = headingSizes.indexOf(Math.round(line.size)) + 1
      // A heading set on two lines is one heading.
      if (
        last?.kind === 'heading' &&
        previous &&
        isHeading(previous) &&
        sameFlow(previous, line, spacing * 2)
      )
        last.text += ` ${line.text}`
      else blocks.push({ kind: 'heading', level, text: line.text })
    } else if (
      last?.kind === 'paragraph' &&
      previous &&
      !isHeading(previous) &&
      continues(previous, line, spacing, columnWidth(previous))
    ) {
      last.text = joinLines(last.text, line.text)
    } else {
      blocks.push({ kind: 'paragraph', text: line.text })
    }
    previous = line
  }

  const first = blocks[0]
  const onFirstPage = text.filter((l) => l.page === text[0]?.page)
  const largest = Math.max(...onFirstPage.map((l) => l.size))
  if (first?.kind === 'heading' && first.level === 1 && (text[0]?.size ?? 0) >= largest - 0.5)
    return { title: first.text, blocks: blocks.slice(1) }
  return { blocks }
}

/** Whether `line` goes on the paragraph that `previous` ends. */
function continues(previous: PdfLine, line: PdfLine, spacing: number, width: number): boolean {
  const endsSentence = /[.!?…:»"”)]$/.test(previous.text)
  if (!sameFlow(previous, line, spacing * 1.4)) {
    // Column or page break: the paragraph goes on if the sentence visibly does.
    return !endsSentence && /^[\p{Ll}\p{N}«"“(,;]/u.test(line.text)
  }
  if (Math.abs(line.size - previous.size) > 0.5) return false
  // A sentence that ends well before the column's right edge ends its paragraph.
  return !(endsSentence && previous.x1 - previous.x0 < width * 0.8)
}

/** Same page and column, the next line down, no wider apart than `maxGap`. */
function sameFlow(previous: PdfLine, line: PdfLine, maxGap: number): boolean {
  if (previous.page !== line.page || previous.column !== line.column) return false
  const gap = previous.y - line.y
  return gap > 0 && gap <= maxGap
}

function joinLines(text: string, next: string): string {
  // A word hyphenated at the end of a line is kept as set ("sous-" + "titrage"), without a space.
  return /\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next) ? `${text}${next}` : `${text} ${next}`
}

/** The font size most of the text is set in. */
function bodySize(lines: PdfLine[]): number {
  const bySize = new Map<number, number>()
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2
    bySize.set(size, (bySize.get(size) ?? 0) + line.text.length)
  }
  return [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10
}

/** The usual distance between two baselines of body text (the median), 1.2 × the size if unknown. */
function lineSpacing(lines: PdfLine[], body: number): number {
  const gaps: number[] = []
  lines.forEach((line, i) => {
    const next = lines[i + 1]
    if (!next || Math.abs(line.size - body) > 0.5 || Math.abs(next.size - body) > 0.5) return
    if (next.page !== line.page || next.column !== line.column) return
    const gap = line.y - next.y
    if (gap > body * 0.8 && gap < body * 3) gaps.push(gap)
  })
  gaps.sort((a, b) => a - b)
  return gaps[Math.floor(gaps.length / 2)] ?? body * 1.2
}

/**
 * Drops page numbers and running headers and footers: lines in the top or bottom margin that are only a
 * number, or whose text (numbers aside) comes back on at least half the pages.
 */
function withoutRunningLines(lines: PdfLine[], pageHeights: number[]): PdfLine[] {
  const inMargin = (line: PdfLine) => {
    const height = pageHeights[line.page - 1] ?? 842
    return line.y > height * (1 - MARGIN) || line.y < height * MARGIN
  }
  const shape = (line: PdfLine) => line.text.replace(/\d+/g, '#').toLowerCase()
  const pagesByShape = new Map<string, Set<number>>()
  for (const line of lines.filter(inMargin)) {
    const pages = pagesByShape.get(shape(line)) ?? new Set<number>()
    pagesByShape.set(shape(line), pages.add(line.page))
  }
  const pageCount = pageHeights.length
  return lines.filter((line) => {
    if (!inMargin(line)) return true
    if (/^[\s\d/|–-]*$/.test(line.text) || /^page\s+\d+/i.test(line.text)) return false
    const repeats = pagesByShape.get(shape(line))?.size ?? 0
    return pageCount < 2 || repeats < Math.max(2, pageCount / 2)
  })
}
