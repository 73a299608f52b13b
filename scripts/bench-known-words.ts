/**
 * npm run bench:known-words: what loading lexicon/known-words.*.txt costs a fresh process (wall and CPU
 * time, extra RSS) and what one lookup costs. Timings live here, never in tests.
 */
import { performance } from 'node:perf_hooks'
import { loadKnownWords } from '../src/text/known-words.js'
import { fold } from '../src/text/normalize.js'

const LOOKUPS = 200_000
const probes = ['remis', 'masse', 'monteuses', 'disparaîtra', 'storybord', 'monteurr', 'the', 'editors'].map(
  (word) => fold(word),
)

const rss = process.memoryUsage().rss
const cpu = process.cpuUsage()
const start = performance.now()
const known = loadKnownWords()
const loadMs = performance.now() - start
const loadCpu = process.cpuUsage(cpu)
const extraRss = process.memoryUsage().rss - rss

for (let i = 0; i < 20_000; i++) known.has(probes[i % probes.length] as string)
const lookupStart = performance.now()
for (let i = 0; i < LOOKUPS; i++) known.has(probes[i % probes.length] as string)
const lookupNs = ((performance.now() - lookupStart) * 1e6) / LOOKUPS

console.log(
  `known words: ${known.size} forms; load ${loadMs.toFixed(1)} ms wall, ` +
    `${((loadCpu.user + loadCpu.system) / 1000).toFixed(1)} ms CPU, +${(extraRss / 2 ** 20).toFixed(1)} MB RSS; ` +
    `has() ${lookupNs.toFixed(0)} ns`,
)
