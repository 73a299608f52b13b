import type { IntentCues } from '../corpus/types.js'
import { fold, normalizeText } from '../text/normalize.js'
import type { AnalyzedToken } from './analyzer.js'
import { clauseEnd, selfJob } from './self-intro.js'

/**
 * How a question is framed, as opposed to what it is about. People write « Salut ! je commence lundi comme
 * assistante monteuse, en gros mon poste va-t-il disparaître ? »: the greeting, « je commence lundi comme »
 * and « en gros » say nothing of the topic and must not count against it, while « monteuse » says who asks.
 */

/** What the question asks for beyond its topic words. */
export interface Intent {
  /** A quotation is wanted (« une citation », « ce qu'a dit le CNC », « what did X say »). */
  quote: boolean
  /** Positions of the tokens naming the asker's own job (« je suis monteuse »), if the question says so. */
  self: number[]
  /** The question asks which jobs (« quels métiers… »): the job map belongs in the answer. */
  jobs: boolean
  /**
   * The question is about the team's own affairs (« notre tournage », « chez nous », « cette semaine »):
   * no article can answer it.
   */
  local: boolean
  /** A price is asked (« combien coûte… »): only a passage that gives an amount answers it. */
  price: boolean
  /** A moment close to the asker is named (« demain », « ce week-end »): evidence of a practical question. */
  moment: boolean
  /** Instructions are asked (« comment exporter… ? », set by the question reader). */
  howTo?: boolean
  /** A count is asked (« combien de saisons… ? », set by the question reader); a price is `price`. */
  count?: boolean
  /** The best or the worst of something is asked (« le meilleur film de 2023 », set by the question reader). */
  best?: boolean
}

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/

/** A word as framing lists compare it: folded, elision and inverted subject removed. */
export function framingKey(surface: string): string {
  return fold(surface)
    .replace(ELISION, '')
    .replace(/(?:-t)?-(?:il|ils|elle|elles|on|je|tu|nous|vous|ce)$/, '')
}

/** Word sequences, read the way framingKey reads a question's words, by first word, longest first. */
type PhraseIndex = Map<string, string[][]>

function phrases(list: readonly string[]): PhraseIndex {
  const index: PhraseIndex = new Map()
  const sequences = list
    .map((entry) =>
      [...normalizeText(entry).matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu)].map((m) => m[0]),
    )
    .map((words) => words.flatMap((w) => framingKey(w).split('-')).filter(Boolean))
    .filter((words) => words.length > 0)
    .sort((a, b) => b.length - a.length)
  for (const words of sequences) {
    const first = words[0] as string
    index.set(first, [...(index.get(first) ?? []), words])
  }
  return index
}

export class FramingReader {
  private readonly framing: PhraseIndex
  private readonly quote: PhraseIndex
  private readonly self: PhraseIndex
  private readonly jobs: PhraseIndex
  private readonly local: PhraseIndex
  private readonly price: PhraseIndex
  private readonly pay: PhraseIndex
  private readonly moment: PhraseIndex
  private readonly when: PhraseIndex
  /** Every word that opens a phrase of any list: most words open none, and are passed over at once. */
  private readonly opening: Set<string>

  constructor(framing: readonly string[], cues: IntentCues) {
    this.framing = phrases(framing)
    this.quote = phrases(cues.quote)
    this.self = phrases(cues.self)
    this.jobs = phrases(cues.jobs)
    this.local = phrases(cues.local)
    this.price = phrases(cues.price)
    this.pay = phrases(cues.pay)
    this.moment = phrases(cues.moment)
    this.when = phrases(cues.when)
    this.opening = new Set(
      [
        this.framing,
        this.quote,
        this.self,
        this.jobs,
        this.local,
        this.price,
        this.pay,
        this.moment,
        this.when,
      ].flatMap((index) => [...index.keys()]),
    )
  }

  /**
   * Marks the tokens that only frame the question (they are left out of its terms) and reads its intent.
   * `text` is the string the tokens' offsets point into: punctuation between two words ends a clause.
   */
  read(
    text: string,
    tokens: AnalyzedToken[],
  ): {
    framing: Set<number>
    intent: Intent
    localAt: number[]
    momentAt: number[]
    whenAt: number[]
    payAt: number[]
  } {
    const keys = tokens.map((t) => framingKey(t.surface))
    const framing = new Set<number>()
    const intent: Intent = { quote: false, self: [], jobs: false, local: false, price: false, moment: false }
    const localAt: number[] = []
    const momentAt: number[] = []
    const whenAt: number[] = []
    const payAt: number[] = []
    // « je commence la semaine prochaine comme… »: a date inside the asker's introduction says when they
    // start, not that the question is about the team's own week.
    let introductionEnd = -1
    for (let i = 0; i < tokens.length; i++) {
      if (!this.opening.has(keys[i] as string)) continue
      const quote = this.matchAt(this.quote, keys, i)
      if (quote > 0) {
        intent.quote = true
        for (let k = i; k < i + quote; k++) framing.add(k)
        i += quote - 1
        continue
      }
      const self = this.matchAt(this.self, keys, i)
      if (self > 0) {
        introductionEnd = clauseEnd(text, tokens, i)
        for (let k = i; k < i + self; k++) framing.add(k)
        intent.self.push(
          ...selfJob(text, tokens, keys, i + self, framing, (k) => this.matchAt(this.framing, keys, k)),
        )
        i += self - 1
        continue
      }
      if (this.matchAt(this.jobs, keys, i) > 0) intent.jobs = true
      const local = this.matchAt(this.local, keys, i)
      if (local > 0) {
        if (i >= introductionEnd) {
          intent.local = true
          localAt.push(i)
        }
        for (let k = i; k < i + local; k++) framing.add(k)
        i += local - 1
        continue
      }
      const price = this.matchAt(this.price, keys, i)
      if (price > 0) {
        intent.price = true
        for (let k = i; k < i + price; k++) framing.add(k)
        i += price - 1
        continue
      }
      const moment = this.matchAt(this.moment, keys, i)
      if (moment > 0) {
        if (i >= introductionEnd) momentAt.push(i)
        for (let k = i; k < i + moment; k++) framing.add(k)
        i += moment - 1
        continue
      }
      if (this.matchAt(this.when, keys, i) > 0) whenAt.push(i)
      if (this.matchAt(this.pay, keys, i) > 0) payAt.push(i)
      const frame = this.matchAt(this.framing, keys, i)
      // « bon marché », « nouveaux métiers »: a word of a thesaurus phrase is the phrase's, not framing.
      if (frame > 0 && !tokens.slice(i, i + frame).some((t) => t.inPhrase)) {
        for (let k = i; k < i + frame; k++) framing.add(k)
        i += frame - 1
      }
    }
    intent.moment = momentAt.length > 0
    return { framing, intent, localAt, momentAt, whenAt, payAt }
  }

  /** Length of the longest phrase of `list` starting at token `i` (0 when none does). */
  private matchAt(index: PhraseIndex, keys: string[], i: number): number {
    for (const phrase of index.get(keys[i] as string) ?? []) {
      if (i + phrase.length > keys.length) continue
      if (phrase.every((word, k) => keys[i + k] === word)) return phrase.length
    }
    return 0
  }
}
