import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StorageError } from '../../src/storage/errors.js'
import { hashUser, queryKeyOf } from '../../src/storage/keys.js'
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../src/storage/migrations.js'
import { openSqlite, type SqlDatabase } from '../../src/storage/sqlite-driver.js'
import {
  DATABASE_FILE,
  IN_MEMORY,
  openExistingSqliteStore,
  openSqliteStore,
} from '../../src/storage/sqlite-store.js'
import type { Store } from '../../src/storage/store.js'
import { ROOT, seeded, TSX, tempDirs } from './helpers.js'

const dirs = tempDirs()
const open: Store[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
  dirs.cleanup()
})

function openStore(dataDir: string, salt?: string) {
  const opened = openSqliteStore({ dataDir, salt })
  open.push(opened.store)
  return opened
}

const DAY = 86_400_000
const QUOTES = ['doc#q1', 'doc#q2', 'doc#q3', 'doc#q4']

function pragma(db: SqlDatabase, name: string): unknown {
  return db.prepare<[], Record<string, unknown>>(`PRAGMA ${name}`).get()?.[name]
}

function tables(db: SqlDatabase): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name)
}

describe('schema', () => {
  it('numbers migrations 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('creates the folder, the file in WAL mode and the whole schema from nothing', () => {
    const dataDir = path.join(dirs.make(), 'nested', 'data')
    const { file } = openStore(dataDir)
    expect(file).toBe(path.join(dataDir, DATABASE_FILE))
    const db = openSqlite(file, 1000)
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    expect(pragma(db, 'journal_mode')).toBe('wal')
    expect(tables(db)).toEqual(['daily_quotes', 'feedback', 'queries'])
    db.close()
  })

  it('reopens an existing file without migrating again and keeps its data', () => {
    const dataDir = dirs.make()
    const first = openStore(dataDir)
    const key = first.store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'monteur',
      answered: true,
      resultIds: ['doc#p1'],
    })
    first.store.close()
    const second = openStore(dataDir)
    expect(
      second.store.recordQuery({
        platform: 'slack',
        command: 'recherche',
        query: 'Monteur',
        answered: true,
        resultIds: [],
      }),
    ).toBe(key)
    expect(second.store.report({ since: new Date(0) }).usage).toEqual([
      { command: 'recherche', platform: 'slack', count: 2 },
    ])
    second.store.close()
    const db = openSqlite(second.file, 1000)
    expect(migrate(db)).toBe(SCHEMA_VERSION)
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('applies only the migrations a file lacks, and refuses a file newer than the code', () => {
    const file = path.join(dirs.make(), 'x.sqlite')
    const db = openSqlite(file, 1000)
    const extra = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, sql: 'CREATE TABLE later (x INTEGER)' }]
    migrate(db)
    expect(migrate(db, extra)).toBe(SCHEMA_VERSION + 1)
    expect(tables(db)).toContain('later')
    db.close()
    const newer = openSqlite(file, 1000)
    expect(() => migrate(newer)).toThrow(expect.objectContaining({ code: 'STORAGE_SCHEMA_TOO_NEW' }))
    newer.close()
  })

  it('rolls a failed migration back whole', () => {
    const db = openSqlite(':memory:', 1000)
    migrate(db)
    const broken = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table' },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(pragma(db, 'user_version')).toBe(SCHEMA_VERSION)
    expect(tables(db)).not.toContain('half')
    db.close()
  })

  it('says in one line that there is no database rather than creating one, for readers', () => {
    const dataDir = dirs.make()
    expect(() => openExistingSqliteStore(dataDir)).toThrow(
      expect.objectContaining({ code: 'STORAGE_NOT_FOUND' }),
    )
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('reports a file that is not a database as STORAGE_OPEN_FAILED', () => {
    const dataDir = dirs.make()
    writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database, just text '.repeat(200))
    expect(() => openSqliteStore({ dataDir })).toThrow(
      expect.objectContaining({ code: 'STORAGE_OPEN_FAILED' }),
    )
  })

  it('offers a throwaway in-memory store', () => {
    const { store, salt, file } = openSqliteStore({ dataDir: IN_MEMORY })
    open.push(store)
    expect(file).toBe(IN_MEMORY)
    expect(salt.length).toBeGreaterThanOrEqual(32)
    expect(store.pickDailyQuote('s', QUOTES, seeded(1))).toBeDefined()
  })
})

describe('salt', () => {
  it('is generated once, kept with mode 0600, and gives the same hash after reopening', () => {
    const dataDir = dirs.make()
    const first = openStore(dataDir)
    const saltFile = path.join(dataDir, 'salt')
    expect(readFileSync(saltFile, 'utf8').trim()).toBe(first.salt)
    expect(statSync(saltFile).mode & 0o777).toBe(0o600)
    first.store.close()
    const second = openStore(dataDir)
    expect(second.salt).toBe(first.salt)
    expect(hashUser(second.salt, 'slack', 'U42')).toBe(hashUser(first.salt, 'slack', 'U42'))
  })

  it('uses DATA_SALT when given and then writes no salt file', () => {
    const dataDir = dirs.make()
    const { salt } = openStore(dataDir, '  a-salt-from-the-environment  ')
    expect(salt).toBe('a-salt-from-the-environment')
    expect(readdirSync(dataDir)).not.toContain('salt')
  })

  it('refuses a salt too short to protect anything', () => {
    expect(() => openSqliteStore({ dataDir: dirs.make(), salt: 'abc' })).toThrow(
      expect.objectContaining({ code: 'STORAGE_SALT_INVALID' }),
    )
  })
})

