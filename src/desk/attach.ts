import path from 'node:path'
import { isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml'
import { CorpusError } from '../corpus/errors.js'
import type { CorpusRecord } from '../corpus/types.js'
import type { Logger } from '../logger.js'
import type { SearchEngine } from '../search/engine.js'
import { comparable } from '../text/normalize.js'
import { distinctWords, recordsNamedBy } from './passage-words.js'
import {
  checkQuestionsText,
  questionsFilePath,
  readQuestionsText,
  writeQuestionsText,
} from './questions-file.js'

/**
 * One click on the desk: a question attached to a passage (or to its whole section) in the document's
 * questions file, checked as the loader checks it, written in one step, and the corpus reloaded. A reload
 * that fails all the same puts the file back as it was.
 */

export type AttachScope = 'passage' | 'section'

export interface AttachRequest {
  question: string
  recordId: string
  scope: AttachScope
}

export interface Attached {
  /** `present` when the passage already had this question (nothing written). */
  status: 'added' | 'present'
  /** The questions file, relative to the corpus folder. */
  file: string
}

/** Why a question was not attached; the message is one line, for the editor. */
export class AttachError extends Error {
  constructor(
    readonly code:
      | 'DESK_QUESTION_INVALID'
      | 'DESK_RECORD_GONE'
      | 'DESK_FILE_INVALID'
      | 'DESK_FILE_UNUSABLE'
      | 'DESK_RELOAD_FAILED',
    message: string,
  ) {
    super(message)
    this.name = 'AttachError'
  }
}

/** What attaching needs of the engine holder (src/bot/engine-holder.ts). */
export interface ReloadingEngine {
  readonly engine: SearchEngine
  reload(reason: string): Promise<boolean>
  status(): { lastError?: { message: string } }
}

const MAX_QUESTION_CHARS = 500
const NEW_FILE_HEADER =
  '# Questions auxquelles chaque partie du document répond, dans les mots de l’équipe (voir README).\n'
const WRITE_OPTIONS = { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const

/** The question as it will be written: one line, trimmed; refused when it could not be one. */
export function cleanQuestion(text: string): string {
  const question = text.replace(/\s+/g, ' ').trim()
  if (!/\p{L}/u.test(question) || Array.from(question).length < 3)
    throw new AttachError('DESK_QUESTION_INVALID', 'the question needs at least 3 characters and a letter')
  if (Array.from(question).length > MAX_QUESTION_CHARS)
    throw new AttachError('DESK_QUESTION_INVALID', `the question is over ${MAX_QUESTION_CHARS} characters`)
  return question
}

export class QuestionAttacher {
  // Attaches run one after another: each reads the file the previous one wrote.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly holder: ReloadingEngine,
    private readonly logger: Logger,
  ) {}

  attach(request: AttachRequest): Promise<Attached> {
    const run = this.queue.then(() => this.attachNow(request))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async attachNow(request: AttachRequest): Promise<Attached> {
    const question = cleanQuestion(request.question)
    const { engine } = this.holder
    const record = engine.records.get(request.recordId)
    const document = record && engine.document(record.documentId)
    if (!record || !document)
      throw new AttachError(
        'DESK_RECORD_GONE',
        `no passage ${request.recordId} in the corpus now (it changed)`,
      )
    const file = questionsFilePath(document)
    const shown = path.join(path.basename(path.dirname(file)), path.basename(file))
    if ((record.questions ?? []).some((q) => comparable(q) === comparable(question)))
      return { status: 'present', file: shown }

    const before = await readQuestionsText(file).catch((error: unknown) => {
      throw unusable(shown, 'read', error)
    })
    const siblings = [...engine.records.values()].filter((r) => r.documentId === document.meta.id)
    const after = withQuestion(before, question, record, request.scope, siblings)
    try {
      checkQuestionsText(file, after, document, siblings)
    } catch (error) {
      const message =
        error instanceof CorpusError ? `${shown}: ${error.field}: ${error.reason}` : String(error)
      throw new AttachError('DESK_FILE_INVALID', message)
    }
    try {
      await writeQuestionsText(file, after)
    } catch (error) {
      // A corpus folder baked read-only into an image, a full disk: said in one line, nothing left behind.
      throw unusable(shown, 'written', error)
    }
    this.logger.info({ file, record: record.id, scope: request.scope }, 'desk: question attached')
    if (await this.holder.reload('desk: question attached')) return { status: 'added', file: shown }

    const reason = this.holder.status().lastError?.message ?? 'unknown error'
    await writeQuestionsText(file, before)
    await this.holder.reload('desk: attach undone')
    this.logger.warn({ file, reason }, 'desk: the corpus did not reload, questions file put back')
    throw new AttachError('DESK_RELOAD_FAILED', reason)
  }
}

function unusable(file: string, what: 'read' | 'written', error: unknown): AttachError {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error)
  return new AttachError('DESK_FILE_UNUSABLE', `${file} cannot be ${what} (${reason})`)
}

/** The file's new text: the question added to the entry naming this passage (or section), or a new entry. */
export function withQuestion(
  text: string | undefined,
  question: string,
  record: CorpusRecord,
  scope: AttachScope,
  siblings: readonly CorpusRecord[],
): string {
  const doc = parseDocument(text ?? `${NEW_FILE_HEADER}entries: []\n`)
  if (doc.errors.length > 0)
    throw new AttachError('DESK_FILE_INVALID', `not valid YAML (${doc.errors[0]?.message.split('\n')[0]})`)
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ entries: [] }) as unknown as typeof doc.contents
  let entries = doc.get('entries')
  if (!isSeq(entries)) {
    entries = new YAMLSeq()
    doc.set('entries', entries)
  }
  const seq = entries as YAMLSeq<YAMLMap>
  const heading = record.section.at(-1)
  if (scope === 'section' && heading === undefined)
    throw new AttachError(
      'DESK_QUESTION_INVALID',
      `${record.id} is under no heading: attach it to the passage`,
    )
  const existing = seq.items.find((entry) => {
    if (!isMap(entry)) return false
    if (scope === 'section') return entry.get('section') === heading
    const words = entry.get('passage')
    if (typeof words !== 'string') return false
    const named = recordsNamedBy(words, siblings)
    return named.length === 1 && named[0]?.id === record.id
  })
  const questions = existing?.get('questions')
  if (isSeq(questions)) questions.add(doc.createNode(question))
  else
    seq.add(
      doc.createNode(
        scope === 'section'
          ? { section: heading, questions: [question] }
          : { passage: distinctWords(record, siblings), questions: [question] },
      ) as YAMLMap,
    )
  return doc.toString(WRITE_OPTIONS)
}
