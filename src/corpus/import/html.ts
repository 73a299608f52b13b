import { Readability } from '@mozilla/readability'
import { type Draft, tidyBlocks } from './draft.js'
import { removeBoilerplate } from './html-cleanup.js'
import { parseDocument } from './html-dom.js'
import { htmlToBlocks } from './html-markdown.js'
import { checkHtmlShape } from './html-shape.js'
import { readHtmlMetadata } from './metadata.js'

/** A web page → its article: metadata from the page's head, text from its main content only. */
export function htmlToDraft(html: string): Draft {
  checkHtmlShape(html)
  const document = parseDocument(html)
  // Read before the extractor runs: Readability rewrites the document as it goes.
  const metadata = readHtmlMetadata(document)
  const pageTitle = document.title.trim()
  removeBoilerplate(document)
  // charThreshold: a short memo is still an article; the word count decides later whether there is text.
  const article = new Readability(document, { charThreshold: 200 }).parse()
  const blocks = tidyBlocks(article?.content ? htmlToBlocks(article.content) : [])
  const fromArticle = {
    title: article?.title || pageTitle || undefined,
    publisher: article?.siteName || undefined,
    language: article?.lang || undefined,
    published: article?.publishedTime || undefined,
  }
  const merged = { ...metadata }
  for (const [key, value] of Object.entries(fromArticle) as Array<[keyof typeof fromArticle, string]>)
    if (value && !merged[key]) merged[key] = value
  return { metadata: merged, blocks: dropTitle(blocks, merged.title) }
}

/** The title is front matter; a first heading that repeats it is not a section. */
function dropTitle(blocks: Draft['blocks'], title: string | undefined) {
  const first = blocks[0]
  if (!title || first?.kind !== 'heading') return blocks
  const same = (a: string) =>
    a
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  return same(first.text) === same(title) ? tidyBlocks(blocks.slice(1)) : blocks
}