describe('privacy', () => {
  const RAW_ID = 'U0RAWSLACKID77'

  it('writes no raw user id in any table, column or file', () => {
    const dataDir = dirs.make()
    const { store, salt, file } = openStore(dataDir)
    const userHash = hashUser(salt, 'slack', RAW_ID)
    const key = store.recordQuery({
      platform: 'slack',
      userHash,
      command: 'recherche',
      query: 'doublage',
      answered: false,
      resultIds: [],
    })
    store.recordFeedback({ platform: 'slack', userHash, recordId: 'doc#p1', queryKey: key, helpful: false })
    store.pickDailyQuote('2026-11-26 slack:C1', QUOTES, seeded(2))
    store.close()

    const db = openSqlite(file, 1000)
    let cells = 0
    let hashes = 0
    for (const table of tables(db)) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          cells++
          expect(String(value)).not.toContain(RAW_ID)
          if (value === userHash) hashes++
        }
      }
    }
    db.close()
    expect(cells).toBeGreaterThan(10)
    expect(hashes).toBe(2)
    for (const name of readdirSync(dataDir))
      expect(readFileSync(path.join(dataDir, name)).includes(RAW_ID)).toBe(false)
  })

  it('refuses a userHash that is not a hash, without repeating it in the error', () => {
    const { store } = openStore(dirs.make())
    let caught: unknown
    try {
      store.recordQuery({
        platform: 'slack',
        userHash: RAW_ID,
        command: 'aide',
        query: '',
        answered: true,
        resultIds: [],
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StorageError)
    expect(caught).toMatchObject({ code: 'STORAGE_USER_HASH_INVALID' })
    expect((caught as Error).message).not.toContain(RAW_ID)
    expect(() =>
      store.recordFeedback({
        platform: 'discord',
        userHash: '123456789012345678',
        recordId: 'x',
        helpful: true,
      }),
    ).toThrow(StorageError)
    expect(store.report({ since: new Date(0) }).usage).toEqual([])
  })
})

describe('recordQuery', () => {
  it('returns the same key for the same question, whatever the case and spacing', () => {
    const { store } = openStore(dirs.make())
    const ask = (query: string) =>
      store.recordQuery({ platform: 'discord', command: 'recherche', query, answered: true, resultIds: [] })
    const key = ask("Qu'est-ce qui arrive aux monteurs ?")
    expect(key).toMatch(/^[0-9a-f]{12}$/)
    expect(ask('  qu’est-ce   qui arrive aux MONTEURS?')).toBe(key)
    expect(key).toBe(queryKeyOf("qu'est-ce qui arrive aux monteurs"))
    expect(ask('Qu’est-ce qui arrive aux scénaristes ?')).not.toBe(key)
  })

  it('keeps at most 500 characters of a question', () => {
    const { store, file } = openStore(dirs.make())
    const long = `${'é'.repeat(499)}🎬${'x'.repeat(2000)}`
    const key = store.recordQuery({
      platform: 'cli',
      command: 'recherche',
      query: long,
      answered: false,
      resultIds: [],
    })
    expect(key).toBe(queryKeyOf(long))
    store.close()
    const db = openSqlite(file, 1000)
    const row = db.prepare<[], { query: string }>('SELECT query FROM queries').get()
    db.close()
    expect(Array.from(row?.query ?? '')).toHaveLength(500)
    expect(row?.query.endsWith('🎬')).toBe(true)
  })
})

describe('report', () => {
  it('lists unanswered questions, unhelpful passages with their questions, and usage, since a date', () => {
    const { store } = openStore(dirs.make())
    const now = Date.now()
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY)
    const ask = (
      query: string,
      answered: boolean,
      daysAgo: number,
      platform: 'slack' | 'discord' = 'slack',
    ) =>
      store.recordQuery({ platform, command: 'recherche', query, answered, resultIds: [], at: at(daysAgo) })

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
      answered: true,
      resultIds: [],
      at: at(1),
    })
    store.recordQuery({
      platform: 'slack',
      command: 'aide',
      query: '',
      answered: false,
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

    const report = store.report({ since: at(7) })
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

    const all = store.report({ since: at(60), limit: 1 })
    expect(all.unanswered).toEqual([{ query: 'pizza margherita', count: 3, lastAt: at(20) }])
    expect(all.unhelpful).toEqual([{ recordId: 'doc#p7', down: 4, up: 1, queries: ['monteur', 'vfx'] }])
    expect(all.usage.reduce((sum, row) => sum + row.count, 0)).toBe(10)

    const none = store.report({ since: new Date(now + 1000) })
    expect(none).toEqual({ since: new Date(now + 1000), unanswered: [], unhelpful: [], usage: [] })
  })
})

