import type { AnalyzedToken } from './analyzer.js'

/**
 * The asker's own job in « je suis monteuse », « je commence lundi comme assistante », « je suis Léa,
 * stagiaire storyboardeuse » (framing.ts finds the opening; this reads what follows it).
 */

// Where the asker's job ends: punctuation between words, or a word that starts another clause.
const CLAUSE_END = new Set([
  'et',
  'mais',
  'donc',
  'qui',
  'que',
  'est',
  'ce',
  'c',
  'depuis',
  'and',
  'but',
  'so',
  'is',
  'will',
  'can',
  'do',
  'does',
  'what',
  'how',
])
// Words between the cue and the job (« je suis nouvelle comme … », « I'm a new … »).
const SELF_FILLERS = new Set([
  'nouveau',
  'nouvelle',
  'nouvel',
  'un',
  'une',
  'le',
  'la',
  'les',
  'comme',
  'en',
  'au',
  'aux',
  'a',
  'dans',
  'chez',
  'cote',
  'the',
  'an',
  'as',
  'new',
  'in',
  'on',
])
// After the job (« cascadeur sur le tournage », « monteuse dans une petite boîte »): where, not who.
const AFTER_JOB = new Set(['sur', 'dans', 'chez', 'pour', 'avec', 'depuis', 'at', 'for', 'with', 'on', 'in'])
const MAX_SELF_WORDS = 4

/** The words after « je suis / je commence comme… » that name a job, up to the end of the clause. */
export function selfJob(
  text: string,
  tokens: AnalyzedToken[],
  keys: string[],
  from: number,
  framing: Set<number>,
  /** The length of the framing phrase at a token (0 when none starts there). */
  framingAt: (index: number) => number,
): number[] {
  const job: number[] = []
  let start = from
  // « je suis Léa, stagiaire storyboardeuse »: a capitalised word set off by a comma is the asker's first
  // name (framing, never a name the article lacks); the job follows it.
  const first = tokens[from]
  const next = tokens[from + 1]
  if (
    first &&
    /^\p{Lu}\p{Ll}/u.test(first.surface) &&
    next &&
    /^\s*,/.test(text.slice(first.end, next.start))
  ) {
    framing.add(from)
    start = from + 1
  }
  for (let k = start; k < tokens.length && job.length < MAX_SELF_WORDS; k++) {
    const previous = tokens[k - 1]
    const token = tokens[k] as AnalyzedToken
    if (k > start && previous && /[,.;:!?()]/.test(text.slice(previous.end, token.start))) break
    const key = keys[k] as string
    if (CLAUSE_END.has(key) || (job.length > 0 && AFTER_JOB.has(key))) break
    const frame = framingAt(k)
    if (job.length === 0 && (SELF_FILLERS.has(key) || frame > 0)) {
      framing.add(k)
      continue
    }
    if (frame > 0) break
    if (token.terms.length > 0) job.push(k)
  }
  return job
}

/** Index of the first token after the clause that token `from` is in (punctuation ends a clause). */
export function clauseEnd(text: string, tokens: AnalyzedToken[], from: number): number {
  for (let k = from + 1; k < tokens.length; k++) {
    const previous = tokens[k - 1] as AnalyzedToken
    if (/[,.;:!?()\n]/.test(text.slice(previous.end, (tokens[k] as AnalyzedToken).start))) return k
  }
  return tokens.length
}
