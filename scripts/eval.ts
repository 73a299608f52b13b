/**
 * npm run eval [-- file.jsonl]: hit@1, hit@3, MRR@5, off-topic answered empty and the median length of
 * the top answer, over the public questions (tests/fixtures/queries.jsonl) or the file given.
 */
import { loadCorpus } from '../src/corpus/load-corpus.js'
import { judge, readEvalQueries, summarize } from '../src/eval/evaluate.js'
import { SearchEngine } from '../src/search/engine.js'

const file = process.argv[2] ?? 'tests/fixtures/queries.jsonl'
const engine = SearchEngine.build(await loadCorpus('corpus'))
const outcomes = readEvalQueries(file).map((query) =>
  judge(
    query,
    engine.search(query.q, { limit: 5 }).hits.map((hit) => hit.record.text),
  ),
)
const summary = summarize(outcomes)
for (const failure of summary.failures) {
  process.stdout.write(`MISS  ${JSON.stringify(failure.query.q)} (rank ${failure.rank ?? '-'})\n`)
}
const pct = (x: number) => `${(x * 100).toFixed(1)} %`
process.stdout.write(
  `${[
    `questions: ${outcomes.length} (${summary.answerable} answerable, ${summary.offTopic} off-topic) — ${file}`,
    `hit@1 ${pct(summary.hitAt1)}  hit@3 ${pct(summary.hitAt3)}  MRR@5 ${summary.mrrAt5.toFixed(3)}`,
    `off-topic answered empty: ${summary.offTopicEmpty}/${summary.offTopic}  median top answer: ${summary.medianTopLength} chars`,
  ].join('\n')}\n`,
)
