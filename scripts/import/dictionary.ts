/**
 * npm run dictionary:import — the words a French or English dictionary knows, for issue 9 item 3 (a word
 * that a dictionary knows is never "corrected" into a corpus word).
 *
 * Reads the Hunspell dictionaries of the Debian packages hunspell-fr-comprehensive (Grammalecte's "toutes
 * variantes": classical and 1990-reform spellings, MPL-2.0) and hunspell-en-us (SCOWL, its own permissive
 * licence), expands every entry to all its forms (scripts/import/hunspell.ts), keeps the forms the real
 * `hunspell` accepts, folds them like the analyzer (src/text/normalize.ts) and writes
 * lexicon/known-words.{fr,en}.br in the format src/text/known-words.ts reads (described in lexicon/README.md).
 * Elided forms ("l'émission", "qu'il") are left out: the analyzer removes the elision first.
 *
 * Needs: apt-get install hunspell hunspell-fr-comprehensive hunspell-en-us. Only this script does: the
 * project reads the committed files.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fold, normalizeText } from '../../src/text/normalize.js'
import { frontCode } from './front-code.js'
import { readHunspell } from './hunspell.js'
import { LEXICON_DIR, packageVersion, requireFile } from './sources.js'

const DICTIONARIES = [
  { language: 'fr', package: 'hunspell-fr-comprehensive', base: '/usr/share/hunspell/fr' },
  { language: 'en', package: 'hunspell-en-us', base: '/usr/share/hunspell/en_US' },
]
// The analyzer's words (src/search/analyzer.ts): letters and digits, inner apostrophes, dots, hyphens.
const WORD = /^[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*$/u

// Proper names of both dictionaries (« Lyon », « Spielberg »), written once at the end.
const names = new Set<string>()
const byKind = { nouns: new Set<string>(), 'nouns-also': new Set<string>() }
for (const dictionary of DICTIONARIES) {
  const aff = requireFile(`${dictionary.base}.aff`, dictionary.package)
  const dic = requireFile(`${dictionary.base}.dic`, dictionary.package)
  const hunspell = readHunspell(aff, dic)
  const forms = new Set<string>()
  // From the French dictionary's `po:` fields: the forms that are only common nouns (« chêne »), those
  // that are nouns and something else (« meuble » is also an adjective and a verb), proper names. The
  // English dictionary has no such fields: its capitalised entries are its names (« Spielberg »).
  const nounForms = new Set<string>()
  const otherForms = new Set<string>()
  const lowerForms = new Set<string>()
  for (const { form, prefixed, morph } of hunspell.forms()) {
    if (prefixed && form.includes("'")) continue
    forms.add(form)
    if (/^\p{Ll}/u.test(form)) lowerForms.add(form.toLowerCase())
    if (/\bpo:(?:npr|patr|prn)\b/.test(morph) || (dictionary.language === 'en' && /^\p{Lu}/u.test(form)))
      names.add(form)
    if (/\bpo:nom\b/.test(morph)) nounForms.add(form)
    if (/\bpo:(?!nom\b|npr\b|patr\b|prn\b)/.test(morph)) otherForms.add(form)
  }
  // « Mark » or « Bill » are English words too: only a name when no lower-case entry spells it.
  if (dictionary.language === 'en')
    for (const form of names) if (lowerForms.has(form.toLowerCase())) names.delete(form)
  for (const form of nounForms) byKind[otherForms.has(form) ? 'nouns-also' : 'nouns'].add(form)
  const rejected = rejectedBy(dictionary.base, forms)
  const folded = foldedForms(forms, rejected)
  const file = path.join(LEXICON_DIR, `known-words.${dictionary.language}.txt`)
  const encoded = frontCode(folded)
  writeFileSync(file, encoded)
  console.log(
    `${dictionary.package} ${packageVersion(dictionary.package)}: ${hunspell.entries} entries, ` +
      `${forms.size} forms (${rejected.size} refused by hunspell), ${folded.size} folded → ` +
      `${path.relative(process.cwd(), file)} (${encoded.length} bytes)`,
  )
  for (const form of rejected) names.delete(form)
  if (dictionary.language !== 'fr') continue
  for (const [kind, kindForms] of Object.entries(byKind)) {
    const kindFile = path.join(LEXICON_DIR, `${kind}.fr.txt`)
    const kindFolded = foldedForms(kindForms, rejected)
    const kindEncoded = frontCode(kindFolded)
    writeFileSync(kindFile, kindEncoded)
    console.log(
      `  ${kindFolded.size} ${kind} → ${path.relative(process.cwd(), kindFile)} (${kindEncoded.length} bytes)`,
    )
  }
}

const namesFile = path.join(LEXICON_DIR, 'names.txt')
const namesEncoded = frontCode(foldedForms(names, new Set()))
writeFileSync(namesFile, namesEncoded)
console.log(
  `names of both dictionaries → ${path.relative(process.cwd(), namesFile)} (${namesEncoded.length} bytes)`,
)

/** Forms as the analyzer sees them: NFKC ("1ʳᵉ" → "1re"), folded, and a word it would read whole. */
function foldedForms(forms: Iterable<string>, rejected: Set<string>): Set<string> {
  const folded = new Set<string>()
  for (const form of forms) {
    const word = fold(normalizeText(form))
    if (!rejected.has(form) && WORD.test(word)) folded.add(word)
  }
  return folded
}

/** The forms the real hunspell refuses (a check on the expansion: it should refuse almost none). */
function rejectedBy(base: string, forms: Set<string>): Set<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dictionary-import-'))
  try {
    const input = path.join(dir, 'forms.txt')
    writeFileSync(input, `${[...forms].join('\n')}\n`)
    const result = spawnSync('hunspell', ['-d', base, '-i', 'utf-8', '-l', input], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    })
    if (result.error || result.status !== 0) {
      throw new Error(`hunspell failed (apt-get install hunspell): ${result.error?.message ?? result.stderr}`)
    }
    return new Set(result.stdout.split('\n').filter(Boolean))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
