import { readYaml } from '../read-yaml.js'
import { type Block, type Draft, type SourceMetadata, tidyBlocks } from './draft.js'
import { markdownToBlocks } from './html-markdown.js'

/**
 * A Markdown file → headings and paragraphs of plain text. Its own front matter (Jekyll, Hugo, or this
 * corpus' format) supplies title, url, publisher, language and date; inline markup is reduced to its words,
 * as for a web page.
 */
export function markdownToDraft(source: string): Draft {
  const { metadata, body } = frontMatter(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  const blocks = markdownToBlocks(normalizeMarkdown(body))
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

/**
 * Markdown's block markup → blank-line separated blocks: setext headings as ATX, list items, quotes and
 * table rows as paragraphs of their own, code fences and separators dropped.
 */
function normalizeMarkdown(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, '')
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
