/**
 * npm run glossary:import — corpus/glossary.en-fr.yaml from FreeDict's English–French dictionaries
 * (Debian dict-freedict-eng-fra and dict-freedict-fra-eng, GPL-2.0-or-later), for issue 9 item 6: an
 * English word or phrase → the corpus's French words it translates to, so that an English question finds
 * the passages its French equivalent finds.
 *
 * eng-fra gives English headword → French translations; fra-eng, read backwards, gives more (its French
 * headwords are often the article's words: « tournage » → "film set"). All numbered senses of an entry are
 * pooled (FreeDict's senses are short lists); multi-word headwords and translations are kept whole
 * ("film set", « metteur en scène ») and lead to the corpus only through a whole corpus word or thesaurus
 * phrase. A key is dropped when it is an English or French stop word, shorter than 3 letters, already a
 * corpus word or thesaurus term (the analyzer finds those itself: "film", "editor"), or a single word that
 * is also French (see isFrenchWord). Per key at most 4 targets: eng-fra's before fra-eng's, then in the
 * dictionary's order.
 *
 * Needs: apt-get install dict-freedict-eng-fra dict-freedict-fra-eng hunspell-fr-comprehensive (lemmas).
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { KNOWN_WORDS_FILES, readKnownWords } from '../../src/text/known-words.js'
import { fold } from '../../src/text/normalize.js'
import { readCorpusVocabulary } from './corpus-vocabulary.js'
import { readDictd } from './dictd.js'
import { CORPUS_DIR, packageVersion, requireFile, today } from './sources.js'
import { wordListYaml } from './word-list-yaml.js'

const MAX_VALUES = 4
const ENG_FRA = '/usr/share/dictd/freedict-eng-fra'
const FRA_ENG = '/usr/share/dictd/freedict-fra-eng'
requireFile(`${ENG_FRA}.index`, 'dict-freedict-eng-fra')
requireFile(`${FRA_ENG}.index`, 'dict-freedict-fra-eng')

const engFra = [...readDictd(ENG_FRA)]
const fraEng = [...readDictd(FRA_ENG)]
const frenchWords = [...engFra.flatMap((e) => e.translations), ...fraEng.map((e) => e.headword)]
const vocabulary = await readCorpusVocabulary(
  requireFile('/usr/share/hunspell/fr.dic', 'hunspell-fr-comprehensive').slice(0, -4),
  frenchWords,
)
const usable = (text: string) =>
  fold(text).replace(/[^a-z]/g, '').length >= 3 && !vocabulary.stopWords.has(fold(text))
// The glossary is read in every question, French ones first: an English key that is also a French word
// ("place", "second", "rage") would bring the English sense into French questions (« une place de
// cinéma » → "place" → mettre). Phrases ("film set") are not French words and stay.
const french = readKnownWords(KNOWN_WORDS_FILES.filter((file) => file.endsWith('.fr.txt')))
const isFrenchWord = (key: string) => !/[\s]/.test(key) && french.has(fold(key))

// English key → corpus form → rank (lower first): source, then position in the entry.
const links = new Map<string, Map<string, number>>()
const add = (english: string, french: string, rank: number) => {
  const key = english.toLowerCase()
  const target = vocabulary.formOf(french)
  if (!target || !usable(target) || !vocabulary.isContent(target)) return
  if (!usable(key) || vocabulary.hasFolded(key) || isFrenchWord(key)) return
  const targets = links.get(key) ?? new Map<string, number>()
  links.set(key, targets.set(target, Math.min(rank, targets.get(target) ?? Infinity)))
}
for (const { headword, translations } of engFra) {
  for (const [i, french] of translations.entries()) add(headword, french, i)
}
const fromEngFra = links.size
for (const { headword, translations } of fraEng) {
  for (const [i, english] of translations.entries()) add(english, headword, 1000 + i)
}

const entries: Record<string, string[]> = {}
for (const key of [...links.keys()].sort()) {
  const targets = [...(links.get(key) ?? [])].sort(
    ([a, rankA], [b, rankB]) => rankA - rankB || a.localeCompare(b),
  )
  entries[key] = targets.slice(0, MAX_VALUES).map(([target]) => target)
}

const output = path.join(CORPUS_DIR, 'glossary.en-fr.yaml')
const source = {
  name: 'FreeDict English–French 0.1.6 et French–English 0.4.1 (format dictd)',
  package: `dict-freedict-eng-fra ${packageVersion('dict-freedict-eng-fra')}, dict-freedict-fra-eng ${packageVersion('dict-freedict-fra-eng')}`,
  upstream: 'https://freedict.org/',
  authors:
    'eng-fra : « various authors » (Horst Eyermann, Michael Bunk, Piotr Bański, Sebastian Humenda…) ; fra-eng : Horst Eyermann, John Darrington, FreeDict project',
  licence:
    'GPL-2.0-or-later (« Available under the terms of the GNU General Public License ver. 2.0 and any later version. ») ; texte complet : lexicon/LICENSES/GPL-2.0.txt',
  lemmas: `hunspell-fr-comprehensive ${packageVersion('hunspell-fr-comprehensive')}`,
  generated: today(),
}
writeFileSync(output, wordListYaml('glossary:import', source, entries))
console.log(
  `FreeDict: eng-fra ${engFra.length} headwords, fra-eng ${fraEng.length}; ${fromEngFra} keys from eng-fra, ` +
    `${links.size} in all, ${Object.values(entries).flat().length} links → ${path.relative(process.cwd(), output)}`,
)
