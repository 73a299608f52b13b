import { fold } from '../text/normalize.js'
import { findQuotations, resolveSpeaker, splitSentences } from './sentences.js'
import type { CorpusDocument, CorpusRecord } from './types.js'

export const PASSAGE_TARGET_LENGTH = 350
export const PASSAGE_MAX_SENTENCES = 3

/**
 * Cuts a document into records: passages of 1–3 whole sentences (aiming at ≤ 350 characters, never across
 * a paragraph or a section) and, for every sentence that carries a quotation, a quote record with its
 * speaker. Each sentence lands in exactly one record, verbatim.
 */
export function chunkDocument(document: CorpusDocument): CorpusRecord[] {
  const records: CorpusRecord[] = []
  let passages = 0
  let quotes = 0
  const documentId = document.meta.id

  for (const section of document.sections) {
    const job =
      section.exposure !== undefined
        ? { name: section.path.at(-1) ?? document.meta.title, jobs: section.jobs, exposure: section.exposure }
        : undefined
    const base = { documentId, section: section.path, ...(job ? { job } : {}) }

    for (const paragraph of section.paragraphs) {
      let pending: string[] = []
      let previousSpeaker: string | undefined
      let seen = ''
      const flush = () => {
        if (pending.length === 0) return
        passages++
        const joined = pending.join(' ')
        // The same characters taken from the paragraph share its memory instead of holding a copy of them.
        const at = paragraph.indexOf(joined)
        const text = at === -1 ? joined : paragraph.slice(at, at + joined.length)
        records.push(newRecord(base, `${documentId}#p${passages}`, 'passage', text, records.length))
        pending = []
      }
      for (const sentence of splitSentences(paragraph)) {
        const quotation = findQuotations(sentence)[0]
        if (quotation) {
          flush()
          const speaker = resolveSpeaker(sentence, quotation, previousSpeaker, seen)
          previousSpeaker = speaker ?? previousSpeaker
          quotes++
          records.push(
            newRecord(
              base,
              `${documentId}#q${quotes}`,
              'quote',
              sentence,
              records.length,
              quotation.text,
              speaker,
            ),
          )
        } else {
          const length = pending.reduce((sum, s) => sum + s.length + 1, 0) + sentence.length
          if (
            pending.length >= PASSAGE_MAX_SENTENCES ||
            (pending.length > 0 && length > PASSAGE_TARGET_LENGTH)
          )
            flush()
          pending.push(sentence)
        }
        seen += `${sentence} `
      }
      flush()
    }
  }
  const contact = contactText(document.meta.footer)
  if (contact) {
    const section = [`Coordonnées de ${document.meta.publisher}`]
    const id = `${documentId}#p${passages + 1}`
    const record = newRecord({ documentId, section }, id, 'passage', contact, records.length)
    record.contact = true
    records.push(record)
  }
  return records
}

// A copyright line or a legal notice says nothing anyone asks about.
const NOT_CONTACT = /copyright|©|mentions légales|tous droits réservés|all rights reserved/i

/**
 * The publisher's footer (address, opening hours, telephone), as one passage of its own: people ask where
 * the lab is and when it opens, and the page says so. Its lines verbatim, never mixed into the article's
 * passages; the copyright line left out.
 */
function contactText(footer: readonly string[]): string | undefined {
  const lines = footer.map((line) => line.trim()).filter((line) => line !== '' && !NOT_CONTACT.test(line))
  return lines.length > 0 ? lines.join(' ') : undefined
}

/**
 * A record, its keys always added in the same order: V8 then gives all records a handful of shapes, where
 * object spreads gave each record shapes of its own (about 15 MB at 1,000 documents).
 */
function newRecord(
  base: Pick<CorpusRecord, 'documentId' | 'section' | 'job'>,
  id: string,
  kind: CorpusRecord['kind'],
  text: string,
  ordinal: number,
  quote?: string,
  speaker?: string,
): CorpusRecord {
  const record = { documentId: base.documentId, section: base.section } as CorpusRecord
  if (base.job) record.job = base.job
  record.id = id
  record.kind = kind
  record.text = text
  if (quote !== undefined) record.quote = quote
  if (speaker) record.speaker = speaker
  record.ordinal = ordinal
  return record
}

