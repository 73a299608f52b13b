import type { CorpusRecord } from '../corpus/types.js'
import { comparable } from '../text/normalize.js'

/**
 * How a questions file names a passage: a few of its words that no other passage of the document contains
 * (the loader attaches an entry to every passage containing its words, src/corpus/questions.ts).
 */

const MIN_WORDS = 4
const MAX_WORDS = 14
const MIN_CHARS = 12

/** The records of the document that an entry's `passage` words select, as the loader selects them. */
export function recordsNamedBy(words: string, siblings: readonly CorpusRecord[]): CorpusRecord[] {
  const wanted = comparable(words)
  return siblings.filter((r) => comparable(r.text).includes(wanted))
}

/**
 * The shortest run of the passage's words (from its start when possible) that selects it alone among the
 * records of its document; the whole text when no shorter run does (a sentence repeated word for word).
 */
export function distinctWords(record: CorpusRecord, siblings: readonly CorpusRecord[]): string {
  const words = record.text.split(/\s+/).filter(Boolean)
  const wordy = (word: string | undefined) => word !== undefined && /[\p{L}\p{N}]/u.test(word)
  for (let start = 0; start < words.length; start++) {
    // A run starts and ends on a word, not on a quotation mark or a dash.
    if (!wordy(words[start])) continue
    for (let length = MIN_WORDS; length <= MAX_WORDS && start + length <= words.length; length++) {
      const run = words.slice(start, start + length).join(' ')
      if (run.length < MIN_CHARS || !wordy(words[start + length - 1])) continue
      const named = recordsNamedBy(run, siblings)
      if (named.length === 1 && named[0]?.id === record.id) return run
    }
  }
  return record.text.replace(/\s+/g, ' ').trim()
}
