/**
 * What every DeskReader must read back from what its store recorded, run on both engines as the store's
 * contract is (store-contract.test.ts): SQLite (a file in a temporary folder) and PostgreSQL (a schema of its
 * own on the run's server). Two stores opened on the same place stand for two instances.
 */
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { DeskReader } from '../../src/storage/desk-reader.js'
import { postgresDeskReader } from '../../src/storage/postgres-desk-reader.js'
import { openPostgresStore } from '../../src/storage/postgres-store.js'
import { sqliteDeskReader } from '../../src/storage/sqlite-desk-reader.js'
import { openSqliteStore } from '../../src/storage/sqlite-store.js'
import type { QueryEvent, Store } from '../../src/storage/store.js'
import { freshSchema } from '../helpers/postgres.js'
import { tempDirs } from './helpers.js'

interface OpenedReader {
  store: Store
  reader: DeskReader
}

interface Engine {
  name: 'SQLite' | 'PostgreSQL'
  /** A new empty place for data, and a function opening a store and its reader on it (twice: two instances). */
  place(): Promise<() => Promise<OpenedReader>>
}

const dirs = tempDirs()

const ENGINES: Engine[] = [
  {
    name: 'SQLite',
    async place() {
      const dataDir = dirs.make()
      return async () => {
        const { store } = openSqliteStore({ dataDir })
        return { store, reader: sqliteDeskReader(store) }
      }
    },
  },
  {
    name: 'PostgreSQL',
    async place() {
      const url = await freshSchema(inject('postgres'), 'desk')
      return async () => {
        const { store } = await openPostgresStore({ url })
        return { store, reader: postgresDeskReader(store) }
      }
    },
  },
]

const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = new Date('2026-11-02T00:00:00Z')
const at = (day: number, hour = 10) => new Date(START.getTime() + day * DAY + hour * HOUR)
const buckets = [0, 1, 2].map((day) => at(day, 0))
const until = at(3, 0)

