/**
 * npm run eval [-- file.jsonl …] [--baselines] [--failures] [--curve | --no-curve] [--fit]: for each
 * question set (every tests/fixtures/*queries.jsonl by default), hit@1, hit@3, MRR@5 and off-topic answered
 * empty per style and overall, with the median length of the top answer. `--baselines` adds plain
 * MiniSearch and Orama (French) over the same records in the same run; `--failures` lists the questions
 * missed; the answer decision's trade-off at each threshold follows (always for the whole collection,
 * `--curve` for chosen files); `--fit` refits its model on the development sets (scripts/eval/curve.ts).
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { configuredCorpusDir } from '../src/bot/load-bot.js'
import { loadCorpus } from '../src/corpus/load-corpus.js'
import { type EvalOutcome, judge, readEvalQueries, summarizeByStyle } from '../src/eval/evaluate.js'
import { SearchEngine } from '../src/search/engine.js'
import { baselineSearchers } from './eval/baselines.js'
import { curve, fitModel } from './eval/curve.js'

const args = process.argv.slice(2)
const fixtures = path.join(import.meta.dirname, '..', 'tests', 'fixtures')
const files = args.filter((a) => !a.startsWith('--'))
const sets =
  files.length > 0
    ? files
    : readdirSync(fixtures)
        .filter((f) => f.endsWith('queries.jsonl'))
        .sort()
        .map((f) => path.join(fixtures, f))

// The corpus folder the bot reads (CORPUS_DIR, else the project's corpus/).
const corpus = await loadCorpus(configuredCorpusDir())
const engine = SearchEngine.build(corpus)
const searchers: Array<[string, (q: string) => string[]]> = [
  ['ia-cinema', (q) => engine.search(q, { limit: 5 }).hits.map((hit) => hit.record.text)],
  ...(args.includes('--baselines') ? await baselineSearchers(corpus) : []),
]

const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(5)
const out: string[] = []
for (const file of sets) {
  const queries = readEvalQueries(file)
  out.push('', `${path.basename(file)} — ${queries.length} questions`)
  out.push(
    `  ${'engine'.padEnd(16)}${'style'.padEnd(12)}${'n'.padStart(4)}  hit@1  hit@3  MRR@5  off-topic empty  median top`,
  )
  for (const [name, search] of searchers) {
    const outcomes: EvalOutcome[] = queries.map((query) => judge(query, search(query.q)))
    for (const { style, summary } of summarizeByStyle(outcomes)) {
      const answerable = summary.answerable > 0
      out.push(
        `  ${name.padEnd(16)}${style.padEnd(12)}${String(summary.answerable + summary.offTopic).padStart(4)}  ${answerable ? pct(summary.hitAt1) : '    -'}  ${answerable ? pct(summary.hitAt3) : '    -'}  ${answerable ? summary.mrrAt5.toFixed(3) : '    -'}  ${summary.offTopic > 0 ? `${summary.offTopicEmpty}/${summary.offTopic}`.padStart(15) : '              -'}  ${answerable ? String(summary.medianTopLength).padStart(10) : ''}`,
      )
    }
    if (name === 'ia-cinema' && args.includes('--failures')) {
      for (const o of outcomes.filter((o) => !o.passed))
        out.push(`    MISS [${o.query.style ?? '-'}] ${JSON.stringify(o.query.q)} (rank ${o.rank ?? '-'})`)
    }
  }
}
if (args.includes('--curve') || args.includes('--fit')) {
  const labelled = sets.map(
    (file) => [file, readEvalQueries(file)] as [string, ReturnType<typeof readEvalQueries>],
  )
  if (args.includes('--curve')) out.push('', ...curve(engine, labelled))
  if (args.includes('--fit')) out.push('', ...fitModel(engine, labelled))
}
process.stdout.write(`${out.join('\n').trimStart()}\n`)
