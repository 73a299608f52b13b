import { getDocumentProxy } from 'unpdf'
import type { Draft } from './draft.js'
import { tidyBlocks } from './draft.js'
import { linesToBlocks } from './pdf-blocks.js'
import { type PdfPage, type PdfTextItem, pageLines } from './pdf-lines.js'

/**
 * A PDF's text layer → headings and paragraphs in reading order, with the metadata the file states
 * (title, author's organisation, creation date, language). A scanned PDF without a text layer yields no
 * text, which the import refuses.
 */
export async function pdfToDraft(bytes: Uint8Array): Promise<Draft> {
  // pdf.js takes ownership of the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  try {
    const pages: PdfPage[] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number)
      // The page box need not start at 0 0: positions are made relative to its corner.
      const [left, bottom, right, top] = page.view as [number, number, number, number]
      const width = right - left
      const height = top - bottom
      const content = await page.getTextContent()
      const items: PdfTextItem[] = []
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue
        const [a, b, c, d, x, y] = item.transform as number[]
        // Horizontal text only; the size is the glyphs' vertical scale.
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01) continue
        items.push({
          text: item.str,
          x: (x ?? 0) - left,
          y: (y ?? 0) - bottom,
          width: item.width,
          size: Math.abs(d ?? a ?? 0),
        })
      }
      pages.push({ width, height, items })
      page.cleanup()
    }
    const lines = pages.flatMap((page, i) => pageLines(page, i + 1))
    const { title, blocks } = linesToBlocks(
      lines,
      pages.map((p) => p.height),
    )
    const info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>
    const text = (key: string) => {
      const value = info[key]
      return typeof value === 'string' && value.trim() ? value.trim() : undefined
    }
    // A file's Title entry is often the word processor's file name; a title set on the page is surer.
    const infoTitle = text('Title')
    const fileTitle =
      infoTitle && !/\.(?:docx?|odt|pdf|indd|pptx?)\b|^untitled|^sans titre/i.test(infoTitle)
        ? infoTitle
        : undefined
    return {
      metadata: {
        ...((title ?? fileTitle) ? { title: title ?? fileTitle } : {}),
        ...(text('Language') ? { language: text('Language') } : {}),
        ...((text('CreationDate') ?? text('ModDate'))
          ? { published: pdfDate(text('CreationDate') ?? text('ModDate')) }
          : {}),
      },
      blocks: tidyBlocks(blocks),
    }
  } finally {
    await pdf.destroy()
  }
}

/** "D:20240415093000+02'00'" → "2024-04-15". */
function pdfDate(value: string | undefined): string | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value ?? '')
  if (!match) return undefined
  return [match[1], match[2] ?? '01', match[3] ?? '01'].join('-')
}
