import { readFileSync } from 'node:fs'
import { questionsFileSchema } from '../corpus/questions.js'
import { readYaml } from '../corpus/read-yaml.js'
import type { CorpusDocument, CorpusRecord, Section } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'
import { recordsNamedBy } from './passage-words.js'
import { questionsFilePath } from './questions-file.js'

/** A document as the corpus browser shows it: its sections in order, each with its records and questions. */
export interface DocumentView {
  document: CorpusDocument
  sections: Array<{ section: Section; records: CorpusRecord[]; questions: string[] }>
  /** Questions whose entry names a passage, by record id (section questions are with the section). */
  passageQuestions: ReadonlyMap<string, string[]>
  passages: number
  quotes: number
  /** Questions written in the document's questions file. */
  questionCount: number
}

const views = new WeakMap<SearchEngine, Map<string, DocumentView>>()

/** Built once per engine (corpus version) and document. */
export function documentView(engine: SearchEngine, document: CorpusDocument): DocumentView {
  let byDocument = views.get(engine)
  if (!byDocument) {
    byDocument = new Map()
    views.set(engine, byDocument)
  }
  let view = byDocument.get(document.meta.id)
  if (!view) {
    view = buildView(engine, document)
    byDocument.set(document.meta.id, view)
  }
  return view
}

function buildView(engine: SearchEngine, document: CorpusDocument): DocumentView {
  const records = [...engine.records.values()]
    .filter((r) => r.documentId === document.meta.id)
    .sort((a, b) => a.ordinal - b.ordinal)
  const bySection = new Map<string, CorpusRecord[]>()
  for (const record of records) {
    const key = record.section.join('\0')
    bySection.set(key, [...(bySection.get(key) ?? []), record])
  }
  const entries = readEntries(document)
  const sectionQuestions = new Map<string, string[]>()
  const passageQuestions = new Map<string, string[]>()
  for (const entry of entries) {
    if ('section' in entry) {
      sectionQuestions.set(entry.section, [
        ...(sectionQuestions.get(entry.section) ?? []),
        ...entry.questions,
      ])
      continue
    }
    for (const record of recordsNamedBy(entry.passage, records))
      passageQuestions.set(record.id, [...(passageQuestions.get(record.id) ?? []), ...entry.questions])
  }
  return {
    document,
    sections: document.sections.map((section) => ({
      section,
      records: bySection.get(section.path.join('\0')) ?? [],
      questions: sectionQuestions.get(section.path.at(-1) ?? '') ?? [],
    })),
    passageQuestions,
    passages: records.filter((r) => r.kind === 'passage').length,
    quotes: records.filter((r) => r.kind === 'quote').length,
    questionCount: entries.reduce((sum, e) => sum + e.questions.length, 0),
  }
}

/** The entries of the document's questions file as the loader read them (none when there is no file). */
function readEntries(document: CorpusDocument) {
  let text: string
  try {
    text = readFileSync(questionsFilePath(document), 'utf8')
  } catch {
    return []
  }
  // The serving corpus loaded this file, so it parses; a file changed since shows as it is now, or not at all.
  const parsed = questionsFileSchema.safeParse(safely(() => readYaml(text)) ?? {})
  return parsed.success ? parsed.data.entries : []
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}
