/**
 * The store contract, run on both engines: SQLite (a file in a temporary folder) and PostgreSQL (a database
 * of its own on the run's server, see tests/helpers/postgres.ts). Two stores opened on the same file or URL
 * stand for two instances.
 */
import path from 'node:path'
import pg, { type PoolClient } from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { StorageError } from '../../src/storage/errors.js'
import { hashUser, queryKeyOf } from '../../src/storage/keys.js'
import { MIGRATIONS, migrate } from '../../src/storage/migrations.js'
import { migratePostgres } from '../../src/storage/postgres-sql.js'
import { openPostgresStore } from '../../src/storage/postgres-store.js'
import { openSqlite } from '../../src/storage/sqlite-driver.js'
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite-store.js'
import type { QueryOutcome, Store } from '../../src/storage/store.js'
import { freshSchema } from '../helpers/postgres.js'
import { seeded, tempDirs } from './helpers.js'

const dirs = tempDirs()
const open: Store[] = []
afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  dirs.cleanup()
})

interface Engine {
  name: 'sqlite' | 'postgres'
  /**
   * A new place for data, and a function opening a store on it (call it twice: two instances). Empty, or with
   * `atVersion`: migrated that far only, as older code left it, holding OLD_QUESTIONS.
   */
  place(atVersion?: number): Promise<() => Promise<{ store: Store; salt: string }>>
}

/** Rows of schema 1 and 2's queries table: an answered question and one that found nothing. */
const OLD_QUESTIONS = `
  INSERT INTO queries (at, platform, user_hash, command, query, query_norm, query_key, answered, result_ids)
  VALUES (1000, 'slack', NULL, 'recherche', 'monteur', 'monteur', '0123456789ab', 1, '["doc#p1"]'),
         (2000, 'slack', NULL, 'recherche', 'avant la migration', 'avant la migration', 'ba9876543210', 0, '[]')`

const ENGINES: Engine[] = [
  {
    name: 'sqlite',
    async place(atVersion) {
      const dataDir = dirs.make()
      if (atVersion !== undefined) {
        const db = openSqlite(path.join(dataDir, DATABASE_FILE), 1000)
        migrate(db, MIGRATIONS.slice(0, atVersion))
        db.exec(OLD_QUESTIONS)
        db.close()
      }
      return async () => openSqliteStore({ dataDir })
    },
  },
  {
    name: 'postgres',
    async place(atVersion) {
      const url = await freshSchema(inject('postgres'), 'contract')
      if (atVersion !== undefined) {
        const client = new pg.Client({ connectionString: url })
        await client.connect()
        try {
          await migratePostgres(client as unknown as PoolClient, 'test', MIGRATIONS.slice(0, atVersion))
          await client.query(OLD_QUESTIONS)
        } finally {
          await client.end()
        }
      }
      return () => openPostgresStore({ url })
    },
  },
]

const DAY = 86_400_000
const QUOTES = ['doc#q1', 'doc#q2', 'doc#q3', 'doc#q4']
const SALT = 'a-salt-for-the-contract-tests'
const user = (n: number) => hashUser(SALT, 'slack', `U${n}`)

