/**
 * One app under load in its own process, so that autocannon (in the parent) and the app do not share an
 * event loop. Usage: node --import tsx scripts/load/target.ts <bare|real> <apiUrl> <signingSecret>.
 * Prints `{"port":N}` once listening; stops when stdin closes, so that it never outlives the parent.
 */

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
  target.stop().finally(() => process.exit(0))
})
