import { parseArgs } from 'node:util'
import { CorpusError } from '../../src/corpus/errors.js'
import { ImportError } from '../../src/corpus/import/errors.js'
import { type ImportFlags, importDocument, languageCode } from '../../src/corpus/import/import-document.js'
import { FETCH_TIMEOUT_MS, MAX_SOURCE_BYTES, readSource } from '../../src/corpus/import/source.js'
import { writeDocument } from '../../src/corpus/import/write-document.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import type { Corpus } from '../../src/corpus/types.js'
import { SearchEngine } from '../../src/search/engine.js'
import { stripControls } from '../../src/text/controls.js'
import { formatSummary } from './print-summary.js'
import { unknownWords } from './unknown-words.js'

export const USAGE =
  'usage: npm run corpus:add -- SOURCE [--url URL] [--title TEXT] [--published YYYY-MM-DD] [--publisher NAME] ' +
  '[--language fr] [--id NAME] [--timeout SECONDS] [--dry-run]'

export interface RunOptions {
  corpusDir: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Today, for the provenance comment (tests fix it). */
  now?: Date
}

/**
 * npm run corpus:add: reads SOURCE, turns it into a corpus document, prints what it made and writes it
 * into the corpus folder. Exit code 0 when written (or a dry run succeeded), 1 when refused, 2 on a usage
 * error. A refusal is one line on stderr, and nothing is written.
 */
export async function runCorpusAdd(argv: string[], options: RunOptions): Promise<number> {
  // Asked for help, the usage line and nothing else, whatever else is on the line.
  if (argv.includes('--help') || argv.includes('-h')) {
    options.stdout(`${USAGE}\n`)
    return 0
  }
  let parsed: ReturnType<typeof parseArguments>
  try {
    parsed = parseArguments(argv)
  } catch (error) {
    options.stderr(`corpus:add: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    return 2
  }
  const { source, flags, timeoutMs, dryRun } = parsed
  try {
    const corpus = await existingCorpus(options.corpusDir)
    const loaded = await readSource(source, { timeoutMs, maxBytes: MAX_SOURCE_BYTES })
    const day = (options.now ?? new Date()).toISOString().slice(0, 10)
    const imported = await importDocument(loaded, { ...flags, note: `le ${day}` }, corpus?.documents ?? [])
    const unknown = corpus ? unknownWords(SearchEngine.build(corpus), imported.records) : undefined
    const written = dryRun ? undefined : await writeDocument(options.corpusDir, imported.id, imported.text)
    options.stdout(stripControls(formatSummary(imported, written, unknown)))
    return 0
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    // One line for a terminal: a source's name may hold control characters too.
    options.stderr(`corpus:add: refused: ${stripControls(error.message).replace(/\n/g, ' ')}\n`)
    return 1
  }
}

/** The corpus as it is, or undefined when the folder holds no document yet (the first one is welcome). */
async function existingCorpus(directory: string): Promise<Corpus | undefined> {
  try {
    return await loadCorpus(directory)
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error
    if (error.field === 'folder' && /no \.md document/.test(error.reason)) return undefined
    throw new ImportError(
      'IMPORT_INVALID',
      error.field === 'folder'
        ? `corpus folder ${directory} cannot be read`
        : `the corpus folder is invalid as it stands, fix it first: ${error.message}`,
    )
  }
}

/** YYYY, or YYYY-MM-DD that names a day of the calendar (not 2025-99-99, not 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(text)
  if (!match) return false
  if (match[2] === undefined) return true
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function parseArguments(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      title: { type: 'string' },
      published: { type: 'string' },
      publisher: { type: 'string' },
      language: { type: 'string' },
      id: { type: 'string' },
      timeout: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  })
  if (positionals.length !== 1) throw new Error('give exactly one SOURCE (a file or an http(s) URL)')
  if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url))
    throw new Error('--url must be an http(s) URL')
  if (values.published !== undefined && !isCalendarDate(values.published))
    throw new Error('--published must be a date as YYYY-MM-DD (or a year), one the calendar has')
  const language = values.language === undefined ? undefined : languageCode(values.language)
  if (values.language !== undefined && !language)
    throw new Error('--language must be a code such as fr or fr-FR')
  const seconds = values.timeout === undefined ? FETCH_TIMEOUT_MS / 1000 : Number(values.timeout)
  if (!(seconds > 0 && seconds <= 600)) throw new Error('--timeout must be a number of seconds up to 600')
  for (const key of ['title', 'publisher', 'id'] as const)
    if (values[key] !== undefined && values[key].trim() === '') throw new Error(`--${key} must not be empty`)
  const flags: ImportFlags = {
    ...(values.url ? { url: values.url } : {}),
    ...(values.title ? { title: values.title } : {}),
    ...(values.published ? { published: values.published } : {}),
    ...(values.publisher ? { publisher: values.publisher } : {}),
    ...(language ? { language } : {}),
    ...(values.id ? { id: values.id } : {}),
  }
  return { source: positionals[0] as string, flags, timeoutMs: seconds * 1000, dryRun: values['dry-run'] }
}
