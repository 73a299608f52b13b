import { stripControls, stripControlsDeep } from '../../text/controls.js'
import { chunkDocument } from '../chunker.js'
import { CorpusError } from '../errors.js'
import { parseDocument } from '../load-corpus.js'
import type { CorpusDocument, CorpusRecord } from '../types.js'
import { type Draft, type SourceMetadata, wordCount } from './draft.js'
import { findDuplicate } from './duplicates.js'
import { ImportError } from './errors.js'
import { htmlToDraft } from './html.js'
import { HtmlShapeError } from './html-shape.js'
import { markdownToDraft, textToDraft } from './markdown-text.js'
import { pdfToDraft } from './pdf.js'
import { renderDocument } from './render-document.js'
import { decodeText, type LoadedSource } from './source.js'

/** Fewer words than this is not an article: a cookie wall, a login page, a scanned PDF without text. */
export const MIN_WORDS = 40

/** What the operator says on the command line; each field overrides what the source says. */
export interface ImportFlags {
  url?: string
  title?: string
  publisher?: string
  language?: string
  /** YYYY-MM-DD (or YYYY). */
  published?: string
  /** File name without `.md`; by default made from the title. */
  id?: string
  /** Added to the provenance comment (the date of the import, for instance). */
  note?: string
}

export interface ImportedDocument {
  id: string
  /** The corpus file, ready to write. */
  text: string
  document: CorpusDocument
  records: CorpusRecord[]
}

/**
 * A source → a corpus document, checked exactly as the loader checks it, or an ImportError saying in one
 * line why not. Nothing is written here.
 */
export async function importDocument(
  source: LoadedSource,
  given: ImportFlags,
  existing: CorpusDocument[],
): Promise<ImportedDocument> {
  // Control characters of the source (a bell, an escape sequence, a bidirectional override) are not its text:
  // out of the source as decoded (YAML refuses some), and of what its markup decoded to (&#7; in HTML).
  const draft = stripControlsDeep(await toDraft(source))
  const flags = stripControlsDeep(given)
  const words = wordCount(draft.blocks)
  if (words < MIN_WORDS) {
    throw new ImportError(
      'IMPORT_NO_TEXT',
      `${source.label}: no article text found (${words} word${words === 1 ? '' : 's'}${source.kind === 'pdf' ? '; a scanned PDF has no text layer' : ''})`,
    )
  }
  const meta = frontMatter(draft.metadata, flags, source)
  const id = flags.id ?? slugify(meta.title)
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) {
    throw new ImportError(
      'IMPORT_INVALID',
      `id "${id}": 1 to 40 lower-case letters, digits and hyphens (--id)`,
    )
  }
  const paragraphs = draft.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text)
  const duplicate = findDuplicate({ url: meta.url, paragraphs }, existing)
  if (duplicate) throw new ImportError('IMPORT_DUPLICATE', `${source.label}: duplicate: ${duplicate.reason}`)
  if (existing.some((document) => document.meta.id === id)) {
    throw new ImportError(
      'IMPORT_DUPLICATE',
      `${id}.md already exists in the corpus (choose another name with --id)`,
    )
  }

  const provenance = `Importé par npm run corpus:add depuis ${stripControls(source.label)}${flags.note ? ` ${flags.note}` : ''}. Texte tel qu’extrait de la source, titres compris.`
  const text = renderDocument({ ...meta, ...draft.metadata.extra }, draft.blocks, provenance)
  try {
    const document = parseDocument(`${id}.md`, id, text)
    return { id, text, document, records: chunkDocument(document) }
  } catch (error) {
    if (error instanceof CorpusError)
      throw new ImportError('IMPORT_INVALID', `${source.label}: ${error.message}`)
    throw error
  }
}

async function toDraft(source: LoadedSource): Promise<Draft> {
  try {
    return await draftOf(source)
  } catch (error) {
    if (error instanceof HtmlShapeError)
      throw new ImportError('IMPORT_UNSUPPORTED', `${source.label}: ${error.message}`)
    throw error
  }
}

async function draftOf(source: LoadedSource): Promise<Draft> {
  switch (source.kind) {
    case 'pdf':
      try {
        return await pdfToDraft(source.bytes)
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
        throw new ImportError('IMPORT_UNSUPPORTED', `${source.label}: not a readable PDF (${reason})`)
      }
    case 'html':
      return htmlToDraft(stripControls(decodeText(source)))
    case 'markdown':
      return markdownToDraft(stripControls(decodeText(source)))
    case 'text':
      return textToDraft(stripControls(decodeText(source)))
  }
}

function frontMatter(found: SourceMetadata, flags: ImportFlags, source: LoadedSource) {
  const title = flags.title ?? found.title
  if (!title) throw missing(source, 'no title', '--title')
  const url = absoluteUrl(flags.url ?? found.url, source.url) ?? source.url
  if (!url || !/^https?:\/\//.test(url))
    throw missing(source, 'no http(s) URL for the source link', '--url URL')
  const published = flags.published ?? found.published
  const year = Number(/\b(1[9]\d\d|2[01]\d\d)\b/.exec(published ?? '')?.[1])
  if (!year) throw missing(source, 'no publication date', '--published YYYY-MM-DD')
  return {
    title: title.replace(/\s+/g, ' ').trim(),
    url,
    publisher: (flags.publisher ?? found.publisher ?? new URL(url).hostname.replace(/^www\./, '')).trim(),
    language: languageCode(flags.language ?? found.language) ?? 'fr',
    year,
  }
}

function missing(source: LoadedSource, what: string, flag: string): ImportError {
  return new ImportError(
    'IMPORT_NO_METADATA',
    `${source.label}: ${what} in the source (give it with ${flag})`,
  )
}

/** A canonical link may be relative to the page it is on. */
function absoluteUrl(url: string | undefined, base: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url, base).toString()
  } catch {
    return url
  }
}

/** "fr", "FR", "fr-fr", "fr_FR" → "fr" / "fr-FR", as the loader wants it. */
export function languageCode(value: string | undefined): string | undefined {
  const match = /^([a-z]{2})(?:[-_]([a-z]{2}))?\b/i.exec(value?.trim() ?? '')
  if (!match) return undefined
  return match[2] ? `${match[1]?.toLowerCase()}-${match[2].toUpperCase()}` : match[1]?.toLowerCase()
}

/** A title → a file name of at most 40 characters, cut at a word, accents and elisions (l’, d’…) dropped. */
export function slugify(title: string): string {
  const words = title
    .replace(/(^|[^\p{L}])(?:[ldjmnstc]|qu)['’]/giu, '$1')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word
    if (next.length > 40) break
    slug = next
  }
  return slug || (words[0] ?? 'document').slice(0, 40)
}
