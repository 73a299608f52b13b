import { encodeAction, itemActions } from '../src/answers/actions.js'
import { type Action, type Answer, emptyAnswer } from '../src/answers/answer.js'
import { toItem } from '../src/answers/items.js'
import type { CorpusRecord } from '../src/corpus/types.js'
import type { SearchEngine } from '../src/search/engine.js'
import { perEngine } from '../src/search/per-engine.js'
import type { Command, CommandContext } from './command.js'

const MAX_ITEMS_PER_STEP = 4

/** A guided tour of the article, one top-level section a step, with a "Suivant" button. */
export const parcoursCommand: Command = {
  name: 'parcours',
  aliases: ['tour', 'visite', 'guide', 'decouverte', 'découverte'],
  description: {
    fr: 'Une visite guidée de l’article, étape par étape',
    en: 'A guided tour of the article, step by step',
  },
  usage: 'parcours [numéro d’étape]',
  deterministic: () => true,
  examples: ['parcours', 'parcours 8'],
  accepts: (args) => /^\s*\d{0,3}\s*$/.test(args),
  run(args, context) {
    const number = Number.parseInt(args.trim() || '1', 10)
    return tourStep(Number.isNaN(number) ? 0 : number - 1, context)
  },
  prepare(engine) {
    stepsOf(engine)
  },
}

interface Step {
  title: string
  /** The document the step belongs to, as the step names it when the corpus holds several. */
  document: string
  /** What the step shows: the opening of each sub-section (the jobs), else the section's first records. */
  highlights: CorpusRecord[]
}

/** The tour of a corpus version: computed once, not per click (it walks and groups every record). */
const stepsOf: (engine: SearchEngine) => Step[] = perEngine((engine) => buildSteps(engine))

function buildSteps(engine: SearchEngine): Step[] {
  const titles = new Map(engine.documents.map((d) => [d.meta.id, d.meta.title]))
  const byTopSection = new Map<string, { title: string; document: string; records: CorpusRecord[] }>()
  // Code-point order of the ids (localeCompare costs half a second over 50,000 records).
  const records = [...engine.records.values()].sort(
    (a, b) =>
      (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) || a.ordinal - b.ordinal,
  )
  for (const record of records) {
    // The publisher's address is not a step of a tour of what AI changes.
    if (record.contact) continue
    const document = titles.get(record.documentId) ?? record.documentId
    const title = record.section[0] ?? document
    const key = `${record.documentId}/${title}`
    const step = byTopSection.get(key) ?? { title, document, records: [] }
    step.records.push(record)
    byTopSection.set(key, step)
  }
  return [...byTopSection.values()].map(({ title, document, records }) => ({
    title,
    document,
    highlights: highlights(records),
  }))
}

function highlights(records: CorpusRecord[]): CorpusRecord[] {
  const firstOfEachPath = new Map<string, CorpusRecord>()
  for (const record of records) {
    const path = record.section.join(' / ')
    if (!firstOfEachPath.has(path)) firstOfEachPath.set(path, record)
  }
  const chosen = [...firstOfEachPath.values()]
  for (const record of records) {
    if (chosen.length >= 2) break
    if (!chosen.includes(record)) chosen.push(record)
  }
  return chosen.slice(0, MAX_ITEMS_PER_STEP)
}

export function tourStep(requested: number, context: CommandContext): Answer {
  const all = stepsOf(context.engine)
  const index = Math.min(Math.max(0, requested), all.length - 1)
  const step = all[index] as Step
  const answer = emptyAnswer('tour', `Parcours ${index + 1}/${all.length} : ${step.title}`)
  answer.step = { index, total: all.length }
  const documents = context.engine.documents.length
  // With several documents, each step says which one it is in.
  if (documents > 1) answer.lines.push(`Document : « ${step.document} »`)
  if (index === 0) {
    answer.lines.push(
      documents > 1
        ? `Le parcours suit les ${documents} documents en ${all.length} étapes.`
        : `Le parcours suit l’article en ${all.length} étapes.`,
    )
    // How to go on (a button, a typed word) is the adapter's to say.
    answer.guidance = 'how-to-continue'
  }
  if (requested >= all.length) answer.notice = `Le parcours n’a que ${all.length} étapes : voici la dernière.`
  answer.items = step.highlights.map((record) => toItem(context.engine, record))
  const actions: Action[] = answer.items.flatMap((item) => itemActions(item))
  actions.push(
    index + 1 < all.length
      ? {
          kind: 'next',
          label: 'Suivant',
          id: encodeAction({ kind: 'next', step: index + 1 }),
          style: 'primary',
        }
      : { kind: 'next', label: 'Recommencer', id: encodeAction({ kind: 'next', step: 0 }) },
  )
  answer.actions = actions
  return answer
}
