import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineHolder } from '../../src/bot/engine-holder.js'
import type { CorpusRecord } from '../../src/corpus/types.js'
import { AttachError, cleanQuestion, QuestionAttacher, withQuestion } from '../../src/desk/attach.js'
import { outcomeOf } from '../../src/desk/outcome.js'
import { recordsNamedBy } from '../../src/desk/passage-words.js'
import { checkQuestionsText } from '../../src/desk/questions-file.js'
import { copyResolvedSync, FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import { projectEngine } from '../helpers/engine.js'

const DOCUMENT = 'ia-emploi-cinema-audiovisuel'
const QUESTIONS_FILE = `${DOCUMENT}.questions.yaml`
const original = readFileSync(path.join(FIXTURE_CORPUS_DIR, QUESTIONS_FILE), 'utf8')
const logger = pino({ level: 'silent' })

describe('withQuestion (the questions file edited as text, comments and order kept)', async () => {
  const engine = await projectEngine()
  const records = [...engine.records.values()].filter((r) => r.documentId === DOCUMENT)
  const document = engine.document(DOCUMENT)
  if (!document) throw new Error('the project corpus has no article')
  const record = (id: string) => engine.records.get(`${DOCUMENT}#${id}`) as CorpusRecord
  /** The lines `after` inserts into `before` (edits here only insert). */
  const added = (before: string, after: string) => {
    const old = before.split('\n')
    let i = 0
    return after.split('\n').filter((line) => {
      if (line === old[i]) {
        i++
        return false
      }
      return true
    })
  }

  it('adds a section question to the entry of that section, one line, nothing else touched', () => {
    const p4 = record('p4')
    const after = withQuestion(
      original,
      'les vieux films remis à neuf par une machine ?',
      p4,
      'section',
      records,
    )
    expect(added(original, after)).toEqual(['      - "les vieux films remis à neuf par une machine ?"'])
    expect(after.split('\n')).toHaveLength(original.split('\n').length + 1)
    expect(after.startsWith(original.split('\n').slice(0, 3).join('\n'))).toBe(true)
    checkQuestionsText(QUESTIONS_FILE, after, document, records)
  })

  it('names a passage by words that select it alone, then adds the next question to that entry', () => {
    const q18 = record('q18')
    const once = withQuestion(original, 'la plateforme au N rouge', q18, 'passage', records)
    const entry = added(original, once)
    expect(entry).toHaveLength(3)
    const words = JSON.parse(entry[0]?.replace(/^ {2}- passage: /, '') ?? '""') as string
    expect(words).not.toMatch(/^«/)
    expect(recordsNamedBy(words, records).map((r) => r.id)).toEqual([q18.id])
    const twice = withQuestion(once, 'Netflix inonde tout ?', q18, 'passage', records)
    expect(added(once, twice)).toEqual(['      - "Netflix inonde tout ?"'])
    const parsed = checkQuestionsText(QUESTIONS_FILE, twice, document, records)
    expect(parsed.entries.at(-1)).toEqual({
      passage: words,
      questions: ['la plateforme au N rouge', 'Netflix inonde tout ?'],
    })
  })

  it('starts a file for a document that has none, and quotes what YAML would misread', () => {
    const text = withQuestion(undefined, 'yes: "no" # pas un commentaire', record('p4'), 'passage', records)
    expect(text.startsWith('# ')).toBe(true)
    const parsed = checkQuestionsText(QUESTIONS_FILE, text, document, records)
    expect(parsed.entries[0]?.questions).toEqual(['yes: "no" # pas un commentaire'])
  })

  it('refuses what could not be a question, and a file that is not YAML', () => {
    expect(cleanQuestion('  deux\n lignes  ')).toBe('deux lignes')
    expect(() => cleanQuestion('??')).toThrow(AttachError)
    expect(() => cleanQuestion('x'.repeat(501))).toThrow(/over 500/)
    expect(() => withQuestion('entries: [', 'une question', record('p4'), 'passage', records)).toThrow(
      /not valid YAML/,
    )
  })
})

describe('QuestionAttacher (file written, corpus reloaded, engine answering)', () => {
  let dir: string
  let holder: EngineHolder
  const file = () => path.join(dir, QUESTIONS_FILE)
  const question = 'la pellicule rayée on la sauve comment ?'

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ia-cinema-desk-corpus-'))
    copyResolvedSync(FIXTURE_CORPUS_DIR, dir)
    holder = await EngineHolder.load(dir, logger)
  })
  afterAll(() => {
    holder.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('makes an unanswered question answered by the passage it is attached to', async () => {
    expect(outcomeOf(holder.engine, question).kind).toBe('refused')
    const nearest = holder.engine.nearest(question) as CorpusRecord
    const attacher = new QuestionAttacher(holder, logger)
    const version = holder.engine.corpus.version
    expect(await attacher.attach({ question, recordId: nearest.id, scope: 'passage' })).toEqual({
      status: 'added',
      file: path.join(path.basename(dir), QUESTIONS_FILE),
    })
    expect(holder.engine.corpus.version).not.toBe(version)
    const now = outcomeOf(holder.engine, question)
    expect(now.kind).not.toBe('refused')
    expect(now.records[0]?.id).toBe(nearest.id)
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([])

    const written = statSync(file()).mtimeMs
    expect(
      (await attacher.attach({ question: ` ${question}`, recordId: nearest.id, scope: 'passage' })).status,
    ).toBe('present')
    expect(statSync(file()).mtimeMs).toBe(written)
  })

  it('runs attaches one after the other, so none is lost', async () => {
    const attacher = new QuestionAttacher(holder, logger)
    const recordId = `${DOCUMENT}#p4`
    await Promise.all(
      ['première question concurrente', 'deuxième question concurrente'].map((q) =>
        attacher.attach({ question: q, recordId, scope: 'passage' }),
      ),
    )
    expect(holder.engine.records.get(recordId)?.questions).toEqual(
      expect.arrayContaining(['première question concurrente', 'deuxième question concurrente']),
    )
  })

  it('refuses a passage the corpus no longer has', async () => {
    const attacher = new QuestionAttacher(holder, logger)
    await expect(
      attacher.attach({ question, recordId: `${DOCUMENT}#p999`, scope: 'passage' }),
    ).rejects.toMatchObject({
      code: 'DESK_RECORD_GONE',
    })
  })

  it('puts the file back when the corpus does not reload', async () => {
    const before = readFileSync(file(), 'utf8')
    const reasons: string[] = []
    const failing = {
      engine: holder.engine,
      reload: async (reason: string) => {
        reasons.push(reason)
        return false
      },
      status: () => ({ lastError: { message: 'thesaurus.yaml: field "x": broken' } }),
    }
    const attacher = new QuestionAttacher(failing, logger)
    await expect(
      attacher.attach({
        question: 'une question qui ne restera pas',
        recordId: `${DOCUMENT}#p4`,
        scope: 'section',
      }),
    ).rejects.toMatchObject({ code: 'DESK_RELOAD_FAILED', message: 'thesaurus.yaml: field "x": broken' })
    expect(readFileSync(file(), 'utf8')).toBe(before)
    expect(reasons).toEqual(['desk: question attached', 'desk: attach undone'])
  })

  it('says in one line when the questions file cannot be used', async () => {
    const saved = readFileSync(file(), 'utf8')
    rmSync(file())
    mkdirSync(file())
    try {
      const attacher = new QuestionAttacher(holder, logger)
      await expect(
        attacher.attach({
          question: 'une question sans fichier',
          recordId: `${DOCUMENT}#p4`,
          scope: 'passage',
        }),
      ).rejects.toMatchObject({
        code: 'DESK_FILE_UNUSABLE',
        message: `${path.basename(dir)}/${QUESTIONS_FILE} cannot be read (EISDIR)`,
      })
    } finally {
      rmSync(file(), { recursive: true })
      writeFileSync(file(), saved)
    }
  })

  it('refuses to write into a questions file that no longer parses, and leaves it as it is', async () => {
    writeFileSync(file(), 'entries: [\n')
    const attacher = new QuestionAttacher(holder, logger)
    await expect(
      attacher.attach({ question: 'une autre question', recordId: `${DOCUMENT}#p4`, scope: 'passage' }),
    ).rejects.toMatchObject({ code: 'DESK_FILE_INVALID' })
    expect(readFileSync(file(), 'utf8')).toBe('entries: [\n')
  })
})
