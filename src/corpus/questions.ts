import { z } from 'zod'
import { comparable } from '../text/normalize.js'
import { CorpusError } from './errors.js'
import type { CorpusDocument, CorpusRecord } from './types.js'

/**
 * `corpus/<document>.questions.yaml`: the questions each part of a document answers, in the words the team
 * uses (« mon poste de monteuse va disparaître ? », « will AI replace editors? »), like an FAQ an editor
 * writes. They are searched, at a lower weight than the text, and never shown: answers stay the document's
 * own words. An entry names a section by its heading, or a passage by words it contains.
 */

const questionList = z.array(z.string().trim().min(3)).min(1)
export const questionsFileSchema = z.strictObject({
  entries: z
    .array(
      z.union([
        z.strictObject({ section: z.string().trim().min(1), questions: questionList }),
        z.strictObject({ passage: z.string().trim().min(8), questions: questionList }),
      ]),
    )
    .default([]),
})
export type QuestionsFile = z.output<typeof questionsFileSchema>

export const QUESTIONS_FILE = /^([a-z0-9][a-z0-9-]{0,39})\.questions\.ya?ml$/

/** The records of a section; for a heading with no text of its own (« La régulation »), those under it. */
function sectionRecords(records: CorpusRecord[], heading: string): CorpusRecord[] {
  const own = records.filter((r) => r.section.at(-1) === heading)
  return own.length > 0 ? own : records.filter((r) => r.section.includes(heading))
}

/** Gives each record of `document` the questions its section or its passage answers. */
export function attachQuestions(
  file: string,
  document: CorpusDocument,
  records: CorpusRecord[],
  questions: QuestionsFile,
): void {
  const own = records.filter((r) => r.documentId === document.meta.id)
  questions.entries.forEach((entry, index) => {
    const targets =
      'section' in entry
        ? sectionRecords(own, entry.section)
        : own.filter((r) => comparable(r.text).includes(comparable(entry.passage)))
    if (targets.length === 0) {
      const what =
        'section' in entry ? `no heading « ${entry.section} »` : `no passage with « ${entry.passage} »`
      throw new CorpusError(file, `field "entries.${index}"`, `${what} in ${document.meta.id}.md`)
    }
    for (const record of targets) record.questions = [...(record.questions ?? []), ...entry.questions]
  })
}
