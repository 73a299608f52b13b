/**
 * What only PostgreSQL does: a server that is not there at start, and one lost and back while serving. A
 * cluster of its own (stopping the run's shared one would fail the other files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StorageError } from '../../src/storage/errors.js'
import { redactUrl } from '../../src/storage/postgres-connection.js'
import { postgresDeskReader } from '../../src/storage/postgres-desk-reader.js'
import { openPostgresReader, openPostgresStore, PostgresStore } from '../../src/storage/postgres-store.js'
import { freshDatabase, type RunningCluster, startCluster, urlOf } from '../helpers/postgres.js'
import { eventually, freePort } from '../helpers/start-process.js'

let cluster: RunningCluster
beforeAll(async () => {
  cluster = await startCluster(await freePort())
}, 30_000)
afterAll(async () => {
  await cluster?.remove()
})

const question = (query: string) => ({
  platform: 'slack' as const,
  command: 'recherche',
  query,
  outcome: 'refused' as const,
  resultIds: [],
})

describe('PostgreSQL at start', () => {
  it('fails in one line without the password when the server is not there', async () => {
    const url = urlOf({ ...cluster, port: await freePort() }, 'nowhere')
    const failure = await openPostgresStore({ url }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(StorageError)
    expect(failure).toMatchObject({ code: 'STORAGE_OPEN_FAILED', detail: 'PostgreSQL: connection refused' })
    expect(String((failure as Error).message)).not.toContain(cluster.password)
    expect(redactUrl(url)).not.toContain(cluster.password)
    expect(redactUrl(url)).toContain('***')
  })

  it('names a database that does not exist, and a reader finds no tables rather than making them', async () => {
    const failure = await openPostgresStore({ url: urlOf(cluster, 'absent_db') }).catch((e: unknown) => e)
    expect(failure).toMatchObject({ detail: 'PostgreSQL: database does not exist' })
    const empty = await freshDatabase(cluster, 'reader')
    await expect(openPostgresReader(empty)).rejects.toMatchObject({ code: 'STORAGE_NOT_FOUND' })
  })
})

describe('PostgreSQL lost while serving', () => {
  it('fails claims at once, keeps rows, says degraded; back by itself when the server is', async () => {
    const url = await freshDatabase(cluster, 'outage')
    const { store } = await openPostgresStore({ url })
    expect(store).toBeInstanceOf(PostgresStore)
    try {
      store.recordQuery(question('avant la panne'))
      await store.flush()
      expect(store.health()).toEqual({ state: 'ok' })

      await cluster.pause()
      store.recordQuery(question('pendant la panne'))
      await store.flush()
      const degraded = store.health()
      expect(degraded).toMatchObject({ state: 'degraded', pending: 1 })
      expect(degraded.problem).toMatch(/^PostgreSQL: /)
      // No waiting on a server known to be gone: a claim or a pick is refused without a round trip.
      await expect(store.claimDelivery('slack:event:Ev1', 60_000)).rejects.toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
      })
      await expect(store.pickDailyQuote('2026-11-26 slack:C1', ['q1'], Math.random)).rejects.toMatchObject({
        code: 'STORAGE_UNAVAILABLE',
      })
      // The desk's page is a 503 at once, not a wait for a connect timeout.
      await expect(
        postgresDeskReader(store).unanswered({ since: new Date(0), limit: 5, questionCommand: 'recherche' }),
      ).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' })
      store.recordQuery(question('pendant la panne, encore'))

      await cluster.start()
      await eventually(() => store.health().state === 'ok', 20_000)
      const report = await store.report({ since: new Date(0) })
      expect(report.unanswered.map((row) => row.query).sort()).toEqual([
        'avant la panne',
        'pendant la panne',
        'pendant la panne, encore',
      ])
      expect(await store.claimDelivery('slack:event:Ev1', 60_000)).toBe(true)
      const desk = await postgresDeskReader(store).unanswered({
        since: new Date(0),
        limit: 5,
        questionCommand: 'recherche',
      })
      expect(desk.map((row) => row.query)).toHaveLength(3)
    } finally {
      await store.close()
    }
  }, 40_000)
})
