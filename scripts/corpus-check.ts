/**
 * npm run corpus:check: validates the corpus folder the bot reads (CORPUS_DIR, default corpus/), indexes it
 * and runs the public eval questions on it. Run it after editing or adding a document; CI runs it too.
 */
import { runCorpusCheck } from './corpus-check/run.js'
import { runCorpusScript } from './corpus-script.js'

runCorpusScript('corpus:check', (io) => runCorpusCheck(io))
