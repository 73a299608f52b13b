/**
 * One app under load in its own process, so that autocannon (in the parent) and the app do not share an
 * event loop. Usage: node --import tsx scripts/load/target.ts <bare|real> <apiUrl> <signingSecret>.
 * Prints `{"port":N}` once listening; stops when stdin closes, so that it never outlives the parent, and then
 * prints its answer cache's counters (`{"cache":…}`).
 */

import { cacheStatsLine } from './hit-rate.js'
import { isTargetKind, startTarget } from './targets.js'

const [kind, apiUrl, signingSecret] = process.argv.slice(2)
if (!isTargetKind(kind) || !apiUrl || !signingSecret) {
  process.stderr.write('usage: target.ts <bare|real> <apiUrl> <signingSecret>\n')
  process.exit(2)
}

const target = await startTarget(kind, { apiUrl, signingSecret })
process.stdout.write(`${JSON.stringify({ port: target.port })}\n`)

process.stdin.resume()
process.stdin.on('end', () => {
  target.stop().finally(() => {
    // Read by the parent for the hit-rate line (stdout is a pipe: written before exit).
    const stats = target.cacheStats?.()
    if (stats) process.stdout.write(`${cacheStatsLine(stats)}\n`)
    process.exit(0)
  })
})