describe.each(ENGINES)("$name: the desk's reads", (engine) => {
  const opened: OpenedReader[] = []
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.store.close()
    dirs.cleanup()
  })
  /** A store and its reader on a new place; `again` opens another instance on the same place. */
  const fresh = async () => {
    const opener = await engine.place()
    const track = async () => {
      const o = await opener()
      opened.push(o)
      return o
    }
    return { ...(await track()), again: track }
  }
  const ask = (store: OpenedReader['store'], query: string, day: number, extra: Partial<QueryEvent> = {}) =>
    store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query,
      outcome: 'refused',
      resultIds: [],
      at: at(day),
      ...extra,
    })

  it('counts questions (direct, closest, refused) and votes per bucket, commands and first passages', async () => {
    const { store, reader } = await fresh()
    ask(store, 'monteur', 0, { outcome: 'direct', resultIds: ['doc#p3', 'doc#p4'] })
    ask(store, 'les monteuses gagnent-elles bien', 0, { outcome: 'closest', resultIds: ['doc#p3'] })
    ask(store, '', 0, { command: 'plus', outcome: 'closest', resultIds: ['doc#p5'] })
    ask(store, 'combien gagne un chef op', 0)
    ask(store, 'doublage', 2, { outcome: 'direct', resultIds: ['doc#p9'] })
    ask(store, 'avant la période', -1, { outcome: 'direct', resultIds: ['doc#p1'] })
    ask(store, 'après la période', 3, { outcome: 'direct', resultIds: ['doc#p1'] })
    ask(store, '', 1, { command: 'partage', outcome: 'direct', resultIds: ['doc#p3'] })
    ask(store, 'menacés', 1, { command: 'metiers', outcome: 'direct', resultIds: [] })
    store.recordFeedback({ platform: 'slack', recordId: 'doc#p3', helpful: true, at: at(0) })
    store.recordFeedback({ platform: 'slack', recordId: 'doc#p3', helpful: false, at: at(2) })
    store.recordFeedback({ platform: 'slack', recordId: 'doc#p9', helpful: false, at: at(2) })

    const activity = await reader.activity({ buckets, until, questionCommand: 'recherche' })
    expect(activity.buckets).toEqual([
      { start: buckets[0], questions: 3, answered: 2, closest: 1, refused: 1, helpful: 1, unhelpful: 0 },
      { start: buckets[1], questions: 0, answered: 0, closest: 0, refused: 0, helpful: 0, unhelpful: 0 },
      { start: buckets[2], questions: 1, answered: 1, closest: 0, refused: 0, helpful: 0, unhelpful: 2 },
    ])
    expect(activity.commands).toEqual([
      { command: 'recherche', count: 4 },
      { command: 'metiers', count: 1 },
      { command: 'partage', count: 1 },
      { command: 'plus', count: 1 },
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
    ask(store, 'combien gagne un monteur ?', 2, { outcome: 'direct', resultIds: ['doc#p3'] })
    ask(store, 'quel temps fait-il', 1)
    // Given the closest passages: an answer, not a question to handle.
    ask(store, 'combien gagne un chef op', 1, { outcome: 'closest', resultIds: ['doc#p18'] })
    ask(store, 'trop ancien', -5)
    ask(store, 'plus', 1, { command: 'plus' })
    const rows = await reader.unanswered({ since: at(0, 0), limit: 10, questionCommand: 'recherche' })
    expect(rows).toEqual([
      { query: 'combien  gagne un monteur', count: 2, lastAt: at(1) },
      { query: 'quel temps fait-il', count: 1, lastAt: at(1) },
    ])
    expect(await reader.unanswered({ since: at(0, 0), limit: 1, questionCommand: 'recherche' })).toHaveLength(
      1,
    )
  })

  it('lists 👎 passages with the question they were shown for, and the votes on them', async () => {
    const { store, reader } = await fresh()
    const key = ask(store, 'IA et monteurs', -3, { outcome: 'direct', resultIds: ['doc#p3'] })
    const other = ask(store, 'étalonnage', 0, { outcome: 'direct', resultIds: ['doc#p5'] })
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
  it('reads what was recorded a moment ago (the batch still waiting is written first)', async () => {
    const { store, reader } = await fresh()
    store.recordQuery({
      platform: 'console',
      command: 'recherche',
      query: 'tout juste',
      outcome: 'refused',
      resultIds: [],
    })
    const since = new Date(Date.now() - 60_000)
    expect(await reader.unanswered({ since, limit: 5, questionCommand: 'recherche' })).toMatchObject([
      { query: 'tout juste', count: 1 },
    ])
  })

  it('reads what another instance on the same database recorded', async () => {
    const first = await fresh()
    const second = await first.again()
    ask(first.store, 'posée ici', 0)
    ask(second.store, 'posée là', 0, { outcome: 'direct', resultIds: ['doc#p2'] })
    await second.store.flush()
    const activity = await first.reader.activity({ buckets, until, questionCommand: 'recherche' })
    expect(activity.buckets[0]).toMatchObject({ questions: 2, answered: 1, refused: 1 })
    expect(
      (await second.reader.unanswered({ since: at(0, 0), limit: 5, questionCommand: 'recherche' })).map(
        (row) => row.query,
      ),
    ).toEqual(['posée ici'])
  })

  it('refuses an invalid date rather than read everything', async () => {
    const { reader } = await fresh()
    const invalid = new Date(Number.NaN)
    await expect(
      reader.unanswered({ since: invalid, limit: 5, questionCommand: 'recherche' }),
    ).rejects.toThrow(/since is not a valid date/)
    await expect(reader.disliked({ since: invalid, limit: 5 })).rejects.toThrow(/since is not a valid date/)
    await expect(reader.activity({ buckets, until: invalid, questionCommand: 'recherche' })).rejects.toThrow(
      /until is not a valid date/,
    )
  })
})
