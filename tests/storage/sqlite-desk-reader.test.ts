import { afterEach, describe, expect, it } from 'vitest'
import { sqliteDeskReader } from '../../src/storage/sqlite-desk-reader.js'
import { IN_MEMORY, openSqliteStore } from '../../src/storage/sqlite-store.js'
import { deskReaderContract } from './desk-reader-contract.js'
import { tempDirs } from './helpers.js'

deskReaderContract('SQLite', () => {
  const { store } = openSqliteStore({ dataDir: IN_MEMORY })
  return { store, reader: sqliteDeskReader(store), close: () => store.close() }
})

describe('sqliteDeskReader', () => {
  const dirs = tempDirs()
  afterEach(() => dirs.cleanup())

  it('reads what was recorded a moment ago (the batch still waiting is written first)', async () => {
    const { store } = openSqliteStore({ dataDir: dirs.make() })
    try {
      const reader = sqliteDeskReader(store)
      store.recordQuery({
        platform: 'console',
        command: 'recherche',
        query: 'tout juste',
        answered: false,
        resultIds: [],
      })
      const since = new Date(Date.now() - 60_000)
      expect(await reader.unanswered({ since, limit: 5, questionCommand: 'recherche' })).toMatchObject([
        { query: 'tout juste', count: 1 },
      ])
    } finally {
      await store.close()
    }
  })

  it('says closest only where the store records it: not in SQLite today', async () => {
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    try {
      const now = Date.now()
      const activity = await sqliteDeskReader(store).activity({
        buckets: [new Date(now - 1000)],
        until: new Date(now + 1000),
        questionCommand: 'recherche',
      })
      expect(activity.buckets[0]).not.toHaveProperty('closest')
    } finally {
      await store.close()
    }
  })

  it('refuses an invalid date rather than read everything', async () => {
    const { store } = openSqliteStore({ dataDir: IN_MEMORY })
    try {
      await expect(
        sqliteDeskReader(store).unanswered({
          since: new Date(Number.NaN),
          limit: 5,
          questionCommand: 'recherche',
        }),
      ).rejects.toThrow(/since is not a valid date/)
    } finally {
      await store.close()
    }
  })
})
