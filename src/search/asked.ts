import type { KnownWords } from '../text/known-words.js'
import { fold } from '../text/normalize.js'
import type { AnalyzedToken } from './analyzer.js'

// Between « comment » and the verb of an instruction: « comment on fait pour exporter », « comment se former ».
const HOW_TO_FILLERS = new Set([
  'on',
  'je',
  'faire',
  'fait',
  'fais',
  'pour',
  'se',
  'le',
  'la',
  'les',
  'en',
  'y',
  'bien',
])

const BEST = /^(?:meilleure?s?|pire|pires|best|worst)$/
const RANKING = /^(?:classement|classements|palmarès|palmares|ranking)$/

/**
 * What kind of answer a question asks for, in one pass over its own words (`isContext` tells the others):
 * instructions (« comment exporter en 4K ? », « how do I install… », which an article about a trade rarely
 * gives; « comment l'IA change-t-elle le montage ? » asks about its subject), a count (« combien »,
 * « how many »), or the best or worst of something (« le meilleur film », « the best tool »: an award, a
 * ranking or a recommendation, which an article about what AI changes in jobs does not give). A verb is
 * told by the dictionaries: a French word that is not a noun, ending as an infinitive does.
 */
export function asked(
  tokens: readonly AnalyzedToken[],
  isContext: (index: number) => boolean,
  knownWords: KnownWords,
): { howTo: boolean; count: boolean; best: boolean } {
  let howTo = false
  let count = false
  let best = false
  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as AnalyzedToken).surface.toLowerCase()
    // « top 10 des films… », « le classement des… »: a ranking too.
    const ranking =
      BEST.test(word) || RANKING.test(word) || (word === 'top' && /^\d+$/.test(tokens[i + 1]?.surface ?? ''))
    if (ranking && !isContext(i)) best = true
    if (word !== 'comment' && word !== 'combien' && word !== 'how') continue
    if (isContext(i)) continue
    const next = fold(tokens[i + 1]?.surface ?? '')
    if (word === 'combien') count = true
    else if (word === 'how') {
      if (next === 'many' || next === 'much') count = true
      if (next === 'to' || next === 'do' || next === 'can') howTo = true
    } else {
      let k = i + 1
      while (k < tokens.length && HOW_TO_FILLERS.has(fold((tokens[k] as AnalyzedToken).surface))) k++
      const verb = fold(tokens[k]?.surface ?? '').replace(/^(?:s|l|m|t)'/, '')
      if (/(?:er|ir|re)$/.test(verb) && knownWords.kind?.(verb) === 'french') howTo = true
    }
  }
  return { howTo, count, best }
}
