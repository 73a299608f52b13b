/**
 * npm run corpus:add -- SOURCE [--url URL] [--title …] [--published YYYY-MM-DD] [--publisher …]
 * [--language fr] [--id NAME] [--timeout SECONDS] [--dry-run]: adds a web page, a PDF, a Markdown or a text
 * file to the corpus folder the bot reads (CORPUS_DIR, default corpus/). A running bot reloads it.
 */
import { runCorpusAdd } from './corpus-add/run.js'
import { runCorpusScript } from './corpus-script.js'

runCorpusScript('corpus:add', (io) => runCorpusAdd(process.argv.slice(2), io))
