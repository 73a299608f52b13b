import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'
import { stripControls } from '../text/controls.js'
import { chunkDocument } from './chunker.js'
import { CorpusError } from './errors.js'
import { parseSections, splitFrontMatter } from './markdown.js'
import { attachQuestions, QUESTIONS_FILE, type QuestionsFile, questionsFileSchema } from './questions.js'
import { readYaml } from './read-yaml.js'
import { firstIssue, frontMatterSchema, thesaurusSchema, wordListSchema } from './schema.js'
import type { Corpus, CorpusDocument, CorpusRecord, Thesaurus, WordLinks } from './types.js'

const THESAURUS_FILES = new Set(['thesaurus.yaml', 'thesaurus.yml'])
// synonyms.fr.yaml, glossary.en-fr.yaml: generated word lists (scripts/import/), merged by kind.
const WORD_LIST_FILE = /^(synonyms|glossary)\.[a-z-]+\.ya?ml$/

/**
 * Loads and validates every file of the corpus folder: each `.md` is a document (front matter + Markdown),
 * `thesaurus.yaml` is the thesaurus, `synonyms.*.yaml` and `glossary.*.yaml` are word lists. Anything
 * else, or anything malformed, is a CorpusError naming the file, the field and the reason.
 */
export async function loadCorpus(directory: string): Promise<Corpus> {
  let names: string[]
  try {
    names = (await readdir(directory)).filter((name) => !name.startsWith('.')).sort()
  } catch {
    throw new CorpusError(directory, 'folder', 'cannot be read')
  }
  const hash = createHash('sha256')
  const documents: CorpusDocument[] = []
  let thesaurus: Thesaurus = {
    concepts: [],
    ignore: [],
    framing: [],
    intents: { quote: [], self: [], jobs: [], local: [], price: [], pay: [], moment: [], when: [] },
    sms: {},
    names: [],
  }
  const wordLists = { synonyms: emptyLinks(), glossary: emptyLinks() }
  const questionFiles: Array<{ file: string; id: string; questions: QuestionsFile }> = []
  const records: CorpusRecord[] = []

  for (const name of names) {
    const file = path.join(directory, name)
    // Control characters (a bell, an escape sequence, a bidirectional override) never reach a record.
    const source = stripControls(readSource(file))
    hash.update(name).update('\0').update(source).update('\0')
    const wordList = WORD_LIST_FILE.exec(name)?.[1] as keyof typeof wordLists | undefined
    const questionsOf = QUESTIONS_FILE.exec(name)?.[1]
    if (THESAURUS_FILES.has(name)) thesaurus = parseThesaurus(file, source)
    else if (questionsOf)
      questionFiles.push({
        file,
        id: questionsOf,
        questions: parseYamlWith(file, source, questionsFileSchema),
      })
    else if (wordList) mergeLinks(wordLists[wordList], parseYamlWith(file, source, wordListSchema).entries)
    else if (name.endsWith('.md')) {
      const document = parseDocument(file, name.slice(0, -3), source)
      documents.push(document)
      for (const record of chunkDocument(document)) records.push(record)
    } else {
      throw new CorpusError(
        file,
        'file',
        'unsupported (expected .md documents, thesaurus.yaml, <document>.questions.yaml, synonyms.*.yaml, glossary.*.yaml)',
      )
    }
    // One file's work at a time: a reload of a large corpus shares the event loop with the requests it serves.
    await nextTurn()
  }
  if (documents.length === 0) throw new CorpusError(directory, 'folder', 'holds no .md document')
  for (const { file, id, questions } of questionFiles) {
    const document = documents.find((d) => d.meta.id === id)
    if (!document) throw new CorpusError(file, 'file name', `no document ${id}.md for these questions`)
    attachQuestions(file, document, records, questions)
  }
  return { documents, records, thesaurus, ...wordLists, version: hash.digest('hex').slice(0, 12) }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/** Larger than any document, thesaurus or word list: a file this size in the corpus folder is a mistake. */
export const MAX_CORPUS_FILE_BYTES = 20 * 1024 * 1024
// Opening a FIFO for reading waits for a writer unless it is opened non-blocking (no effect on a file).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * A corpus file is small (a document, a word list): read at once, it costs less than the promise-based
 * read's handle and chunks, and the loop gets its turn after each file anyway. Only a regular file is read,
 * at most MAX_CORPUS_FILE_BYTES of it: a FIFO named `notes.md` would wait for a writer forever, a link to
 * /dev/zero would never end, and either would hold the whole process (a start, or a reload while serving).
 * The kind is checked before opening (a device may act on open) and again on the open file (it may have
 * been replaced in between).
 */
function readSource(file: string): string {
  let fd: number
  try {
    refuseSpecial(file, statSync(file))
    fd = openSync(file, OPEN_FLAGS)
  } catch (error) {
    if (error instanceof CorpusError) throw error
    throw new CorpusError(file, 'file', 'cannot be read')
  }
  try {
    const stats = fstatSync(fd)
    refuseSpecial(file, stats)
    // Read to the end, whatever fstat said (a file being written grows meanwhile), never past the limit:
    // one byte more than the limit tells a file too large.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, MAX_CORPUS_FILE_BYTES) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_CORPUS_FILE_BYTES) throw tooLarge(file)
        const grown = Buffer.allocUnsafe(Math.min(length * 2, MAX_CORPUS_FILE_BYTES + 1))
        buffer.copy(grown, 0, 0, length)
        buffer = grown
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > MAX_CORPUS_FILE_BYTES) throw tooLarge(file)
    return buffer.toString('utf8', 0, length)
  } catch (error) {
    if (error instanceof CorpusError) throw error
    throw new CorpusError(file, 'file', 'cannot be read')
  } finally {
    closeSync(fd)
  }
}

