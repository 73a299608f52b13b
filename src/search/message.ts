import type { ChatLine } from '../text/chat-markup.js'
import { fold, normalizeText } from '../text/normalize.js'

/**
 * Where the question is in a chat message. People paste several lines: a greeting, what their day is
 * like, a colleague's quoted words, then the question, then thanks. The question says what they want to
 * know; the rest is context: it may help find the passage (« je bosse sur la restau de vieux films… ça va
 * vite ? »), but words the article does not use there say nothing about whether the article can answer.
 */
export interface MessageParts {
  /** The message as one text (normalised, sentences in order, a line break between lines). */
  text: string
  /** Ranges of `text` that are context, not the question (sorted, not overlapping). */
  context: Array<[start: number, end: number]>
}

// A sentence ends at . ! ? … (several in a row) followed by a space; « Largo.ai » goes on.
const SENTENCE_END = /(?<=[.!?…])\s+/u
// How a question or a request starts, when it does not end with « ? » (folded, elision kept).
const ASKING_STARTS = [
  'pourquoi',
  'comment',
  'combien',
  'quel',
  'quels',
  'quelle',
  'quelles',
  'lequel',
  'laquelle',
  'qui',
  'quoi',
  'ou',
  'quand',
  'est-ce',
  "qu'est-ce",
  "c'est quoi",
  'c koi',
  'ya',
  "y'a",
  'y a',
  'il y a',
  'existe',
  'dis-moi',
  'dis moi',
  'dites-moi',
  'explique',
  'expliquez',
  'je cherche',
  'on cherche',
  'cherche',
  'il me faut',
  'il nous faut',
  "j'ai besoin",
  'besoin',
  'je voudrais',
  "j'aimerais",
  'on voudrait',
  'donne-moi',
  'donne moi',
  'donnez-moi',
  'trouve-moi',
  'montre-moi',
  'tu peux',
  'tu pourrais',
  'vous pouvez',
  'vous pourriez',
  'tu aurais',
  'vous auriez',
  "t'as",
  'tu as',
  'vous avez',
  'une citation',
  'citation',
  'what',
  'why',
  'how',
  'which',
  'who',
  'when',
  'where',
  'is',
  'are',
  'does',
  'do',
  'did',
  'can',
  'could',
  'will',
  'would',
  'should',
  'any',
  'need',
  'looking for',
  'tell me',
]
// A question of this many content words or fewer that opens by pointing back (« ça », « c'est »…) takes
// the sentence before it with it; a longer one says what it asks (« ça dit quoi le rapport de Bpifrance ? »).
const POINTING_BACK_WORDS = 2
// Openings that point back at what was just said.
const ANAPHORIC =
  /^(?:et |mais |du coup |alors |donc )?(?:ca|c'est|c'etait|cela|ceci|(?:il|elle)(?! parait| y a| faut)|ils|elles|ce|cette|ces|it|that|this|is it|so) /
// By first word: a sentence is compared only with the openings that start as it does.
const STARTS = new Map<string, string[]>()
for (const start of ASKING_STARTS) {
  const first = start.split(/[ -]/)[0] as string
  STARTS.set(first, [...(STARTS.get(first) ?? []), `${start} `])
}

/** True when a sentence asks something: it ends with « ? » or opens as a question or a request does. */
export function isAsking(sentence: string): boolean {
  if (/\?\s*$/.test(sentence)) return true
  const head = `${fold(sentence.trimStart().slice(0, 24))} `
  const first = /^[^ -]*/.exec(head)?.[0] ?? ''
  return STARTS.get(first)?.some((start) => head.startsWith(start)) ?? false
}

/**
 * The question and its context. The sentences that ask (a « ? », or a question's or a request's opening)
 * are the question; the others, and every quoted or code line, are context. A message where nothing asks is
 * all question, but for its quoted and code lines.
 */
export function splitMessage(
  lines: readonly ChatLine[],
  rewrite: (sentence: string) => string = (sentence) => sentence,
  contentWords: (sentence: string) => number = () => 0,
): MessageParts {
  const sentences: Array<{ text: string; own: boolean; asking: boolean; aside: boolean }> = []
  for (const line of lines) {
    const own = !line.quoted && !line.code
    for (const piece of normalizeText(line.text).split(SENTENCE_END).flatMap(asides)) {
      const text = rewrite(piece.trim())
      if (text === '') continue
      const aside = text.startsWith('(')
      const asking = own && isAsking(text)
      // « … ça va vite ? », « c'est lié à quel événement ? »: a short question that points back at the
      // sentence before it asks about what that sentence says (an aside in brackets is not what it means).
      const previous = sentences.findLast((sentence) => !sentence.aside)
      if (asking && previous?.own && ANAPHORIC.test(fold(text)) && contentWords(text) <= POINTING_BACK_WORDS)
        previous.asking = true
      sentences.push({ text, own, asking, aside })
    }
    // A line ends a sentence even without punctuation.
    const last = sentences.at(-1)
    if (last) last.text = last.text.endsWith('\n') ? last.text : `${last.text}\n`
  }
  const anyAsking = sentences.some((s) => s.asking)
  let text = ''
  const context: MessageParts['context'] = []
  for (const sentence of sentences) {
    const isQuestion = anyAsking ? sentence.asking : sentence.own
    const piece = sentence.text.endsWith('\n') ? sentence.text : `${sentence.text} `
    if (!isQuestion) context.push([text.length, text.length + piece.length])
    text += piece
  }
  return { text: text.trimEnd(), context }
}

// « (oui c'est notre planning actuel 😂) ils font quoi avec l'IA ? »: an aside in brackets is context
// unless it asks something itself.
const ASIDE = /\(([^()]{1,300})\)/g

/** A sentence with its bracketed asides set apart, in order. */
function asides(sentence: string): string[] {
  if (!sentence.includes('(')) return [sentence]
  const pieces: string[] = []
  let cursor = 0
  for (const match of sentence.matchAll(ASIDE)) {
    pieces.push(sentence.slice(cursor, match.index), `(${match[1]})`)
    cursor = match.index + match[0].length
  }
  pieces.push(sentence.slice(cursor))
  return pieces.filter((piece) => piece.trim() !== '')
}

/** Whether the offset `at` of MessageParts.text lies in its context. */
export function inContext(parts: MessageParts, at: number): boolean {
  for (const [start, end] of parts.context) {
    if (at < start) return false
    if (at < end) return true
  }
  return false
}
