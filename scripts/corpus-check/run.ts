import path from 'node:path'
import { CorpusError } from '../../src/corpus/errors.js'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { judge, readEvalQueries, summarize } from '../../src/eval/evaluate.js'
import { SearchEngine } from '../../src/search/engine.js'

/** The public eval questions: every answerable one in the top 3, every off-topic one answered empty. */
export const PUBLIC_EVAL = path.join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'queries.jsonl')

export interface CheckOptions {
  corpusDir: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** The eval questions to run (default: the public set). */
  evalFile?: string
}

/**
 * npm run corpus:check: the live corpus folder as the bot would serve it. It loads and validates every file
 * (one line naming the file and field when one is wrong), builds the index, checks that the thesaurus gives
 * no form to two concepts, and runs the public eval questions. Exit code 0 when all hold, 1 otherwise.
 * The tests read a fixture corpus of their own (tests/fixtures/corpus): this is what checks the live one.
 */
export async function runCorpusCheck(options: CheckOptions): Promise<number> {
  const folder = options.corpusDir
  let corpus: Awaited<ReturnType<typeof loadCorpus>>
  try {
    corpus = await loadCorpus(folder)
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error
    options.stderr(`corpus:check: ${folder}: ${error.relativeTo(folder)}\n`)
    return 1
  }
  const engine = SearchEngine.build(corpus)
  const quotes = corpus.records.filter((r) => r.kind === 'quote').length
  const lines = [
    `corpus:check: ${folder} — ${corpus.documents.length} document(s), ${corpus.records.length} records (${corpus.records.length - quotes} passages, ${quotes} quotes), version ${corpus.version}`,
  ]
  const problems: string[] = []
  for (const { form, concepts } of engine.analyzer.conflicts)
    problems.push(`thesaurus: « ${form} » belongs to two concepts (${concepts.join(', ')})`)

  const evalFile = options.evalFile ?? PUBLIC_EVAL
  const outcomes = readEvalQueries(evalFile).map((query) =>
    judge(
      query,
      engine.search(query.q, { limit: 5 }).hits.map((hit) => hit.record.text),
    ),
  )
  const summary = summarize(outcomes)
  const answered = Math.round(summary.hitAt3 * summary.answerable)
  lines.push(
    `  eval (${path.basename(evalFile)}): ${answered}/${summary.answerable} found in the top 3, ${summary.offTopicEmpty}/${summary.offTopic} off-topic answered empty`,
  )
  for (const miss of summary.failures)
    problems.push(
      'none' in miss.query
        ? `eval: « ${miss.query.q} » is off-topic but gets an answer`
        : `eval: « ${miss.query.q} » no longer finds its passage in the top 3 (rank ${miss.rank ?? 'none'})`,
    )
  options.stdout(`${lines.join('\n')}\n`)
  if (problems.length === 0) {
    options.stdout('  ok\n')
    return 0
  }
  options.stderr(`${problems.map((p) => `corpus:check: ${p}`).join('\n')}\n`)
  return 1
}