// Capitalised words in a row (« Stranger Things », « Writers Guild of America »): one name.
const NAME_RUN = /\p{Lu}[\p{L}\p{N}'’.+]*(?:\s+(?:(?:of|the|de|du|des)\s+)?\p{Lu}[\p{L}\p{N}'’.+]*)+/gu

// Capitalised only because they open the sentence or the name: « Les », « En », « Chez Netflix ».
const LEADING = /^(?:les?|la|l|en|au|aux|chez|un|une|des|du|de|the|a|an|pour|selon|dans|sur|avec|comme)$/i

// Stepped with exec from lastIndex 0: one regex object, no iterator per sentence.
const WORD = /[\p{L}][\p{L}\p{N}]*/gu
const CAPITAL = /^\p{Lu}/u
const OPENS_QUOTE = /[«"“:]\s*$/

/** The words of a run that belong to the name: leading articles and « L’affaire » (lower case after the elision) dropped. */
function nameWords(run: string): string[] {
  const words = run.replace(/[.]+$/, '').split(/\s+/)
  while (words.length > 0) {
    const first = words[0] as string
    const elided = /^[\p{L}]['’](.*)$/u.exec(first)
    if (LEADING.test(first) || (elided && !/^\p{Lu}/u.test(elided[1] as string))) words.shift()
    else break
  }
  return words
}

export interface Lexicon {
  properNames: Set<string>
  properPhrases: Set<string>
  agentNouns: Set<string>
}

/**
 * Words the analyzer needs to learn from the corpus: proper names, names of several words, and attested
 * masculine agent nouns.
 */
export function collectLexicon(records: CorpusRecord[]): Lexicon {
  const collector = new LexiconCollector()
  for (const record of records) collector.add(record)
  return collector.result()
}

/** What the lexicon needs of a word as written, worked out once per distinct written form. */
interface WrittenWord {
  folded: string
  capital: boolean
}

/** collectLexicon one record at a time, so that a build can share the event loop between records. */
export class LexiconCollector {
  private readonly properPhrases = new Set<string>()
  private readonly capitalised = new Set<string>()
  private readonly lowercase = new Set<string>()
  private readonly agentNouns = new Set<string>()
  /**
   * Each written form met so far: a corpus repeats its words, and folding, the capital test and the agent
   * noun test cost more than one lookup (once per distinct word, not per occurrence).
   */
  private readonly written = new Map<string, WrittenWord>()

  add(record: CorpusRecord): void {
    for (const sentence of splitSentences(record.text)) {
      for (const run of sentence.matchAll(NAME_RUN)) {
        const name = nameWords(run[0])
        if (name.length >= 2) this.properPhrases.add(name.join(' '))
      }
      let index = 0
      WORD.lastIndex = 0
      for (let match = WORD.exec(sentence); match !== null; match = WORD.exec(sentence)) {
        const word = match[0]
        const seen = this.written.get(word) ?? this.firstSight(word)
        // The first word of a sentence or of a quotation is capitalised whatever it is.
        if (
          seen.capital &&
          index > 0 &&
          !this.capitalised.has(seen.folded) &&
          !OPENS_QUOTE.test(sentence.slice(0, sentence.indexOf(word)))
        )
          this.capitalised.add(seen.folded)
        index++
      }
    }
  }

  private firstSight(word: string): WrittenWord {
    const folded = fold(word)
    const seen = { folded, capital: CAPITAL.test(word) }
    this.written.set(word, seen)
    if (!seen.capital) this.lowercase.add(folded)
    if (/eurs?$/.test(folded) && folded.length > 4) this.agentNouns.add(folded.replace(/s$/, ''))
    return seen
  }

  result(): Lexicon {
    const properNames = new Set([...this.capitalised].filter((w) => !this.lowercase.has(w) && w.length > 2))
    return { properNames, properPhrases: this.properPhrases, agentNouns: this.agentNouns }
  }
}
