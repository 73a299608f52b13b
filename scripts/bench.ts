/**
 * npm run bench [-- --corpus DIR] [--startup-runs N]
 *   One corpus folder (default: CORPUS_DIR, else corpus/): load time through the project's own loading path
 *   next to raw MiniSearch over the same records' texts, memory after load and during a reload, the cold
 *   first question, query p50/p99 for the eval questions and for never-seen ones, the other commands and
 *   autocomplete per call, and start-to-first-answer through tsx and compiled (built with npm run build).
 * npm run bench -- --sizes 10,100,1000
 *   The same for synthetic corpora of those sizes (npm run corpus:generate), each in a process of its own,
 *   after the project's corpus; prints the scale table of issue 11 with its targets.
 * npm run bench -- --against DIR
 *   This checkout's engine.search against another checkout's (DIR), on the same questions, interleaved in
 *   one process (scripts/bench/against.ts).
 * Options: --seed S (1), --never-seen N (1000 questions per set).
 */
import { parseArgs } from 'node:util'
import { configuredCorpusDir } from '../src/bot/load-bot.js'
import { compareAgainst } from './bench/against.js'
import { type CorpusFigures, measureCorpus } from './bench/measure-corpus.js'
import { details, scaleTable, startupLines } from './bench/report.js'
import { measureInChild, measureSizes } from './bench/sizes.js'
import { buildDist, measureStartup } from './bench/startup.js'

const USAGE =
  'usage: npm run bench -- [--corpus DIR | --sizes 10,100,1000 | --against DIR] [--seed S] [--never-seen N] [--startup-runs N]'

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be a whole number of at least ${min}`)
  return value
}

let values: Record<string, string | boolean | undefined>
try {
  values = parseArgs({
    options: {
      corpus: { type: 'string' },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'never-seen': { type: 'string', default: '1000' },
      'startup-runs': { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      against: { type: 'string' },
    },
  }).values
} catch (error) {
  fail((error as Error).message)
}
const seed = wholeNumber('seed', String(values.seed), 0)
const neverSeen = wholeNumber('never-seen', String(values['never-seen']), 1)
const startupRuns = wholeNumber('startup-runs', String(values['startup-runs']), 0)
if (values.corpus && values.sizes) fail('--corpus and --sizes do not go together')
const corpusDir = typeof values.corpus === 'string' ? values.corpus : configuredCorpusDir()
const out = (text: string) => process.stdout.write(`${text}\n`)

if (typeof values.against === 'string') {
  for (const line of await compareAgainst(values.against)) out(line)
} else if (values.json) {
  // A child of --sizes: one line of figures.
  out(JSON.stringify(await measureCorpus({ corpusDir, seed, neverSeen })))
} else if (typeof values.sizes === 'string') {
  const sizes = values.sizes.split(',').map((size) => wholeNumber('sizes', size.trim(), 1))
  const progress = (line: string) => process.stderr.write(`${line}\n`)
  progress(`bench: the project's corpus (${corpusDir}) first, for reference`)
  const figures: CorpusFigures[] = [await measureInChild(corpusDir, { seed, neverSeen })]
  figures.push(...(await measureSizes({ sizes, seed, neverSeen, progress })))
  out(scaleTable(figures))
  out('')
  for (const f of figures) out(details(f))
} else {
  const figures = await measureInChild(corpusDir, { seed, neverSeen })
  out(scaleTable([figures]))
  out('')
  out(details(figures))
  if (startupRuns > 0) {
    buildDist()
    out(startupLines(await measureStartup(corpusDir, startupRuns)))
  }
}
