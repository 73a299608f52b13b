import type { CorpusRecord } from '../corpus/types.js'
import type { SearchEngine } from '../search/engine.js'
import type { DeskReader } from '../storage/desk-reader.js'
import { normalizeQuery } from '../storage/keys.js'
import { outcomeOf } from './outcome.js'
import { QUESTION_COMMAND } from './week.js'

/**
 * The questions an editor has to look at: those that found nothing and those whose passage got 👎, each
 * placed under the section closest to it (the engine's `nearest`, as `npm run report` places them).
 */

export interface QueueItem {
  query: string
  /** Times it found nothing. */
  unanswered: number
  /** The passages people marked 👎 for it. */
  disliked: Array<{ recordId: string; down: number; up: number }>
  lastAt: Date
  /** Where the editor would look first: the closest passage, answer or not. */
  nearest: CorpusRecord | undefined
}

export interface QueueGroup {
  /** The closest section's record ids are in it; undefined for questions the engine cannot place. */
  documentId: string | undefined
  section: string[]
  items: QueueItem[]
  count: number
}

export interface Queue {
  groups: QueueGroup[]
  /** Questions the bot answers now, with no 👎 passage among what it shows: handled since they were asked. */
  handled: QueueItem[]
}

/** Of each kind: every one is searched (about a millisecond each) on the event loop that serves the bot. */
const LIMIT = 100

export async function readQueue(reader: DeskReader, engine: SearchEngine, since: Date): Promise<Queue> {
  const [unanswered, disliked] = await Promise.all([
    reader.unanswered({ since, limit: LIMIT, questionCommand: QUESTION_COMMAND }),
    reader.disliked({ since, limit: LIMIT }),
  ])
  const items = new Map<string, QueueItem>()
  const itemFor = (query: string, lastAt: Date) => {
    const key = normalizeQuery(query)
    let item = items.get(key)
    if (!item) {
      item = { query, unanswered: 0, disliked: [], lastAt, nearest: undefined }
      items.set(key, item)
    }
    if (lastAt > item.lastAt) item.lastAt = lastAt
    return item
  }
  for (const row of unanswered) itemFor(row.query, row.lastAt).unanswered += row.count
  for (const row of disliked)
    itemFor(row.query, row.lastAt).disliked.push({ recordId: row.recordId, down: row.down, up: row.up })

  const groups = new Map<string, QueueGroup>()
  const handled: QueueItem[] = []
  for (const item of items.values()) {
    const now = outcomeOf(engine, item.query)
    const dislikedShown = now.records.some((r) => item.disliked.some((d) => d.recordId === r.id))
    if (now.kind !== 'refused' && !dislikedShown) {
      handled.push(item)
      continue
    }
    item.nearest = engine.nearest(item.query)
    const section = item.nearest?.section ?? []
    const key = `${item.nearest?.documentId ?? ''}\0${section.join('\0')}`
    const group = groups.get(key) ?? { documentId: item.nearest?.documentId, section, items: [], count: 0 }
    group.items.push(item)
    group.count += item.unanswered + item.disliked.reduce((sum, d) => sum + d.down, 0)
    groups.set(key, group)
  }
  const weight = (item: QueueItem) => item.unanswered + item.disliked.reduce((sum, d) => sum + d.down, 0)
  for (const group of groups.values()) group.items.sort((a, b) => weight(b) - weight(a))
  return {
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    handled,
  }
}
