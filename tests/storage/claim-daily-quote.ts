/**
 * Child process for the race test: waits until `startAt`, then opens the store (folder, salt, schema) and
 * claims `slot`, printing what it got as one JSON line. Not a test file on its own.
 */
import { openSqliteStore } from '../../src/storage/sqlite-store.js'

const [dataDir, slot, startAt] = process.argv.slice(2) as [string, string, string]
const wait = Number(startAt) - Date.now()
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
const { store, salt } = openSqliteStore({ dataDir })
const picked = await store.pickDailyQuote(slot, ['q1', 'q2', 'q3', 'q4', 'q5'], Math.random)
await store.close()
process.stdout.write(`${JSON.stringify({ picked: picked ?? null, salt })}\n`)
