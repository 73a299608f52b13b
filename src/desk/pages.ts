import type { ServerResponse } from 'node:http'
import type { DeskReader } from '../storage/desk-reader.js'
import type { AttachScope } from './attach.js'
import { outcomeOf } from './outcome.js'
import { type AttachedNote, answerPage } from './pages/answer-page.js'
import { corpusPage, documentPage } from './pages/corpus-page.js'
import { messagePage, type PageContext } from './pages/layout.js'
import { questionsPage } from './pages/questions-page.js'
import { weekPage } from './pages/week-page.js'
import { readQueue } from './queue.js'
import { sendHtml } from './respond.js'
import { readWeek, WEEK_DAYS } from './week.js'

const DAY_MS = 86_400_000
const MAX_QUESTION_PARAM = 2_000

/** The questions of the queue: since the first of the week's days (midnight, six days ago). */
function queueSince(now: Date): Date {
  return new Date(now.getTime() - WEEK_DAYS * DAY_MS)
}

/** What an attach redirected to: the note above the answer (the records attached to, to show their rank). */
function attachedNote(context: PageContext, query: URLSearchParams): AttachedNote | undefined {
  const status = query.get('status')
  if (status !== 'added' && status !== 'present') return undefined
  const record = context.engine.records.get(query.get('record') ?? '')
  const scope: AttachScope = query.get('scope') === 'section' ? 'section' : 'passage'
  const heading = record?.section.at(-1)
  const targets = new Set<string>()
  if (record && scope === 'section' && heading !== undefined) {
    for (const r of context.engine.records.values())
      if (r.documentId === record.documentId && r.section.includes(heading)) targets.add(r.id)
  } else if (record) targets.add(record.id)
  return { status, file: query.get('file') ?? undefined, targets }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export const showPage = {
  async get(
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
    context: PageContext,
    reader: DeskReader,
  ): Promise<void> {
    const { engine, words } = context
    if (path === '/desk') {
      const [week, queue] = await Promise.all([
        readWeek(reader, engine, context),
        readQueue(reader, engine, queueSince(context.now)),
      ])
      const toHandle = queue.groups.reduce((sum, group) => sum + group.items.length, 0)
      return sendHtml(response, 200, weekPage(context, week, toHandle))
    }
    if (path === '/desk/questions')
      return sendHtml(
        response,
        200,
        questionsPage(context, await readQueue(reader, engine, queueSince(context.now))),
      )
    if (path === '/desk/corpus') return sendHtml(response, 200, corpusPage(context))
    const documentId = /^\/desk\/corpus\/([^/]+)$/.exec(path)?.[1]
    if (documentId !== undefined) {
      const attach = query.get('attach')?.slice(0, MAX_QUESTION_PARAM).trim() || undefined
      const page = documentPage(context, safeDecode(documentId), attach)
      if (page) return sendHtml(response, 200, page)
    }
    if (path === '/desk/answer') {
      const question = query.get('question')?.slice(0, MAX_QUESTION_PARAM).trim() || undefined
      const outcome = question ? outcomeOf(engine, question) : undefined
      return sendHtml(response, 200, answerPage(context, question, outcome, attachedNote(context, query)))
    }
    return showPage.message(response, 404, context, words.notFound, words.notFound)
  },

  message(response: ServerResponse, status: number, context: PageContext, title: string, text: string): void {
    sendHtml(response, status, messagePage(context, title, text))
  },
}
