/**
 * Sentence splitting and quote attribution for French press text: « guillemets » and "straight quotes",
 * full stops inside a quotation never end the surrounding sentence.
 */

export interface Quotation {
  /** Offsets of the words inside the marks, in the sentence. */
  start: number
  end: number
  text: string
}

// Read by character code: the loop visits every character of the corpus, twice per build.
const isTerminator = (code: number) => code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026 // . ! ? …
const OPENING_QUOTES = new Set([0xab, 0x201c]) // « “
const CLOSING_QUOTES = new Set([0xbb, 0x201d]) // » ”
const STRAIGHT_QUOTE = 0x22
// What may start the next sentence: a capital, a digit, an opening quotation mark.
const SENTENCE_START = /[\p{Lu}\p{N}«"“]/u
// The word a full stop ends, when it abbreviates rather than ends: an initial (« S. Solé », « J.-P. Jeunet »,
// « M. Dupont ») or a title before a name (« Dr. », « Mme. »). Followed by a capital, it starts no sentence.
const ABBREVIATION = /(?:^|[^\p{L}\p{N}])(?:\p{Lu}|Dr|Pr|Me|Mgr|Mme|Mmes|Mlle|Mlles|MM|St|Ste)$/u

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = []
  let depth = 0
  let straightOpen = false
  let begin = 0
  for (let i = 0; i < paragraph.length; i++) {
    const code = paragraph.charCodeAt(i)
    if (OPENING_QUOTES.has(code)) depth++
    else if (CLOSING_QUOTES.has(code) && depth > 0) depth--
    else if (code === STRAIGHT_QUOTE) straightOpen = !straightOpen
    if (depth > 0 || straightOpen || !isTerminator(code)) continue
    // The sentence ends after the terminator and any closing marks that follow it.
    let end = i + 1
    while (end < paragraph.length && /[.!?…"»”)]/.test(paragraph[end] as string)) {
      const closing = paragraph[end] as string
      if (closing === '"') straightOpen = !straightOpen
      end++
    }
    let next = end
    while (next < paragraph.length && /\s/.test(paragraph[next] as string)) next++
    if (next === end && next < paragraph.length) continue // "Largo.ai": no space, not an end
    if (next < paragraph.length && !SENTENCE_START.test(paragraph[next] as string)) continue
    if (
      end === i + 1 &&
      code === 0x2e &&
      next < paragraph.length &&
      ABBREVIATION.test(paragraph.slice(begin, i))
    )
      continue
    const sentence = paragraph.slice(begin, end).trim()
    if (sentence) sentences.push(sentence)
    begin = next
    i = next - 1
  }
  const rest = paragraph.slice(begin).trim()
  if (rest) sentences.push(rest)
  return sentences
}

/** Quotations of at least `minWords` words in a sentence (shorter ones, like « IA low cost », are phrases). */
export function findQuotations(sentence: string, minWords = 4): Quotation[] {
  const found: Quotation[] = []
  const pattern = /«\s*([^«»]+?)\s*»|"([^"]+)"|“([^“”]+)”/g
  for (const match of sentence.matchAll(pattern)) {
    const inner = (match[1] ?? match[2] ?? match[3] ?? '').trim()
    if (inner.split(/\s+/).length < minWords) continue
    const start = match.index + match[0].indexOf(inner)
    found.push({ start, end: start + inner.length, text: inner })
  }
  return found
}

const SPEECH_VERBS =
  "explique|note|constate|analyse|confirme|insiste|rapporte|déplore|rappelle|estime|alerte|souligne|affirme|déclare|ajoute|conclut|précise|prévient|résume|observe|témoigne|reconnaît|indique|assure|se réjouit|s’inquiète|s'inquiète|regrette|avertit|dit"

// «…» , explique un restaurateur.   «…», insiste-t-il.   "…", avait-il déclaré dans un documentaire…
const AFTER = new RegExp(
  `^\\s*,?\\s*(?:(?:${SPEECH_VERBS})(?:-t-(?:il|elle))?|(?:${SPEECH_VERBS})-(?:il|elle)|(?:avait|a|aurait)-(?:t-)?(?:il|elle)\\s+\\p{L}+)\\s*(.*)$`,
  'u',
)
const PRONOUN_AFTER = /^\s*,?\s*[\p{L}’']+(?:-t)?-(?:il|elle)\b/u
// Le CNC prévient :   Comme le résume un producteur :
const BEFORE_COMME = new RegExp(
  `(?:^|[,.;]\\s*)Comme\\s+(?:le\\s+|l['’])?(?:${SPEECH_VERBS})\\s+(.+?)\\s*:\\s*$`,
  'u',
)
// An initial: « S. », « J.-P. ». A full stop after one is not the end of a clause.
const INITIAL = String.raw`\p{Lu}\.(?:-\p{Lu}\.)?`
const BEFORE_SUBJECT = new RegExp(
  `(?:^|[,;]\\s*|(?<!(?:^|[^\\p{L}])\\p{Lu})\\.\\s*)((?:${INITIAL}\\s*)?[^,.;:]+?)\\s+(?:${SPEECH_VERBS})\\s*:\\s*$`,
  'u',
)
// « Hayao Miyazaki », « S. Solé », « J.-P. Jeunet »: a name of two capitalised words, or an initial and one.
const NAMED_PERSON = new RegExp(
  `(?<![\\p{L}\\p{N}.-])((?:${INITIAL}\\s*|\\p{Lu}\\p{Ll}+\\s+)\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)*)`,
  'gu',
)

/**
 * Who says a quotation, as the article puts it. `previousSpeaker` resolves "insiste-t-il" and quotations
 * with no attribution; `context` (the paragraph before the sentence) supplies a named person for "il".
 */
export function resolveSpeaker(
  sentence: string,
  quotation: Quotation,
  previousSpeaker: string | undefined,
  context: string,
): string | undefined {
  const before = sentence.slice(0, quotation.start).replace(/[«"“]\s*$/, '')
  const after = sentence.slice(quotation.end).replace(/^\s*[»"”]/, '')

  const comme = BEFORE_COMME.exec(before)
  if (comme) return clean(comme[1])
  const subject = BEFORE_SUBJECT.exec(before)
  if (subject && !/\b(?:il|elle)$/.test(subject[1] ?? '')) {
    const candidate = clean(subject[1])
    if (candidate && candidate.split(/\s+/).length <= 5) return candidate
  }
  if (PRONOUN_AFTER.test(after)) return previousSpeaker ?? lastNamedPerson(context)
  const afterMatch = AFTER.exec(after)
  if (afterMatch) {
    const speaker = clean(afterMatch[1])
    if (speaker) return speaker
  }
  // "…, affirmant que « … »": the named person of the sentence itself.
  const named = lastNamedPerson(before)
  if (named) return named
  return previousSpeaker
}

function lastNamedPerson(text: string): string | undefined {
  const names = [...text.matchAll(NAMED_PERSON)].map((m) => m[1] as string)
  return names.filter((n) => !/^(?:Studio|Les?|La|En|Un|Une|Des)\s/.test(n)).at(-1)
}

function clean(text: string | undefined): string | undefined {
  const cleaned = (text ?? '').replace(/[.\s]+$/, '').trim()
  return cleaned.length > 0 ? cleaned : undefined
}
