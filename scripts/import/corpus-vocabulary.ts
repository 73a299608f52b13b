/**
 * The corpus vocabulary the import scripts keep entries for: the words of the documents (headings and
 * body, not front matter) and the terms of corpus/thesaurus.yaml, with the French dictionary's lemmas so
 * that "structure" (a thesaurus headword) finds "structures" (the article's form) and "permettre" finds
 * "permettent". The brief said "compare folded"; accents are kept instead (see `key`), folding only
 * decides which words the analyzer already finds (`covers`, `hasFolded`).
 */
import { stopwords as englishStopWords } from '@orama/stopwords/english'
import { stopwords as frenchStopWords } from '@orama/stopwords/french'
import { loadCorpus } from '../../src/corpus/load-corpus.js'
import { fold, normalizeText } from '../../src/text/normalize.js'
import { readHunspell } from './hunspell.js'
import { CORPUS_DIR } from './sources.js'

const CONTENT = /\bpo:(?:nom|adj|v[0-3]|npr|prn|patr|titr)/
// An article hardly says "tu foules" or "nous captions": without this, fouler (to sprain) would lead to
// the article's "foules" (crowds) and capter to its "captions" (an English thesaurus term).
const FIRST_OR_SECOND_PERSON = /\bpo:[12](?:sg|pl)\b/
const NOMINAL = /\bpo:(?:nom|adj)\b/
const CONJUGATED = /\bpo:(?:ipre|iimp|ipsi|ifut|cond|spre|simp|impe)\b/
// As the analyzer reads words (src/search/analyzer.ts): inner apostrophes, dots and hyphens, elisions.
const WORD = /[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(.+)$/

export interface CorpusVocabulary {
  /**
   * The corpus form (lower case, as written) a word or phrase leads to: itself (accents compared), or
   * the form the corpus uses most of the lemma it names ("structure" → "structures").
   */
  formOf(text: string): string | undefined
  /** Whether this word or phrase, folded, is one of the corpus's (no lemmas: for other languages' words). */
  hasFolded(text: string): boolean
  /** Whether the analyzer finds this word without help: a corpus form, or an inflection of a corpus lemma. */
  covers(text: string): boolean
  /**
   * Whether a corpus form can carry a topic: a noun, adjective, verb or name for the French dictionary,
   * or a word it does not know ("storyboard"); not an adverb, preposition, pronoun or determiner alone.
   */
  isContent(form: string): boolean
  /** How often the corpus uses this form (thesaurus-only terms count 1). */
  count(form: string): number
  /** Stop words (Orama's French and English lists) and the thesaurus's `ignore` words, folded. */
  stopWords: Set<string>
  size: number
}

const STOP_WORDS = [...frenchStopWords, ...englishStopWords]

/**
 * Sources and corpus are compared with their accents: folded, "usagé" (worn) would lead to the article's
 * "usage", "postés" to its "postes" and French "résilient" to the thesaurus's English "resilient".
 */
function key(text: string): string {
  return normalizeText(text).toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae')
}

/** Words of a text, lower case, elisions removed; hyphenated words also give their parts. */
export function words(text: string): string[] {
  const out: string[] = []
  for (const [match] of normalizeText(text).toLowerCase().matchAll(WORD)) {
    const word = ELISION.exec(match)?.[1] ?? match
    out.push(word)
    if (word.includes('-')) out.push(...word.split('-'))
  }
  return out
}

/**
 * `frenchDictionary` (hunspell .aff/.dic base path) adds the lemmas of the corpus words and of `others`
 * (the words the caller will ask about): a synonym written as a lemma then leads to the form the corpus
 * uses, and an inflection of a corpus word is recognised as covered.
 */
export async function readCorpusVocabulary(
  frenchDictionary?: string,
  others: Iterable<string> = [],
): Promise<CorpusVocabulary> {
  const corpus = await loadCorpus(CORPUS_DIR)
  const counts = new Map<string, number>()
  const add = (form: string, n = 1) => counts.set(form, (counts.get(form) ?? 0) + n)
  for (const document of corpus.documents) {
    for (const section of document.sections) {
      for (const text of [...section.path, ...section.paragraphs]) for (const word of words(text)) add(word)
    }
  }
  for (const concept of corpus.thesaurus.concepts) {
    for (const term of concept.terms) {
      const lower = normalizeText(term).toLowerCase()
      if (!counts.has(lower)) add(lower)
    }
  }
  // Written forms by their accented key and by their folded one, the most frequent first.
  const byKey = new Map<string, string>()
  const byFold = new Map<string, string>()
  for (const [form] of [...counts].sort((a, b) => b[1] - a[1])) {
    if (!byKey.has(key(form))) byKey.set(key(form), form)
    if (!byFold.has(fold(form))) byFold.set(fold(form), form)
  }
  // Lemma → the corpus form of it the corpus uses most: all readings (does the analyzer find a word?) and
  // the likely ones only (where does a synonym lead?).
  const byLemma = new Map<string, string>()
  const byLikelyLemma = new Map<string, string>()
  const lemmas = new Map<string, Set<string>>()
  const likelyLemmas = new Map<string, Set<string>>()
  const content = new Map<string, boolean>()
  if (frenchDictionary) {
    const wanted = new Set([...byKey.keys(), ...[...others].map(key)])
    const analyses = new Map<string, Array<{ lemma: string; morph: string }>>()
    const dictionary = readHunspell(`${frenchDictionary}.aff`, `${frenchDictionary}.dic`)
    for (const { form, lemma, prefixed, morph } of dictionary.forms()) {
      const k = key(form)
      if (prefixed || !wanted.has(k)) continue
      analyses.set(k, [...(analyses.get(k) ?? []), { lemma: key(lemma), morph }])
      content.set(k, (content.get(k) ?? false) || CONTENT.test(morph))
    }
    for (const [k, readings] of analyses) {
      const nominal = (lemma: string) => readings.some((r) => r.lemma !== lemma && NOMINAL.test(r.morph))
      // "versions" is a noun before it is "nous versions" (verser): a conjugated reading of a word that is
      // also another lemma's noun or adjective does not make it a form of the verb.
      const likely = readings.filter(
        (r) => !FIRST_OR_SECOND_PERSON.test(r.morph) && !(CONJUGATED.test(r.morph) && nominal(r.lemma)),
      )
      lemmas.set(k, new Set(readings.map((r) => r.lemma)))
      likelyLemmas.set(k, new Set(likely.map((r) => r.lemma)))
    }
    for (const [k, form] of byKey) {
      for (const [from, to] of [
        [lemmas, byLemma],
        [likelyLemmas, byLikelyLemma],
      ] as const) {
        for (const lemma of from.get(k) ?? []) {
          const current = to.get(lemma)
          if (current === undefined || (counts.get(form) ?? 0) > (counts.get(current) ?? 0))
            to.set(lemma, form)
        }
      }
    }
  }
  return {
    formOf: (text) => byKey.get(key(text)) ?? byLikelyLemma.get(key(text)),
    hasFolded: (text) => byFold.has(fold(text)),
    covers: (text) =>
      byFold.has(fold(text)) ||
      byLemma.has(key(text)) ||
      [...(lemmas.get(key(text)) ?? [])].some((lemma) => byLemma.has(lemma)),
    isContent: (form) => content.get(key(form)) ?? true,
    count: (form) => counts.get(form) ?? 0,
    stopWords: new Set([...STOP_WORDS, ...corpus.thesaurus.ignore].map((w) => fold(normalizeText(w)))),
    size: byFold.size,
  }
}
