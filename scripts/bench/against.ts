/**
 * npm run bench -- --against DIR: this checkout's engine and another checkout's (DIR, e.g. a `git worktree`
 * of an earlier commit, with its node_modules), each over its own corpus/, on the same questions (every
 * tests/fixtures/*queries.jsonl of this checkout), interleaved in one process so that both meet the same
 * machine: the cost of a change per question, whatever else the machine is doing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { quantile } from './stats.js'

interface Searcher {
  search(question: string, options: { limit: number }): unknown
}

async function engineOf(root: string): Promise<Searcher> {
  const url = (file: string) => pathToFileURL(path.join(root, file)).href
  const { loadCorpus } = await import(url('src/corpus/load-corpus.ts'))
  const { SearchEngine } = await import(url('src/search/engine.ts'))
  return SearchEngine.build(await loadCorpus(path.join(root, 'corpus')))
}

export async function compareAgainst(other: string, rounds = 15): Promise<string[]> {
  const here = path.resolve(import.meta.dirname, '..', '..')
  const fixtures = path.join(here, 'tests', 'fixtures')
  const questions = readdirSync(fixtures)
    .filter((file) => file.endsWith('queries.jsonl'))
    .flatMap((file) => readFileSync(path.join(fixtures, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { q: string }).q)
  const engines = { theirs: await engineOf(path.resolve(other)), ours: await engineOf(here) }
  const times = { theirs: [] as number[], ours: [] as number[] }
  for (const q of questions) for (const engine of Object.values(engines)) engine.search(q, { limit: 3 })
  for (let round = 0; round < rounds; round++) {
    // Each question is timed on both, in an order that alternates from round to round.
    const order = round % 2 === 0 ? (['theirs', 'ours'] as const) : (['ours', 'theirs'] as const)
    for (const q of questions)
      for (const name of order) {
        const start = process.hrtime.bigint()
        engines[name].search(q, { limit: 3 })
        times[name].push(Number(process.hrtime.bigint() - start) / 1000)
      }
  }
  const line = (name: 'theirs' | 'ours') => {
    const sorted = [...times[name]].sort((a, b) => a - b)
    const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length
    return { mean, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) }
  }
  const theirs = line('theirs')
  const ours = line('ours')
  const us = (x: number) => `${x.toFixed(1)} µs`
  return [
    `engine.search on ${questions.length} questions × ${rounds}, interleaved in one process (wall):`,
    `  ${path.resolve(other)}: mean ${us(theirs.mean)}, p50 ${us(theirs.p50)}, p99 ${us(theirs.p99)}`,
    `  this checkout: mean ${us(ours.mean)}, p50 ${us(ours.p50)}, p99 ${us(ours.p99)}`,
    `  ratio: mean ${(ours.mean / theirs.mean).toFixed(2)}×, p50 ${(ours.p50 / theirs.p50).toFixed(2)}×, p99 ${(ours.p99 / theirs.p99).toFixed(2)}×`,
  ]
}
