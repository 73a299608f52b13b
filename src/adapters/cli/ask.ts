/**
 * npm run --silent ask -- [--json] [--limit N] QUERY
 * npm run --silent ask -- [--json] [--limit N] -      (one query a line on stdin, one line out per line)
 *
 * A stable contract for scripts: JSON results carry each record's verbatim text, section and source.
 * Reads the corpus folder the bot reads (CORPUS_DIR, else the project's corpus/).
 */
import { type AnswerItem, attribution } from '../../answers/answer.js'
import { itemBody } from '../../answers/item-body.js'
import { toItem } from '../../answers/items.js'
import { configuredCorpusDir } from '../../bot/load-bot.js'
import { CorpusError } from '../../corpus/errors.js'
import { loadCorpus } from '../../corpus/load-corpus.js'
import { SearchEngine } from '../../search/engine.js'
import { stripControls } from '../../text/controls.js'
import { answerJson } from './answer-json.js'

const USAGE =
  'usage: npm run --silent ask -- [--json] [--limit N] QUERY   (or - to read one query a line from stdin)'
const MAX_LIMIT = 50

class UsageError extends Error {
  readonly code = 'USAGE'
}

interface Options {
  /** --help or -h: the usage line on stdout, exit 0. */
  help?: true
  json: boolean
  limit: number
  query: string
}

function parseArguments(argv: string[]): Options {
  let json = false
  let limit = 3
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return { help: true, json, limit, query: '' }
    if (arg === '--json') json = true
    else if (arg === '--limit') {
      const value = Number(argv[++i])
      if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
        throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`)
      limit = value
    } else if (arg.startsWith('--limit=')) {
      const value = Number(arg.slice('--limit='.length))
      if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
        throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`)
      limit = value
    } else if (arg === '--') continue
    else if (arg.startsWith('--') && arg.length > 2) throw new UsageError(`unknown option ${arg}`)
    else words.push(arg)
  }
  const query = words.join(' ').trim()
  // Nothing to ask: the usage line says it all.
  if (query === '') throw new UsageError('')
  return { json, limit, query }
}

function toText(query: string, engine: SearchEngine, limit: number): string {
  const outcome = engine.search(query, { limit })
  if (outcome.hits.length === 0) return `Rien trouvé pour « ${query} ».`
  return outcome.hits
    .map((hit, i) => {
      const item: AnswerItem = toItem(engine, hit.record, outcome.terms)
      // The bracketed section path names a run-in heading: the text after it starts at its first sentence.
      // A quote says who speaks, when its sentence does not (« …, insiste-t-il »).
      const speaker = attribution(item)
      return `${i + 1}. [${item.section.join(' › ')}] ${itemBody(item).text}${speaker ? ` — ${speaker}` : ''}\n   ${item.link}`
    })
    .join('\n')
}

/**
 * Lines as batch callers count them: split on "\n" only (an optional "\r" before it is dropped). readline
 * would also end a line at a lone "\r", and then print two answers for one input line.
 */
async function* inputLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  // Decoded by the stream, so that a character split across two chunks stays whole.
  input.setEncoding('utf8')
  let pending = ''
  for await (const chunk of input) {
    pending += String(chunk)
    let end = pending.indexOf('\n')
    while (end >= 0) {
      yield pending.slice(0, end).replace(/\r$/, '')
      pending = pending.slice(end + 1)
      end = pending.indexOf('\n')
    }
  }
  if (pending !== '') yield pending.replace(/\r$/, '')
}

async function main(): Promise<number> {
  let options: Options
  try {
    options = parseArguments(process.argv.slice(2))
  } catch (error) {
    if (error instanceof UsageError) {
      // One line, as for every bad setting: what is wrong, then how to call it.
      process.stderr.write(`${error.message ? `${error.message} — ` : ''}${USAGE}\n`)
      return 2
    }
    throw error
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const engine = SearchEngine.build(await loadCorpus(configuredCorpusDir()))
  if (options.query !== '-') {
    const out = options.json
      ? answerJson(options.query, engine, options.limit)
      : stripControls(toText(options.query, engine, options.limit))
    process.stdout.write(`${out}\n`)
    return 0
  }
  for await (const line of inputLines(process.stdin)) {
    // One line out per line in, whatever it holds: batch callers pair them by position.
    let out: string
    try {
      out = options.json
        ? answerJson(line, engine, options.limit)
        : stripControls(toText(line, engine, options.limit)).replace(/[\r\n\u2028\u2029]\s*/g, ' ')
    } catch {
      out = options.json ? JSON.stringify({ query: line, results: [], error: 'internal error' }) : 'Erreur.'
    }
    process.stdout.write(`${out}\n`)
  }
  return 0
}

// A reader that stops reading (`ask - | head -1`) is not an error of ours: stop there, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const message =
      error instanceof CorpusError
        ? error.message
        : `ask failed: ${error instanceof Error ? error.message : String(error)}`
    process.stderr.write(`${stripControls(message.split('\n')[0] ?? '')}\n`)
    process.exitCode = 1
  },
)
