/** What `npm run card` is asked for, and which quote a QUOTE_ID or THEME names. */
import type { CardFormat } from '../../cards/layout.js'
import type { CorpusRecord } from '../../corpus/types.js'
import type { SearchEngine } from '../../search/engine.js'

export const USAGE =
  'usage: npm run card -- QUOTE_ID|THEME [--square] [-o file.png]   (or --docs, or --bench)'

/** The cards in docs/cards/: a short quote, a long one (smaller type) and a square one. */
export const DOC_CARDS: Array<{ quote: string; format: CardFormat; file: string }> = [
  { quote: 'q3', format: 'landscape', file: 'restaurateur.png' },
  { quote: 'q6', format: 'landscape', file: 'cnc.png' },
  { quote: 'q15', format: 'square', file: 'miyazaki-carre.png' },
]

export class CardUsageError extends Error {
  readonly code = 'USAGE'
}

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND'
}

export type CardOptions =
  | { mode: 'card'; target: string; format: CardFormat; output?: string }
  | { mode: 'docs' }
  | { mode: 'bench' }
  /** --help or -h: the usage line on stdout, exit 0. */
  | { mode: 'help' }

export function parseCardArguments(argv: string[]): CardOptions {
  let format: CardFormat = 'landscape'
  let output: string | undefined
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return { mode: 'help' }
    if (arg === '--docs' || arg === '--bench') return { mode: arg === '--docs' ? 'docs' : 'bench' }
    if (arg === '--square') format = 'square'
    else if (arg === '-o' || arg === '--output') {
      output = argv[++i]
      if (!output) throw new CardUsageError(`${arg} needs a file name`)
    } else if (arg === '--') continue
    else if (arg.startsWith('-') && arg.length > 1) throw new CardUsageError(`unknown option ${arg}`)
    else words.push(arg)
  }
  const target = words.join(' ').trim()
  if (target === '') throw new CardUsageError('missing QUOTE_ID or THEME')
  return { mode: 'card', target, format, ...(output ? { output } : {}) }
}

/** A quote by id (whole, or `q3` in any document), else the quote that best matches the words as a theme. */
export function findQuote(engine: SearchEngine, target: string): CorpusRecord {
  const quotes = [...engine.records.values()].filter((record) => record.kind === 'quote')
  const short = target.replace(/^#/, '')
  const byId = quotes.find((record) => record.id === target || record.id.endsWith(`#${short}`))
  if (byId) return byId
  if (engine.records.has(target)) throw new NotFoundError(`${target} is a passage, not a quote`)
  const best = engine.search(target, { kind: 'quote', limit: 1 }).hits[0]?.record
  if (!best) {
    const ids = quotes.map((record) => record.id.split('#')[1]).join(' ')
    throw new NotFoundError(`no quote about "${target}"; quote ids: ${ids}`)
  }
  return best
}
