import TurndownService from 'turndown'
import type { Block } from './draft.js'
import { checkHtmlShape } from './html-shape.js'

/**
 * The article's HTML as headings and paragraphs of plain text. The corpus keeps the source's words only:
 * links become their text, emphasis its words, images and code markup go; each list item, table row and
 * quoted paragraph is a paragraph of its own.
 */
export function htmlToBlocks(html: string): Block[] {
  checkHtmlShape(html)
  return markdownToBlocks(converter().turndown(html))
}

function converter(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', hr: '', br: ' ' })
  // The corpus format has no escapes: a backslash Turndown adds would end up in the passage text.
  service.escape = (text: string) => text
  service.remove(['img', 'picture', 'video', 'audio', 'figure', 'script', 'style', 'noscript', 'iframe'])
  const inline = (content: string) => content
  const block = (content: string) => `\n\n${content.trim()}\n\n`
  // A footnote mark (<sup><a href="#fn1">1</a></sup>) is not the text's; a bare <sup>2</sup> may be an
  // exponent (m², 10⁶) and stays.
  service.addRule('footnoteMarks', {
    filter: (node) =>
      node.nodeName === 'SUP' &&
      node.childNodes.length === 1 &&
      node.firstChild?.nodeName === 'A' &&
      (
        (node.firstChild as { getAttribute?: (name: string) => string | null }).getAttribute?.('href') ?? ''
      ).startsWith('#'),
    replacement: () => '',
  })
  service.addRule('plainLinks', { filter: 'a', replacement: inline })
  service.addRule('plainEmphasis', {
    filter: ['em', 'i', 'strong', 'b', 'code', 'mark', 'u', 's'],
    replacement: inline,
  })
  service.addRule('itemsAsParagraphs', { filter: ['li', 'dt', 'dd'], replacement: block })
  service.addRule('quotesAsParagraphs', { filter: ['blockquote', 'pre'], replacement: block })
  service.addRule('tableCells', { filter: ['th', 'td'], replacement: (content) => `${content.trim()} | ` })
  service.addRule('tableRows', {
    filter: 'tr',
    replacement: (content) => block(content.replace(/\s*\|\s*$/, '')),
  })
  return service
}

// Turndown writes every heading as a block of its own; a <br> inside one may spread it over two lines.
const HEADING = /^(#{1,6})\s+([\s\S]*)$/

/** Markdown as Turndown writes it (ATX headings, blank lines between blocks) → blocks. */
export function markdownToBlocks(markdown: string): Block[] {
  return markdown
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): Block => {
      const heading = HEADING.exec(chunk)
      if (heading) {
        return { kind: 'heading', level: (heading[1] as string).length, text: heading[2] as string }
      }
      return { kind: 'paragraph', text: chunk }
    })
}