function refuseSpecial(file: string, stats: Stats): void {
  if (!stats.isFile()) {
    const kind = stats.isFIFO()
      ? 'a FIFO'
      : stats.isCharacterDevice()
        ? 'a character device'
        : stats.isBlockDevice()
          ? 'a block device'
          : stats.isSocket()
            ? 'a socket'
            : stats.isDirectory()
              ? 'a folder'
              : 'not a file'
    throw new CorpusError(file, 'file', `not a regular file (${kind}): only regular files are read`)
  }
  if (stats.size > MAX_CORPUS_FILE_BYTES) throw tooLarge(file)
}

function tooLarge(file: string): CorpusError {
  return new CorpusError(file, 'file', `larger than ${MAX_CORPUS_FILE_BYTES / 1024 / 1024} MB`)
}

function emptyLinks(): WordLinks {
  return Object.create(null) as WordLinks
}

/** Two files that list the same word add their targets up, each once. */
function mergeLinks(into: WordLinks, entries: WordLinks): void {
  for (const [word, targets] of Object.entries(entries)) {
    into[word] = [...new Set([...(into[word] ?? []), ...targets])]
  }
}

export function parseDocument(file: string, id: string, source: string): CorpusDocument {
  // The id travels in every button of its passages (≤ 100 characters with the rest of the state).
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) {
    throw new CorpusError(
      file,
      'file name',
      'must be 1 to 40 lower-case letters, digits and hyphens (it becomes the id)',
    )
  }
  const { frontMatter, body } = splitFrontMatter(file, source)
  const meta = parseYamlWith(file, frontMatter, frontMatterSchema, 'front matter')
  return { meta: { id, ...meta }, file, sections: parseSections(file, body) }
}

function parseThesaurus(file: string, source: string): Thesaurus {
  return parseYamlWith(file, source, thesaurusSchema)
}

/** YAML checked against a schema; any problem is a CorpusError naming the file and the field. */
function parseYamlWith<S extends z.ZodType>(
  file: string,
  yaml: string,
  schema: S,
  part?: string,
): z.output<S> {
  let data: unknown
  try {
    data = readYaml(yaml)
  } catch (error) {
    throw new CorpusError(file, part ?? 'yaml', `not valid YAML (${firstLine(error)})`)
  }
  const parsed = schema.safeParse(data ?? {})
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error)
    throw new CorpusError(file, `${part ? `${part} ` : ''}field "${field}"`, reason)
  }
  return parsed.data
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'parse error'
}