describe('pickDailyQuote', () => {
  it('posts every quote once before any repeats, then starts a new round', () => {
    const { store } = openStore(dirs.make())
    const random = seeded(7)
    const firstRound = QUOTES.map((_, day) =>
      store.pickDailyQuote(`2026-11-0${day + 1} slack:C1`, QUOTES, random),
    )
    expect([...firstRound].sort()).toEqual([...QUOTES].sort())
    const secondRound = QUOTES.map((_, day) =>
      store.pickDailyQuote(`2026-11-1${day} slack:C1`, QUOTES, random),
    )
    expect([...secondRound].sort()).toEqual([...QUOTES].sort())
  })

  it('draws uniformly among the quotes left with random()', () => {
    const { store } = openStore(dirs.make())
    expect(store.pickDailyQuote('2026-11-1 slack:C1', QUOTES, () => 0)).toBe('doc#q1')
    expect(store.pickDailyQuote('2026-11-2 slack:C1', QUOTES, () => 0.999_999)).toBe('doc#q4')
    // Left: q2, q3; 0.5 falls in the second half.
    expect(store.pickDailyQuote('2026-11-3 slack:C1', QUOTES, () => 0.5)).toBe('doc#q3')
    expect(store.pickDailyQuote('2026-11-4 slack:C1', QUOTES, () => 1)).toBe('doc#q2')
  })

  it('ignores quotes that left the corpus and counts new ones in the current round', () => {
    const { store } = openStore(dirs.make())
    expect(store.pickDailyQuote('2026-11-1 slack:C1', ['old', 'a'], () => 0)).toBe('old')
    // `old` is gone: only `a` and the new `b` remain in this round.
    const next = [
      store.pickDailyQuote('2026-11-2 slack:C1', ['a', 'b'], () => 0),
      store.pickDailyQuote('2026-11-3 slack:C1', ['a', 'b'], () => 0),
    ]
    expect(next.sort()).toEqual(['a', 'b'])
    expect(store.pickDailyQuote('2026-11-4 slack:C1', ['a', 'b'], () => 0.9)).toBe('b')
  })

  it('returns undefined for a claimed slot, also after reopening, and for no candidates', () => {
    const dataDir = dirs.make()
    const first = openStore(dataDir)
    const slot = '2026-11-26 slack:C123'
    expect(first.store.pickDailyQuote(slot, QUOTES, seeded(3))).toBeDefined()
    expect(first.store.pickDailyQuote(slot, QUOTES, seeded(3))).toBeUndefined()
    first.store.close()
    const second = openStore(dataDir)
    expect(second.store.pickDailyQuote(slot, QUOTES, seeded(4))).toBeUndefined()
    expect(second.store.pickDailyQuote('2026-11-27 slack:C123', [], seeded(4))).toBeUndefined()
    expect(second.store.pickDailyQuote('2026-11-27 slack:C123', QUOTES, seeded(4))).toBeDefined()
  })

  it('lets only one of two stores sharing a file claim a slot', () => {
    const dataDir = dirs.make()
    const a = openStore(dataDir)
    const b = openStore(dataDir)
    expect(b.salt).toBe(a.salt)
    const slot = '2026-11-26 discord:42'
    const results = [
      a.store.pickDailyQuote(slot, QUOTES, seeded(5)),
      b.store.pickDailyQuote(slot, QUOTES, seeded(6)),
    ]
    expect(results.filter((r) => r !== undefined)).toHaveLength(1)
    // b sees a's round: the next slot never repeats a's quote.
    const picked = results.find((r) => r !== undefined)
    expect(b.store.pickDailyQuote('2026-11-27 discord:42', QUOTES, () => 0)).not.toBe(picked)
  })

  it('lets exactly one of several processes starting together on a new folder win the slot', async () => {
    const dataDir = path.join(dirs.make(), 'data')
    const startAt = String(Date.now() + 1_500)
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(TSX, ['tests/storage/claim-daily-quote.ts', dataDir, 'race-slot', startAt], {
            cwd: ROOT,
          })
          let out = ''
          let err = ''
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString()
          })
          child.stderr.on('data', (chunk: Buffer) => {
            err += chunk.toString()
          })
          child.on('close', (code) => resolve({ code, out, err }))
        }),
    )
    const results = await Promise.all(runs)
    for (const run of results) expect(run.err).toBe('')
    expect(results.map((run) => run.code)).toEqual([0, 0, 0, 0])
    const outcomes = results.map((run) => JSON.parse(run.out) as { picked: string | null; salt: string })
    expect(outcomes.filter((o) => o.picked !== null)).toHaveLength(1)
    expect(new Set(outcomes.map((o) => o.salt)).size).toBe(1)
    // No salt draft left behind by the processes that lost the race to write it.
    expect(readdirSync(dataDir).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual(['salt'])
  })
})
