import { readYaml } from '../read-yaml.js'
import { type Block, type Draft, type SourceMetadata, tidyBlocks } from './draft.js'
import { htmlToBlocks, markdownToBlocks } from './html-markdown.js'

/**
 * A Markdown file → headings and paragraphs of plain text. Its own front matter (Jekyll, Hugo, or this
 * corpus' format) supplies title, url, publisher, language and date; inline markup is reduced to its words,
 * as for a web page, and HTML blocks (a body exported as HTML) are read as a web page's are. Footnote marks
 * (`[^1]`) leave the text; the notes themselves end the document, under « Notes ».
 */
export function markdownToDraft(source: string): Draft {
  const { metadata, body } = frontMatter(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  const { text, notes } = footnotes(body.replace(/<!--[\s\S]*?-->/g, ''))
  const blocks = [...bodyBlocks(text), ...notes]
  const first = blocks[0]
  // A document that opens with its title as a heading: the title goes to the front matter.
  if (
    first?.kind === 'heading' &&
    first.level === 1 &&
    blocks.filter((b) => b.kind === 'heading' && b.level === 1).length === 1
  ) {
    return {
      metadata: { title: stripInline(first.text), ...metadata },
      blocks: tidyBlocks(blocks.slice(1).map(plain)),
    }
  }
  return { metadata, blocks: tidyBlocks(blocks.map(plain)) }
}

/**
 * A plain-text file → paragraphs (separated by blank lines, hard-wrapped lines joined). A short line
 * standing alone, without a sentence's final punctuation, is a heading; the first one is the title.
 */
export function textToDraft(source: string): Draft {
  const chunks = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
  const isHeading = (chunk: string) =>
    !chunk.includes('\n') &&
    chunk.length <= 100 &&
    /^[\p{Lu}\p{N}]/u.test(chunk) &&
    !/[.,;!?…»"”]$/.test(chunk)
  const blocks: Block[] = chunks.map((chunk) =>
    isHeading(chunk) ? { kind: 'heading', level: 2, text: chunk } : { kind: 'paragraph', text: chunk },
  )
  const first = blocks[0]
  if (first?.kind === 'heading')
    return { metadata: { title: first.text }, blocks: tidyBlocks(blocks.slice(1)) }
  return { metadata: {}, blocks: tidyBlocks(blocks) }
}

function frontMatter(text: string): { metadata: SourceMetadata; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text)
  if (!match) return { metadata: {}, body: text }
  let data: unknown
  try {
    data = readYaml(match[1] ?? '')
  } catch {
    return { metadata: {}, body: text.slice(match[0].length) }
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>
  const field = (...keys: string[]) => {
    for (const key of keys) {
      const value = record[key]
      if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined
    }
    return undefined
  }
  const metadata: SourceMetadata = {}
  const entries: Array<[Exclude<keyof SourceMetadata, 'extra'>, string | undefined]> = [
    ['title', field('title')],
    ['url', field('url', 'canonical', 'canonical_url', 'permalink')],
    ['publisher', field('publisher', 'site', 'site_name')],
    ['language', field('language', 'lang', 'locale')],
    ['published', field('date', 'published', 'year')],
  ]
  for (const [key, value] of entries) if (value) metadata[key] = value
  // A file already in the corpus' format keeps what only that format says.
  for (const key of ['studies', 'sourcesLine', 'footer'] as const)
    if (record[key] !== undefined) metadata.extra = { ...metadata.extra, [key]: record[key] }
  return { metadata, body: text.slice(match[0].length) }
}

// An HTML block as CommonMark opens one (its type 6): a line that starts with a block-level tag. It runs to
// the next blank line.
const HTML_BLOCK_START =
  /^ {0,3}<\/?(?:address|article|aside|blockquote|body|details|dialog|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|html|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)(?:[\s/>]|$)/i

/** The body's Markdown and HTML blocks, each read as what it is, in order. */
function bodyBlocks(body: string): Block[] {
  const blocks: Block[] = []
  let markdown: string[] = []
  let html: string[] = []
  const flushMarkdown = () => {
    if (markdown.length > 0) blocks.push(...markdownToBlocks(normalizeMarkdown(markdown.join('\n'))))
    markdown = []
  }
  const flushHtml = () => {
    if (html.length > 0) blocks.push(...htmlToBlocks(html.join('\n')))
    html = []
  }
  for (const line of body.split('\n')) {
    if (html.length > 0) {
      if (line.trim() === '') flushHtml()
      else html.push(line)
    } else if (HTML_BLOCK_START.test(line)) {
      flushMarkdown()
      html.push(line)
    } else markdown.push(line)
  }
  flushMarkdown()
  flushHtml()
  return blocks
}

// [^1]: A note, its following lines indented.
const FOOTNOTE = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/
const FOOTNOTE_MARK = /[ \t]*\[\^[^\]\s]+\](?!:)/g

/** Footnote marks out of the text; the notes as paragraphs of a last section, « Notes ». */
function footnotes(body: string): { text: string; notes: Block[] } {
  const kept: string[] = []
  const notes: string[] = []
  let inNote = false
  for (const line of body.split('\n')) {
    const note = FOOTNOTE.exec(line)
    if (note) {
      notes.push(note[2] ?? '')
      inNote = true
    } else if (inNote && /^(?: {2,}|\t)\S/.test(line)) {
      notes[notes.length - 1] += ` ${line.trim()}`
    } else {
      inNote = false
      kept.push(line)
    }
  }
  const text = kept.join('\n').replace(FOOTNOTE_MARK, '')
  const paragraphs = notes
    .map((note) => note.replace(FOOTNOTE_MARK, '').trim())
    .filter(Boolean)
    .map((note): Block => ({ kind: 'paragraph', text: note }))
  return {
    text,
    notes: paragraphs.length > 0 ? [{ kind: 'heading', level: 2, text: 'Notes' }, ...paragraphs] : [],
  }
}

/**
 * Markdown's block markup → blank-line separated blocks: setext headings as ATX, list items, quotes and
 * table rows as paragraphs of their own, code fences and separators dropped.
 */
function normalizeMarkdown(body: string): string {
  return body
    .replace(/^(.+)\n=+\s*$/gm, '# $1')
    .replace(/^(.+)\n-{2,}\s*$/gm, '## $1')
    .split('\n')
    .map((line) => {
      if (/^#{1,6}\s/.test(line)) return `\n${line}\n`
      if (/^\s*(?:```|~~~)/.test(line) || /^\s*(?:[-*_]\s*){3,}$/.test(line)) return ''
      if (/^\s*\|?\s*:?-{3,}/.test(line)) return ''
      const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line)
      if (item) return `\n${item[1]}\n`
      const quote = /^\s*>\s?(.*)$/.exec(line)
      if (quote) return quote[1]
      const row = /^\s*\|(.*)\|\s*$/.exec(line)
      if (row)
        return `\n${(row[1] ?? '')
          .split('|')
          .map((cell) => cell.trim())
          .join(' | ')}\n`
      return line
    })
    .join('\n')
}

// Heading attributes ({exposure=menacé jobs="monteur"}) are the corpus' own markup: they are kept.
function plain(block: Block): Block {
  return { ...block, text: stripInline(block.text) }
}

/** Inline markup → its words: images dropped, links to their text, emphasis and code marks removed. */
function stripInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]*?\S)\*/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
}
