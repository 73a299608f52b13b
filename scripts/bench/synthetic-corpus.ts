/**
 * Synthetic corpora in the project's format, for measuring scale: the article's sentences reshuffled into
 * distinct documents (own titles, URLs, publishers, years), its headings kept with their job attributes
 * most of the time, and the thesaurus copied. Deterministic for a seed: the same seed and size write the
 * same files, byte for byte.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseDocument } from '../../src/corpus/load-corpus.js'
import { splitSentences } from '../../src/corpus/sentences.js'
import type { Section } from '../../src/corpus/types.js'

/** Share of job sections written without their {exposure=…}/{jobs="…"} attributes. */
const UNCLASSIFIED_SHARE = 0.3
/** Chance that a sentence is moved to another section of the same document. */
const MOVE_SHARE = 0.15
const PUBLISHERS = [
  'Observatoire des métiers de l’image',
  'Revue de la post-production',
  'Lettre des techniciens du film',
  'Cahiers de l’audiovisuel',
  'Journal des studios',
]

export class GeneratorError extends Error {
  readonly code = 'GENERATOR_INVALID'
}

/** mulberry32: small, fast and good enough to shuffle sentences reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

interface SourceSection {
  path: string[]
  /** The heading attributes as the article writes them, for the innermost heading that has any. */
  exposure?: string
  jobs: string[]
  sentences: string[]
}

/** The article's sections as sentence pools. */
export function sourceSections(sections: Section[]): SourceSection[] {
  return sections.map((section) => ({
    path: section.path,
    ...(section.exposure ? { exposure: section.exposure } : {}),
    jobs: section.jobs,
    sentences: section.paragraphs.flatMap(splitSentences),
  }))
}

function attributes(section: SourceSection, level: number, classified: boolean): string {
  if (!classified) return ''
  const parts: string[] = []
  // The exposure sits on the outermost heading in the article; a lone sub-section carries it itself.
  if (section.exposure && level === 2) parts.push(`exposure=${section.exposure}`)
  if (level === section.path.length + 1 && section.jobs.length > 0)
    parts.push(`jobs="${section.jobs.join('; ')}"`)
  return parts.length > 0 ? ` {${parts.join(' ')}}` : ''
}

/** One document's Markdown: front matter, then the article's sections in a new order, sentences moved. */
export function syntheticDocument(index: number, sections: SourceSection[], seed: number): string {
  const random = seededRandom(seed * 100_003 + index)
  const number = String(index + 1).padStart(4, '0')
  // Sections under the same top heading stay together so that the heading hierarchy remains valid.
  const groups = new Map<string, SourceSection[]>()
  for (const section of sections) {
    const top = section.path[0] ?? ''
    groups.set(top, [...(groups.get(top) ?? []), section])
  }
  const order = shuffle([...groups.values()], random)
  const pools = order.map((group) =>
    group.map((s) => ({ section: s, sentences: shuffle(s.sentences, random) })),
  )
  const flat = pools.flat()
  for (const from of flat) {
    from.sentences = from.sentences.filter((sentence) => {
      if (random() >= MOVE_SHARE || flat.length < 2) return true
      ;(flat[Math.floor(random() * flat.length)] as { sentences: string[] }).sentences.push(sentence)
      return false
    })
  }
  const first = order[0]?.[0]?.path[0] ?? 'Dossier'
  const publisher = PUBLISHERS[Math.floor(random() * PUBLISHERS.length)] as string
  const lines = [
    '---',
    `title: ${JSON.stringify(`Dossier ${number} : ${first}`)}`,
    `url: https://example.org/ia-cinema/dossiers/${number}`,
    `publisher: ${JSON.stringify(publisher)}`,
    'language: fr',
    `year: ${2018 + Math.floor(random() * 9)}`,
    '---',
    '',
  ]
  for (const group of pools) {
    const classified = random() >= UNCLASSIFIED_SHARE
    let written: string[] = []
    for (const { section, sentences } of group) {
      if (sentences.length === 0) continue
      // Headings the previous section of the group did not already open.
      section.path.forEach((title, depth) => {
        if (written[depth] === title) return
        lines.push(`${'#'.repeat(depth + 2)} ${title}${attributes(section, depth + 2, classified)}`, '')
        written = [...written.slice(0, depth), title]
      })
      for (let i = 0; i < sentences.length; ) {
        const size = 2 + Math.floor(random() * 4)
        lines.push(sentences.slice(i, i + size).join(' '), '')
        i += size
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}

export interface GenerateOptions {
  documents: number
  out: string
  seed: number
  /** The folder holding the article and the thesaurus to draw from. */
  from: string
}

/**
 * Writes `documents` synthetic documents into `out` (which must be empty or absent), with the source
 * folder's corpus-wide files (the thesaurus, word lists).
 */
export async function generateCorpus(options: GenerateOptions): Promise<{ files: number }> {
  if (!Number.isInteger(options.documents) || options.documents < 1)
    throw new GeneratorError('--documents must be a whole number above 0')
  if (options.documents > 9_999) throw new GeneratorError('--documents must be at most 9999')
  const existing = await readdir(options.out).catch(() => [])
  if (existing.length > 0) throw new GeneratorError(`${options.out} is not empty`)
  const names = await readdir(options.from)
  const article = names.find((name) => name.endsWith('.md'))
  if (!article) throw new GeneratorError(`${options.from} holds no .md document to draw from`)
  const file = path.join(options.from, article)
  const sections = sourceSections(parseDocument(file, 'source', await readFile(file, 'utf8')).sections)
  await mkdir(options.out, { recursive: true })
  for (let i = 0; i < options.documents; i++) {
    const name = `dossier-${String(i + 1).padStart(4, '0')}.md`
    await writeFile(path.join(options.out, name), syntheticDocument(i, sections, options.seed))
  }
  // The corpus-wide files (thesaurus, word lists) come along; a document's own questions file does not.
  for (const name of names.filter(
    (n) => !n.endsWith('.md') && !n.endsWith('.questions.yaml') && !n.startsWith('.'),
  ))
    await copyFile(path.join(options.from, name), path.join(options.out, name))
  return { files: options.documents }
}
