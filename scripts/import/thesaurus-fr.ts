/**
 * npm run thesaurus:import [-- --max-synonyms 20] — corpus/synonyms.fr.yaml from LibreOffice's French
 * thesaurus (Debian mythes-fr: thes_fr.dat, LGPL-2.1-or-later), for issue 9 item 2: a French word a person
 * may type → the corpus words it can lead to. Only entries that lead to the corpus vocabulary are kept
 * (scripts/import/corpus-vocabulary.ts), and only words the analyzer would not find by itself are keys.
 *
 * mythes pools all the senses of a word in one long list (« monteur » → ajusteur, mécanicien…; « restaurateur »
 * is also the restaurant owner). The longer a word's list, the more senses it mixes, so a link between
 * two words is kept only when each has at most --max-synonyms distinct synonyms (20 by default: measured
 * on random samples, longer lists are mostly noise). Links go both ways (A lists B, or B lists A). Per key,
 * at most 4 values, the most specific first: the shorter list of the two words, then the word the corpus
 * uses least, then alphabetical.
 *
 * Needs: apt-get install mythes-fr hunspell-fr-comprehensive (the French dictionary gives lemmas: a
 * synonym « structure » leads to the article's « structures »).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fold } from '../../src/text/normalize.js'
import { readCorpusVocabulary } from './corpus-vocabulary.js'
import { CORPUS_DIR, packageVersion, requireFile, today } from './sources.js'
import { wordListYaml } from './word-list-yaml.js'

const MYTHES = '/usr/share/mythes/thes_fr.dat'
const DICTIONARY = '/usr/share/hunspell/fr'
const MAX_VALUES = 4
// Senses of these classes link function words ("à" → chez, dans, parmi): they never carry a topic.
const FUNCTION_SENSE = /^\((?:(?:Adverbe|Preposition|Pronom|Determinant|Conjonction|Interjection) ?)+\)$/

const { values: options } = parseArgs({ options: { 'max-synonyms': { type: 'string', default: '20' } } })
const maxSynonyms = Number(options['max-synonyms'])

const file = requireFile(MYTHES, 'mythes-fr')
const lines = readFileSync(file, 'utf8').split('\n')
// Word → its synonyms, both ways, without function-word senses.
const graph = new Map<string, Set<string>>()
const link = (a: string, b: string) => {
  if (a === b) return
  graph.set(a, (graph.get(a) ?? new Set()).add(b))
  graph.set(b, (graph.get(b) ?? new Set()).add(a))
}
let headwords = 0
for (let i = 1; i < lines.length; ) {
  const [head, count] = (lines[i++] ?? '').split('|')
  if (!head || count === undefined) continue
  headwords++
  for (let k = 0; k < Number(count); k++) {
    const [sense = '', ...synonyms] = (lines[i++] ?? '').split('|')
    if (FUNCTION_SENSE.test(sense)) continue
    for (const synonym of synonyms) if (synonym.trim()) link(head.toLowerCase(), synonym.trim().toLowerCase())
  }
}

const vocabulary = await readCorpusVocabulary(
  requireFile(`${DICTIONARY}.aff`, 'hunspell-fr-comprehensive').slice(0, -4),
  graph.keys(),
)
const letters = (text: string) => fold(text).replace(/[^a-z]/g, '').length
const usable = (text: string) => letters(text) >= 3 && !vocabulary.stopWords.has(fold(text))

// key → corpus form → the smallest "largest list" of a link between them (lower is more specific).
const links = new Map<string, Map<string, number>>()
for (const [word, synonyms] of graph) {
  const target = vocabulary.formOf(word)
  if (!target || !usable(target) || !vocabulary.isContent(target) || synonyms.size > maxSynonyms) continue
  for (const key of synonyms) {
    const spread = Math.max(synonyms.size, graph.get(key)?.size ?? Infinity)
    if (spread > maxSynonyms || !usable(key) || vocabulary.covers(key)) continue
    const targets = links.get(key) ?? new Map<string, number>()
    links.set(key, targets.set(target, Math.min(spread, targets.get(target) ?? Infinity)))
  }
}

const entries: Record<string, string[]> = {}
for (const key of [...links.keys()].sort((a, b) => a.localeCompare(b, 'fr'))) {
  const targets = [...(links.get(key) ?? [])].sort(
    ([a, spreadA], [b, spreadB]) =>
      spreadA - spreadB || vocabulary.count(a) - vocabulary.count(b) || a.localeCompare(b, 'fr'),
  )
  entries[key] = targets.slice(0, MAX_VALUES).map(([target]) => target)
}

const output = path.join(CORPUS_DIR, 'synonyms.fr.yaml')
const source = {
  name: 'Thésaurus français de LibreOffice (thes_fr.dat, paquet Debian mythes-fr)',
  package: `mythes-fr ${packageVersion('mythes-fr')}`,
  upstream: 'LibreOffice dictionaries, fr_FR/thes_fr.dat (https://git.libreoffice.org/dictionaries)',
  authors: 'Kevin Hendricks, Frederic Labbé, Laurent Godard (selon le fichier copyright Debian)',
  licence:
    'LGPL-2.1-or-later (copyright Debian de mythes-fr : « Files: dictionaries/fr_FR/thes_fr.dat … License: LGPL-2.1+ ») ; texte complet : lexicon/LICENSES/LGPL-2.1.txt',
  selection: `liens dont chaque mot a au plus ${maxSynonyms} synonymes ; au plus ${MAX_VALUES} cibles par clé`,
  lemmas: `hunspell-fr-comprehensive ${packageVersion('hunspell-fr-comprehensive')}`,
  generated: today(),
}
writeFileSync(output, wordListYaml('thesaurus:import', source, entries))
const kept = Object.keys(entries).length
console.log(
  `mythes-fr: ${headwords} headwords, ${graph.size} words; corpus vocabulary ${vocabulary.size}; ` +
    `${kept} keys, ${Object.values(entries).flat().length} links → ${path.relative(process.cwd(), output)}`,
)
