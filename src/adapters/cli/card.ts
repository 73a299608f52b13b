/**
 * npm run card -- QUOTE_ID|THEME [--square] [-o file.png]   a quote card as a PNG file (for a slide)
 * npm run card -- --docs                                    the cards shown in docs/cards/ and the README
 * npm run card -- --bench                                   how long a card takes, cold, warm and cached
 *
 * QUOTE_ID is a quote's id (`ia-emploi-cinema-audiovisuel#q3`, or just `q3`); anything else is a theme, and
 * the quote that best matches it is drawn.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { toItem } from '../../answers/items.js'
import { configuredCorpusDir, DEFAULT_CORPUS_DIR } from '../../bot/load-bot.js'
import { CARD_DIR } from '../../cards/card-dir.js'
import { CardRenderer } from '../../cards/card-renderer.js'
import { CardError } from '../../cards/errors.js'
import { CorpusError } from '../../corpus/errors.js'
import { loadCorpus } from '../../corpus/load-corpus.js'
import { SearchEngine } from '../../search/engine.js'
import { stripControls } from '../../text/controls.js'
import { benchCards } from './card-bench.js'
import {
  type CardOptions,
  CardUsageError,
  DOC_CARDS,
  findQuote,
  NotFoundError,
  parseCardArguments,
  USAGE,
} from './card-options.js'

const DOCS_DIR = fileURLToPath(new URL('../../../docs/cards/', import.meta.url))

async function main(): Promise<number> {
  let options: CardOptions
  try {
    options = parseCardArguments(process.argv.slice(2))
  } catch (error) {
    if (error instanceof CardUsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`)
      return 2
    }
    throw error
  }
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  // The cards of docs/cards/ are the article's; any other card comes from the corpus the bot reads.
  const corpusDir = options.mode === 'docs' ? DEFAULT_CORPUS_DIR : configuredCorpusDir()
  const engine = SearchEngine.build(await loadCorpus(corpusDir))
  const version = engine.corpus.version
  if (options.mode === 'bench') {
    await benchCards(engine, (line) => process.stdout.write(`${line}\n`))
    return 0
  }
  const renderer = new CardRenderer()
  const jobs =
    options.mode === 'docs'
      ? DOC_CARDS.map((doc) => ({ ...doc, output: path.join(DOCS_DIR, doc.file) }))
      : [{ quote: options.target, format: options.format, output: options.output }]
  for (const job of jobs) {
    const item = toItem(engine, findQuote(engine, job.quote))
    const card = await renderer.card(item, version, job.format)
    // Without -o, the temporary folder (as the console chat's « carte »), never the project's folder npm
    // runs scripts in; the path printed whole.
    const file = path.resolve(job.output ?? path.join(CARD_DIR, card.filename))
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, card.png)
    const whole = card.excerpt ? ` (excerpt; the whole quotation: ${item.link})` : ''
    process.stdout.write(`${file} (${card.width}×${card.height}): ${stripControls(card.alt)}${whole}\n`)
  }
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const known = error instanceof NotFoundError || error instanceof CorpusError || error instanceof CardError
    const message = error instanceof Error ? error.message : String(error)
    const line = (known ? message : `card failed: ${message}`).split('\n')[0]
    // The theme asked for is in the message: no control character of it reaches the terminal.
    process.stderr.write(`${stripControls(line ?? '')}\n`)
    process.exitCode = 1
  },
)
