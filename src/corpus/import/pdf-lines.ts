/**
 * Text items of a PDF page (runs of text placed at a position, in a size) → lines in reading order, with
 * two-column pages read column by column: left column, then right, between the lines that span both.
 */

export interface PdfTextItem {
  text: string
  /** Left edge and baseline, in PDF points from the bottom left of the page. */
  x: number
  y: number
  width: number
  /** Font size in points. */
  size: number
}

export interface PdfPage {
  width: number
  height: number
  items: PdfTextItem[]
}

export interface PdfLine {
  text: string
  x0: number
  x1: number
  y: number
  size: number
  page: number
  /** 0 for a single-column page or a line spanning the columns, 1 left, 2 right. */
  column: 0 | 1 | 2
}

/** Items on one baseline further apart than this (in font sizes) belong to different columns. */
const COLUMN_GAP = 1.5

export function pageLines(page: PdfPage, pageNumber: number): PdfLine[] {
  const lines = baselineRows(page.items.filter((item) => item.text.trim() !== '')).flatMap((row) =>
    splitRow(row, pageNumber),
  )
  return readingOrder(lines, findGutter(lines))
}

/** Items grouped by baseline (a tolerance of a third of the font size absorbs sub- and superscripts). */
function baselineRows(items: PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x)
  const rows: PdfTextItem[][] = []
  for (const item of sorted) {
    const row = rows.at(-1)
    const reference = row?.[0]
    if (row && reference && Math.abs(reference.y - item.y) <= Math.max(reference.size, item.size) / 3)
      row.push(item)
    else rows.push([item])
  }
  return rows
}

/** One baseline → one line per run of items close enough to be the same line of text. */
function splitRow(row: PdfTextItem[], page: number): PdfLine[] {
  type Building = PdfLine & { chars: number; sizeWeight: number }
  const lines: Building[] = []
  let current: Building | undefined
  for (const item of [...row].sort((a, b) => a.x - b.x)) {
    const gap = current ? item.x - current.x1 : 0
    if (!current || gap > COLUMN_GAP * Math.max(item.size, current.size)) {
      current = {
        text: '',
        x0: item.x,
        x1: item.x,
        y: item.y,
        size: item.size,
        page,
        column: 0,
        chars: 0,
        sizeWeight: 0,
      }
      lines.push(current)
    }
    // pdf.js gives words or runs; a visible gap between two of them is a space the file did not write.
    const needsSpace =
      current.text !== '' && gap > item.size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(item.text)
    current.text += (needsSpace ? ' ' : '') + item.text
    current.x1 = Math.max(current.x1, item.x + item.width)
    // The line's size is its characters' average size (a drop cap or a footnote mark does not decide it).
    const chars = Math.max(1, item.text.trim().length)
    current.sizeWeight += item.size * chars
    current.chars += chars
    current.size = current.sizeWeight / current.chars
  }
  return lines.map(({ chars: _chars, sizeWeight: _weight, ...line }) => ({ ...line, text: line.text.trim() }))
}

/**
 * The x of the gutter between two columns, if the page has two: the widest vertical strip in the middle
 * of the text area that no line of a column crosses, with several lines on each side of it.
 */
export function findGutter(lines: PdfLine[]): number | undefined {
  if (lines.length < 6) return undefined
  const left = Math.min(...lines.map((l) => l.x0))
  const right = Math.max(...lines.map((l) => l.x1))
  const width = right - left
  // Lines as wide as most of the text area are titles or single-column text: they do not show a gutter.
  const narrow = lines.filter((l) => l.x1 - l.x0 < width * 0.6)
  const covered = new Uint8Array(Math.ceil(width) + 1)
  for (const line of narrow) covered.fill(1, Math.floor(line.x0 - left), Math.ceil(line.x1 - left) + 1)
  let best: { start: number; length: number } | undefined
  let start = -1
  for (let x = Math.floor(width * 0.25); x <= Math.ceil(width * 0.75); x++) {
    if (!covered[x]) {
      if (start < 0) start = x
      const length = x - start + 1
      if (!best || length > best.length) best = { start, length }
    } else start = -1
  }
  if (!best || best.length < 4) return undefined
  const gutter = left + best.start + best.length / 2
  const leftLines = narrow.filter((l) => l.x1 < gutter).length
  const rightLines = narrow.filter((l) => l.x0 > gutter).length
  return leftLines >= 3 && rightLines >= 3 ? gutter : undefined
}

/** Top to bottom; on a two-column page, each band between spanning lines is read left column first. */
function readingOrder(lines: PdfLine[], gutter: number | undefined): PdfLine[] {
  const sorted = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0)
  if (gutter === undefined) return sorted
  const ordered: PdfLine[] = []
  let band: PdfLine[] = []
  const flush = () => {
    ordered.push(...band.filter((l) => l.column === 1), ...band.filter((l) => l.column === 2))
    band = []
  }
  for (const line of sorted) {
    if (line.x0 < gutter && line.x1 > gutter) {
      flush()
      ordered.push(line)
    } else band.push({ ...line, column: line.x1 <= gutter ? 1 : 2 })
  }
  flush()
  return ordered
}
