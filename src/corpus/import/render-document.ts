import { stringify } from 'yaml'
import type { Block } from './draft.js'

export interface FrontMatter {
  title: string
  url: string
  publisher: string
  language: string
  year: number
  [extra: string]: unknown
}

/**
 * A corpus file: front matter, a comment saying where the text comes from (comments are not searched),
 * then one heading or paragraph per line, blank lines between them — the layout of the hand-made article.
 */
export function renderDocument(frontMatter: FrontMatter, blocks: Block[], provenance: string): string {
  const yaml = stringify(frontMatter, { lineWidth: 0 }).trimEnd()
  const comment = `<!-- ${provenance.replace(/--+>?/g, '–')} -->`
  const body = blocks.map((block) =>
    block.kind === 'heading' ? `${'#'.repeat(block.level)} ${block.text}` : paragraphLine(block.text),
  )
  return `---\n${yaml}\n---\n${comment}\n\n${body.join('\n\n')}\n`
}

/**
 * The corpus' Markdown has no escapes: a paragraph that starts like a heading is indented by one space
 * (the loader reads a line as a heading only from its first column, and trims paragraphs), and an HTML
 * comment opener, which the loader would strip, has its dashes set apart.
 */
function paragraphLine(text: string): string {
  const safe = text.replace(/<!--/g, '<!- -')
  return /^#{1,6}\s/.test(safe) ? ` ${safe}` : safe
}