describe.each(ENGINES)('the store on $name', (engine) => {
  async function fresh(): Promise<{ store: Store; again: () => Promise<Store> }> {
    const opener = await engine.place()
    const track = async () => {
      const { store } = await opener()
      open.push(store)
      return store
    }
    return { store: await track(), again: track }
  }

  it('returns the same key for the same question, whatever the case and spacing', async () => {
    const { store } = await fresh()
    const ask = (query: string) =>
      store.recordQuery({
        platform: 'discord',
        command: 'recherche',
        query,
        outcome: 'direct',
        resultIds: [],
      })
    const key = ask("Qu'est-ce qui arrive aux monteurs ?")
    expect(key).toMatch(/^[0-9a-f]{12}$/)
    expect(ask('  qu’est-ce   qui arrive aux MONTEURS?')).toBe(key)
    expect(key).toBe(queryKeyOf("qu'est-ce qui arrive aux monteurs"))
  })

  it('refuses a userHash that is not a hash, without repeating it in the error', async () => {
    const { store } = await fresh()
    const raw = 'U0RAWSLACKID77'
    let caught: unknown
    try {
      store.recordQuery({
        platform: 'slack',
        userHash: raw,
        command: 'aide',
        query: '',
        outcome: 'direct',
        resultIds: [],
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StorageError)
    expect((caught as Error).message).not.toContain(raw)
    expect((await store.report({ since: new Date(0) })).usage).toEqual([])
  })

  it('lists unanswered questions, unhelpful passages with their questions, and usage, since a date', async () => {
    const { store } = await fresh()
    const now = Date.now()
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY)
    const ask = (
      query: string,
      answered: boolean,
      daysAgo: number,
      platform: 'slack' | 'discord' = 'slack',
    ) =>
      store.recordQuery({
        platform,
        command: 'recherche',
        query,
        outcome: answered ? 'direct' : 'refused',
        resultIds: [],
        at: at(daysAgo),
      })

    ask('pizza margherita', false, 20)
    ask('pizza margherita', false, 20)
    ask('pizza margherita', false, 20)
    ask('Métiers du son ?', false, 3)
    ask('métiers du son', false, 1, 'discord')
    ask('effets spéciaux', false, 2)
    const monteur = ask('monteur', true, 2)
    const vfx = ask('vfx', true, 2, 'discord')
    store.recordQuery({
      platform: 'discord',
      command: 'citation',
      query: '',
      outcome: 'direct',
      resultIds: [],
      at: at(1),
    })
    store.recordQuery({
      platform: 'slack',
      command: 'aide',
      query: '',
      outcome: 'refused',
      resultIds: [],
      at: at(1),
    })

    const vote = (recordId: string, helpful: boolean, daysAgo: number, queryKey?: string) =>
      store.recordFeedback({ platform: 'slack', recordId, helpful, queryKey, at: at(daysAgo) })
    vote('doc#p7', false, 1, monteur)
    vote('doc#p7', false, 1, vfx)
    vote('doc#p7', false, 1, monteur)
    vote('doc#p7', true, 1, vfx)
    vote('doc#p7', false, 30, 'ffffffffffff')
    vote('doc#p9', false, 2)
    vote('doc#p2', true, 1, monteur)
    vote('doc#p8', false, 1, 'not a key!')

    const report = await store.report({ since: at(7) })
    expect(report.since).toEqual(at(7))
    expect(report.unanswered.map(({ query, count }) => ({ query, count }))).toEqual([
      { query: 'métiers du son', count: 2 },
      { query: 'effets spéciaux', count: 1 },
    ])
    expect(report.unanswered[0]?.lastAt).toEqual(at(1))
    expect(report.unhelpful).toEqual([
      { recordId: 'doc#p7', down: 3, up: 1, queries: ['monteur', 'vfx'] },
      { recordId: 'doc#p8', down: 1, up: 0, queries: [] },
      { recordId: 'doc#p9', down: 1, up: 0, queries: [] },
    ])
    expect(report.usage).toEqual([
      { command: 'recherche', platform: 'slack', count: 3 },
      { command: 'recherche', platform: 'discord', count: 2 },
      { command: 'aide', platform: 'slack', count: 1 },
      { command: 'citation', platform: 'discord', count: 1 },
    ])

    const all = await store.report({ since: at(60), limit: 1 })
    expect(all.unanswered).toEqual([{ query: 'pizza margherita', count: 3, lastAt: at(20) }])
    expect(all.unhelpful).toEqual([{ recordId: 'doc#p7', down: 4, up: 1, queries: ['monteur', 'vfx'] }])
    expect(all.usage.reduce((sum, row) => sum + row.count, 0)).toBe(10)

    const none = await store.report({ since: new Date(now + 1000) })
    expect(none).toEqual({
      since: new Date(now + 1000),
      unanswered: [],
      unhelpful: [],
      usage: [],
      outcomes: [],
    })
  })

  it('counts what each command’s requests got; a closest answer is an answer, not an unanswered question', async () => {
    const { store } = await fresh()
    const record = (command: string, query: string, outcome: QueryOutcome) =>
      store.recordQuery({
        platform: 'slack',
        command,
        query,
        outcome,
        resultIds: outcome === 'refused' ? [] : ['doc#p1'],
      })
    record('recherche', 'monteur', 'direct')
    record('recherche', 'combien gagne un chef op', 'closest')
    record('recherche', 'combien gagne un chef op', 'closest')
    record('recherche', 'pizza margherita', 'refused')
    record('plus', '', 'closest')
    record('citation', 'drone', 'refused')
    record('citation', '', 'direct')
    const report = await store.report({ since: new Date(Date.now() - DAY) })
    expect(report.outcomes).toEqual([
      { command: 'recherche', direct: 1, closest: 2, refused: 1 },
      { command: 'citation', direct: 1, closest: 0, refused: 1 },
      { command: 'plus', direct: 0, closest: 1, refused: 0 },
    ])
    expect(report.unanswered.map((row) => row.query).sort()).toEqual(['drone', 'pizza margherita'])
  })

  it('refuses an outcome it does not know before queueing it (the whole batch would fail)', async () => {
    const { store } = await fresh()
    const event = { platform: 'slack' as const, command: 'recherche', query: 'x', resultIds: [] }
    expect(() => store.recordQuery({ ...event, outcome: 'answered' as QueryOutcome })).toThrow(
      expect.objectContaining({ code: 'STORAGE_OUTCOME_INVALID' }),
    )
    store.recordQuery({ ...event, outcome: 'refused' })
    expect((await store.report({ since: new Date(0) })).outcomes).toEqual([
      { command: 'recherche', direct: 0, closest: 0, refused: 1 },
    ])
  })

  it('migrates a database of schema 2: its questions keep what `answered` said (direct or refused)', async () => {
    const opener = await engine.place(2)
    const { store } = await opener()
    open.push(store)
    const report = await store.report({ since: new Date(0) })
    expect(report.outcomes).toEqual([{ command: 'recherche', direct: 1, closest: 0, refused: 1 }])
    expect(report.unanswered.map((row) => row.query)).toEqual(['avant la migration'])
    store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'après',
      outcome: 'closest',
      resultIds: ['doc#p2'],
    })
    expect((await store.report({ since: new Date(0) })).outcomes).toEqual([
      { command: 'recherche', direct: 1, closest: 1, refused: 1 },
    ])
  })

  it('counts one vote per user and passage: 300 clicks of one user are one 👎, and the latest vote wins', async () => {
    const { store, again } = await fresh()
    const other = await again()
    for (let i = 0; i < 300; i++)
      store.recordFeedback({ platform: 'slack', userHash: user(1), recordId: 'doc#p1', helpful: false })
    await store.flush()
    // The same user through another instance, and a second user.
    other.recordFeedback({ platform: 'slack', userHash: user(1), recordId: 'doc#p1', helpful: false })
    other.recordFeedback({ platform: 'slack', userHash: user(2), recordId: 'doc#p1', helpful: false })
    // A user who changes their mind on another passage counts once, as their last vote.
    store.recordFeedback({ platform: 'slack', userHash: user(1), recordId: 'doc#p2', helpful: false })
    store.recordFeedback({ platform: 'slack', userHash: user(1), recordId: 'doc#p2', helpful: true })
    store.recordFeedback({ platform: 'slack', userHash: user(2), recordId: 'doc#p2', helpful: false })
    await other.flush()
    const report = await store.report({ since: new Date(0) })
    expect(report.unhelpful).toEqual([
      { recordId: 'doc#p1', down: 2, up: 0, queries: [] },
      { recordId: 'doc#p2', down: 1, up: 1, queries: [] },
    ])
  })

  it('posts every quote once before any repeats, then starts a new round', async () => {
    const { store } = await fresh()
    const random = seeded(7)
    const round = async (prefix: string) => {
      const picks: Array<string | undefined> = []
      for (let day = 0; day < QUOTES.length; day++)
        picks.push(await store.pickDailyQuote(`${prefix}${day} slack:C1`, QUOTES, random))
      return picks.sort()
    }
    expect(await round('2026-11-0')).toEqual([...QUOTES].sort())
    expect(await round('2026-11-1')).toEqual([...QUOTES].sort())
  })

  it('draws uniformly among the quotes left, ignores quotes gone from the corpus', async () => {
    const { store } = await fresh()
    expect(await store.pickDailyQuote('2026-11-1 slack:C1', QUOTES, () => 0)).toBe('doc#q1')
    expect(await store.pickDailyQuote('2026-11-2 slack:C1', QUOTES, () => 0.999_999)).toBe('doc#q4')
    // Left: q2, q3; 0.5 falls in the second half.
    expect(await store.pickDailyQuote('2026-11-3 slack:C1', QUOTES, () => 0.5)).toBe('doc#q3')
    expect(await store.pickDailyQuote('2026-11-4 slack:C1', QUOTES, () => 1)).toBe('doc#q2')
    // Rounds are per channel; ids gone from the corpus neither block nor end one.
    expect(await store.pickDailyQuote('2026-11-1 slack:C2', ['old', 'a'], () => 0)).toBe('old')
    const next = [
      await store.pickDailyQuote('2026-11-2 slack:C2', ['a', 'b'], () => 0),
      await store.pickDailyQuote('2026-11-3 slack:C2', ['a', 'b'], () => 0),
    ]
    expect(next.sort()).toEqual(['a', 'b'])
  })

  it('gives a slot to exactly one of several instances claiming it at once, and to none again', async () => {
    const { store, again } = await fresh()
    const others = [await again(), await again(), await again()]
    const slot = '2026-11-26 discord:42'
    const results = await Promise.all(
      [store, ...others].map((s, i) => s.pickDailyQuote(slot, QUOTES, seeded(10 + i))),
    )
    expect(results.filter((r) => r !== undefined)).toHaveLength(1)
    expect(await others[0]?.pickDailyQuote(slot, QUOTES, seeded(3))).toBeUndefined()
    expect(await store.pickDailyQuote('2026-11-27 discord:42', [], seeded(4))).toBeUndefined()
    // The next slot never repeats the first pick: every instance sees the same round.
    const picked = results.find((r) => r !== undefined)
    expect(await others[1]?.pickDailyQuote('2026-11-27 discord:42', QUOTES, () => 0)).not.toBe(picked)
  })

  it('claims a delivery once across instances, and again once the claim has expired', async () => {
    const { store, again } = await fresh()
    const other = await again()
    const claims = await Promise.all([
      store.claimDelivery('slack:event:Ev1', 60_000),
      other.claimDelivery('slack:event:Ev1', 60_000),
      store.claimDelivery('slack:event:Ev1', 60_000),
    ])
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect(await other.claimDelivery('slack:event:Ev2', 60_000)).toBe(true)
    expect(await store.claimDelivery('slack:event:Ev2', 60_000)).toBe(false)

    expect(await store.claimDelivery('discord:123', 1)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await other.claimDelivery('discord:123', 60_000)).toBe(true)
    expect(await store.claimDelivery('discord:123', 60_000)).toBe(false)
  })

  it('shares one salt between instances opened on the same data', async () => {
    const opener = await engine.place()
    const first = await opener()
    const second = await opener()
    open.push(first.store, second.store)
    expect(first.salt.length).toBeGreaterThanOrEqual(32)
    expect(second.salt).toBe(first.salt)
  })
})
