/**
 * What every DeskReader must read back from what its store recorded (SQLite now; PostgreSQL can run the same
 * checks by calling `deskReaderContract` with its own opener). Not a test file on its own.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DeskReader } from '../../src/storage/desk-reader.js'
import type { QueryEvent, Store } from '../../src/storage/store.js'

export interface OpenedReader {
  store: Pick<Store, 'recordQuery' | 'recordFeedback'>
  reader: DeskReader
  close(): Promise<void> | void
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = new Date('2026-11-02T00:00:00Z')
const at = (day: number, hour = 10) => new Date(START.getTime() + day * DAY + hour * HOUR)
const buckets = [0, 1, 2].map((day) => at(day, 0))
const until = at(3, 0)

export function deskReaderContract(name: string, open: () => Promise<OpenedReader> | OpenedReader): void {
  describe(`${name}: the desk's reads`, () => {
    const opened: OpenedReader[] = []
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.close()
    })
    const fresh = async () => {
      const o = await open()
      opened.push(o)
      return o
    }
    const ask = (store: OpenedReader['store'], query: string, day: number, extra: Partial<QueryEvent> = {}) =>
      store.recordQuery({
        platform: 'slack',
        command: 'recherche',
        query,
        answered: false,
        resultIds: [],
        at: at(day),
        ...extra,
      })

    it('counts questions, answers and votes per bucket, commands and first passages over the period', async () => {
      const { store, reader } = await fresh()
      ask(store, 'monteur', 0, { answered: true, resultIds: ['doc#p3', 'doc#p4'] })
      ask(store, 'monteuse', 0, { answered: true, resultIds: ['doc#p3'] })
      ask(store, 'combien gagne un chef op', 0)
      ask(store, 'doublage', 2, { answered: true, resultIds: ['doc#p9'] })
      ask(store, 'avant la période', -1, { answered: true, resultIds: ['doc#p1'] })
      ask(store, 'après la période', 3, { answered: true, resultIds: ['doc#p1'] })
      ask(store, '', 1, { command: 'partage', answered: true, resultIds: ['doc#p3'] })
      ask(store, 'menacés', 1, { command: 'metiers', answered: true, resultIds: [] })
      store.recordFeedback({ platform: 'slack', recordId: 'doc#p3', helpful: true, at: at(0) })
      store.recordFeedback({ platform: 'slack', recordId: 'doc#p3', helpful: false, at: at(2) })
      store.recordFeedback({ platform: 'slack', recordId: 'doc#p9', helpful: false, at: at(2) })

      const activity = await reader.activity({ buckets, until, questionCommand: 'recherche' })
      expect(activity.buckets.map(({ closest, ...b }) => b)).toEqual([
        { start: buckets[0], questions: 3, answered: 2, refused: 1, helpful: 1, unhelpful: 0 },
        { start: buckets[1], questions: 0, answered: 0, refused: 0, helpful: 0, unhelpful: 0 },
        { start: buckets[2], questions: 1, answered: 1, refused: 0, helpful: 0, unhelpful: 2 },
      ])
      for (const b of activity.buckets)
        if (b.closest !== undefined) expect(b.closest).toBeLessThanOrEqual(b.answered)
      expect(activity.commands).toEqual([
        { command: 'recherche', count: 4 },
        { command: 'metiers', count: 1 },
        { command: 'partage', count: 1 },
      ])
      expect(activity.firstResults).toEqual([
        { recordId: 'doc#p3', count: 2 },
        { recordId: 'doc#p9', count: 1 },
      ])
    })

    it('lists the searches that found nothing, the same question written differently as one', async () => {
      const { store, reader } = await fresh()
      ask(store, 'Combien gagne un monteur ?', 0)
      ask(store, 'combien  gagne un monteur', 1)
      ask(store, 'combien gagne un monteur ?', 2, { answered: true, resultIds: ['doc#p3'] })
      ask(store, 'quel temps fait-il', 1)
      ask(store, 'trop ancien', -5)
      ask(store, 'plus', 1, { command: 'plus' })
      const rows = await reader.unanswered({ since: at(0, 0), limit: 10, questionCommand: 'recherche' })
      expect(rows).toEqual([
        { query: 'combien  gagne un monteur', count: 2, lastAt: at(1) },
        { query: 'quel temps fait-il', count: 1, lastAt: at(1) },
      ])
      expect(
        await reader.unanswered({ since: at(0, 0), limit: 1, questionCommand: 'recherche' }),
      ).toHaveLength(1)
    })

    it('lists 👎 passages with the question they were shown for, and the votes on them', async () => {
      const { store, reader } = await fresh()
      const key = ask(store, 'IA et monteurs', -3, { answered: true, resultIds: ['doc#p3'] })
      const other = ask(store, 'étalonnage', 0, { answered: true, resultIds: ['doc#p5'] })
      const vote = (recordId: string, queryKey: string | undefined, helpful: boolean, day: number) =>
        store.recordFeedback({ platform: 'discord', recordId, queryKey, helpful, at: at(day) })
      vote('doc#p3', key, false, 0)
      vote('doc#p3', key, false, 1)
      vote('doc#p3', key, true, 1)
      vote('doc#p5', other, true, 1)
      vote('doc#p7', undefined, false, 1)
      vote('doc#p3', key, false, -4)
      const rows = await reader.disliked({ since: at(0, 0), limit: 10 })
      expect(rows).toEqual([{ query: 'IA et monteurs', recordId: 'doc#p3', down: 2, up: 1, lastAt: at(1) }])
    })
  })
}
