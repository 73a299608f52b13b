/**
 * npm run bench: index build time and per-query latency of ia-cinema, next to MiniSearch with default
 * options over the article's raw paragraphs (fuzzy 0.2 + prefix), measured in the same run on the same
 * queries; plus the eval scores of that baseline, for scale.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import MiniSearch from 'minisearch'
import { answerJson } from '../src/adapters/cli/answer-json.js'
import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { loadCorpus } from '../src/corpus/load-corpus.js'
import { judge, readEvalQueries, summarize } from '../src/eval/evaluate.js'
import { SearchEngine } from '../src/search/engine.js'

const QUERY_COUNT = 5_000
const BUILD_RUNS = 20
const fixtures = path.join(import.meta.dirname, '..', 'tests', 'fixtures')
const evalFiles = readdirSync(fixtures).filter((f) => f.endsWith('queries.jsonl'))
const questions = evalFiles.flatMap((f) => readEvalQueries(path.join(fixtures, f)))
const queries = Array.from(
  { length: QUERY_COUNT },
  (_, i) => (questions[i % questions.length] as { q: string }).q,
)

const corpus = await loadCorpus(DEFAULT_CORPUS_DIR)
const paragraphs = corpus.documents.flatMap((d) => d.sections.flatMap((s) => s.paragraphs))

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now()
  const value = run()
  return { ms: performance.now() - start, value }
}

function buildRaw() {
  const raw = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: ['text'] })
  raw.addAll(paragraphs.map((text, id) => ({ id, text })))
  return raw
}

const median = (xs: number[]) => quantile(xs, 0.5)
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

const ours = time(() => SearchEngine.build(corpus))
const engine = ours.value
const buildOurs = median(Array.from({ length: BUILD_RUNS }, () => time(() => SearchEngine.build(corpus)).ms))
const buildRaw_ = median(Array.from({ length: BUILD_RUNS }, () => time(buildRaw).ms))
const raw = buildRaw()

type Runner = (q: string) => unknown
const runners: Array<[string, Runner]> = [
  ['raw MiniSearch (fuzzy 0.2 + prefix)', (q) => raw.search(q, { fuzzy: 0.2, prefix: true })],
  ['ia-cinema search', (q) => engine.search(q, { limit: 5 })],
  ['ia-cinema ask --json line', (q) => answerJson(q, engine, 5)],
]

// Warm up every path (JIT, stem and spelling caches see the same queries as in the measured run).
for (const [, run] of runners) for (const q of queries.slice(0, 500)) run(q)

const lines: string[] = []
const totals = new Map<string, number>()
for (const [name, run] of runners) {
  const samples: number[] = []
  const start = performance.now()
  for (const q of queries) {
    const t = performance.now()
    run(q)
    samples.push((performance.now() - t) * 1000)
  }
  const total = performance.now() - start
  totals.set(name, total)
  lines.push(
    `${name.padEnd(38)} ${((total * 1000) / QUERY_COUNT).toFixed(1).padStart(7)} µs/query  p50 ${median(samples).toFixed(1).padStart(6)} µs  p99 ${quantile(samples, 0.99).toFixed(1).padStart(7)} µs`,
  )
}

const rawScores = summarize(
  questions.map((query) =>
    judge(
      query,
      raw
        .search(query.q, { fuzzy: 0.2, prefix: true })
        .slice(0, 5)
        .map((r) => String(r.text)),
    ),
  ),
)
const ourScores = summarize(
  questions.map((query) =>
    judge(
      query,
      engine.search(query.q, { limit: 5 }).hits.map((h) => h.record.text),
    ),
  ),
)
const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const rawTotal = totals.get(runners[0]?.[0] ?? '') ?? 1

process.stdout.write(
  `${[
    `corpus: ${corpus.records.length} records (${paragraphs.length} raw paragraphs); ${QUERY_COUNT} queries cycling over ${questions.length} eval questions (${evalFiles.join(', ')}); Node ${process.version}`,
    `index build: ia-cinema ${buildOurs.toFixed(2)} ms (first, cold: ${ours.ms.toFixed(1)} ms), raw MiniSearch ${buildRaw_.toFixed(2)} ms (median of ${BUILD_RUNS})`,
    ...lines,
    `cost ratio vs raw: search ×${((totals.get('ia-cinema search') ?? 0) / rawTotal).toFixed(2)}, ask line ×${((totals.get('ia-cinema ask --json line') ?? 0) / rawTotal).toFixed(2)}`,
    `quality, all eval files: ia-cinema hit@1 ${pct(ourScores.hitAt1)} hit@3 ${pct(ourScores.hitAt3)} off-topic empty ${ourScores.offTopicEmpty}/${ourScores.offTopic}; raw MiniSearch hit@1 ${pct(rawScores.hitAt1)} hit@3 ${pct(rawScores.hitAt3)} off-topic empty ${rawScores.offTopicEmpty}/${rawScores.offTopic}`,
    `memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  ].join('\n')}\n`,
)
