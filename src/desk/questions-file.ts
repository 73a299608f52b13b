import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { open, readFile, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { CorpusError } from '../corpus/errors.js'
import { attachQuestions, type QuestionsFile, questionsFileSchema } from '../corpus/questions.js'
import { readYaml } from '../corpus/read-yaml.js'
import { firstIssue } from '../corpus/schema.js'
import type { CorpusDocument, CorpusRecord } from '../corpus/types.js'

/**
 * A document's questions file (`<document>.questions.yaml` beside it in the corpus folder): where it is, what
 * it says, whether a new text of it would load, and writing it in one step.
 */

export function questionsFilePath(document: CorpusDocument): string {
  const folder = path.dirname(document.file)
  const yml = path.join(folder, `${document.meta.id}.questions.yml`)
  // The loader takes either extension; a new file gets .yaml, as the project's own.
  return existsSync(yml) ? yml : path.join(folder, `${document.meta.id}.questions.yaml`)
}

/** The file's text, or undefined when the document has none yet. */
export async function readQuestionsText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * The checks the loader makes on this file (src/corpus/load-corpus.ts, questions.ts): YAML, the schema, and
 * every entry finding its section or passage in the document. Throws the CorpusError a reload would log.
 */
export function checkQuestionsText(
  file: string,
  text: string,
  document: CorpusDocument,
  records: readonly CorpusRecord[],
): QuestionsFile {
  let data: unknown
  try {
    data = readYaml(text)
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new CorpusError(file, 'yaml', `not valid YAML (${reason})`)
  }
  const parsed = questionsFileSchema.safeParse(data ?? {})
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error)
    throw new CorpusError(file, `field "${field}"`, reason)
  }
  // On copies: the serving corpus's records must not change.
  const copies = records
    .filter((r) => r.documentId === document.meta.id)
    .map((r) => ({ ...r, questions: undefined }))
  attachQuestions(file, document, copies, parsed.data)
  return parsed.data
}

/**
 * Replaces the file's content in one step: a hidden temporary file in the same folder (the loader skips dot
 * files), flushed to disk, then renamed over the file, so a reload never reads half of it. `undefined`
 * removes the file (undoing the creation of one).
 */
export async function writeQuestionsText(file: string, text: string | undefined): Promise<void> {
  if (text === undefined) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    return
  }
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const mode = await stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o644,
  )
  try {
    const handle = await open(temporary, 'wx', mode)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
}
