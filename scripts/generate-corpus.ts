/**
 * npm run corpus:generate -- --documents N --out DIR [--seed S]: a synthetic corpus of N documents in the
 * project's format (the article's sentences reshuffled, own titles and URLs, the thesaurus copied), the
 * same files for the same seed. For measuring scale (npm run bench -- --corpus DIR); never for answering.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_CORPUS_DIR } from '../src/bot/load-bot.js'
import { GeneratorError, generateCorpus } from './bench/synthetic-corpus.js'

const USAGE = 'usage: npm run corpus:generate -- --documents N --out DIR [--seed S]'

async function main(): Promise<number> {
  let values: { documents?: string; out?: string; seed?: string }
  try {
    values = parseArgs({
      options: { documents: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
    }).values
  } catch (error) {
    process.stderr.write(`corpus:generate: ${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  if (!values.documents || !values.out) {
    process.stderr.write(`corpus:generate: --documents and --out are required\n${USAGE}\n`)
    return 2
  }
  const seed = Number(values.seed ?? '1')
  if (!Number.isInteger(seed) || seed < 0) {
    process.stderr.write('corpus:generate: --seed must be a whole number\n')
    return 2
  }
  try {
    const { files } = await generateCorpus({
      documents: Number(values.documents),
      out: values.out,
      seed,
      from: DEFAULT_CORPUS_DIR,
    })
    process.stdout.write(`corpus:generate: ${files} documents and the thesaurus written to ${values.out}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error
    process.stderr.write(`corpus:generate: ${error.message}\n`)
    return 2
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `corpus:generate: failed: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
    )
    process.exitCode = 1
  },
)
