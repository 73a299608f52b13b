import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Every form a French or English dictionary knows (Hunspell fr "toutes variantes" and en-US, expanded and
 * folded by `npm run dictionary:import`; provenance and licences in lexicon/README.md), so that the
 * spelling corrector never rewrites a real word ("remis", "masse") into a corpus word.
 */
export interface KnownWords {
  /** Whether a dictionary knows this word, given folded (src/text/normalize.ts `fold`). */
  has(folded: string): boolean
  /**
   * What the dictionaries say a folded word is: only a French common noun (« chêne »), a noun and
   * something else (« meuble », « grandes »), a proper name (« Lyon »), another French word (a verb, an
   * adjective, an adverb: « deviner »), an English word only, or nothing (not a word they know). Absent
   * where only `has` is known.
   */
  kind?(folded: string): WordKind | undefined
  readonly size: number
}

export type WordKind = 'noun' | 'noun-or-other' | 'name' | 'french' | 'english'

export class KnownWordsError extends Error {
  readonly code = 'KNOWN_WORDS_UNAVAILABLE'
  constructor(file: string, reason: string) {
    super(`${file}: ${reason} (npm run dictionary:import regenerates lexicon/)`)
    this.name = 'KnownWordsError'
  }
}

export const KNOWN_WORDS_FILES = ['known-words.fr.txt', 'known-words.en.txt'].map((name) =>
  fileURLToPath(new URL(`../../lexicon/${name}`, import.meta.url)),
)

/**
 * French forms the dictionary lists only as common nouns, as nouns and something else, and as proper
 * names of the French and English dictionaries (`npm run dictionary:import`).
 */
export const WORD_KIND_FILES = ['nouns.fr.txt', 'nouns-also.fr.txt', 'names.txt'].map((name) =>
  fileURLToPath(new URL(`../../lexicon/${name}`, import.meta.url)),
)

let loaded: KnownWords | undefined
const MAX_KINDS = 10_000

/** The dictionaries' words (about 600 000 forms) and their kinds, read once per process. */
export function loadKnownWords(): KnownWords {
  if (loaded) return loaded
  const [french, english] = KNOWN_WORDS_FILES.map((file) => readKnownWords([file])) as [
    KnownWords,
    KnownWords,
  ]
  const [nouns, nounsAlso, names] = WORD_KIND_FILES.map((file) => readKnownWords([file])) as [
    KnownWords,
    KnownWords,
    KnownWords,
  ]
  const kinds = new Map<string, WordKind | undefined>()
  loaded = {
    get size() {
      return french.size + english.size
    },
    // Every word a dictionary knows has a kind: one remembered lookup answers both.
    has(folded) {
      return this.kind?.(folded) !== undefined
    },
    kind(folded) {
      // Up to five lookups per word: remembered, questions repeat their words.
      if (kinds.has(folded)) return kinds.get(folded)
      const kind: WordKind | undefined = nouns.has(folded)
        ? 'noun'
        : nounsAlso.has(folded)
          ? 'noun-or-other'
          : names.has(folded)
            ? 'name'
            : french.has(folded)
              ? 'french'
              : english.has(folded)
                ? 'english'
                : undefined
      if (folded.length <= 64) {
        if (kinds.size >= MAX_KINDS) kinds.clear()
        kinds.set(folded, kind)
      }
      return kind
    },
  }
  return loaded
}

/** The words of the front-coded lists in `files` (format in lexicon/README.md); any of them may answer. */
export function readKnownWords(files: string[]): KnownWords {
  const lists = files.map((file) => {
    try {
      return new FrontCodedList(readFileSync(file))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new KnownWordsError(file, code === 'ENOENT' ? 'missing' : `unreadable (${code ?? error})`)
    }
  })
  const encoder = new TextEncoder()
  let query = new Uint8Array(64)
  return {
    get size() {
      return lists.reduce((sum, list) => sum + list.size, 0)
    },
    has(folded) {
      if (folded.length * 3 > query.length) query = new Uint8Array(folded.length * 3)
      const { written } = encoder.encodeInto(folded, query)
      return lists.some((list) => list.has(query, written))
    },
  }
}

const NEWLINE = 10
const ZERO = 0x30

/**
 * Sorted words, one per line, each line a character (0x30 + n: it shares n leading bytes with the previous
 * word) and its remaining bytes. The text is searched as it is: a binary search over the lines that spell
 * their word whole (one at least every 16 lines), then a scan of the block that follows. Loading costs a
 * file read and one pass of native `indexOf`; a Set of 600 000 strings took seconds and ~95 MB here.
 */
class FrontCodedList {
  private lines: number | undefined
  /** Offsets of the lines that spell their word whole (shared = 0). */
  private readonly restarts: Uint32Array
  private word = new Uint8Array(256)

  constructor(private readonly text: Buffer) {
    const restarts: number[] = text.length > 0 && text[0] === ZERO ? [0] : []
    for (let at = text.indexOf('\n0'); at !== -1; at = text.indexOf('\n0', at + 1)) {
      if (at + 1 < text.length) restarts.push(at + 1)
    }
    this.restarts = Uint32Array.from(restarts)
  }

  /** Counted on first use only: one `indexOf` per line would double the loading time. */
  get size(): number {
    if (this.lines === undefined) {
      this.lines = 0
      for (let at = this.text.indexOf(NEWLINE); at !== -1; at = this.text.indexOf(NEWLINE, at + 1))
        this.lines++
    }
    return this.lines
  }

  has(query: Uint8Array, length: number): boolean {
    // The last whole word ≤ the query starts the only block that can hold it.
    let low = 0
    let high = this.restarts.length - 1
    if (high < 0 || this.compareLine(this.restarts[0] ?? 0, query, length) > 0) return false
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.compareLine(this.restarts[middle] ?? 0, query, length) <= 0) low = middle
      else high = middle - 1
    }
    // Decode the block line by line into `word` until the query is reached or passed.
    const text = this.text
    let word = this.word
    let line = this.restarts[low] ?? 0
    do {
      let size = (text[line] ?? ZERO) - ZERO
      let at = line + 1
      for (let byte = text[at] ?? NEWLINE; byte !== NEWLINE; byte = text[++at] ?? NEWLINE) {
        if (size === word.length) word = this.word = grow(word, size)
        word[size++] = byte
      }
      const order = compareBytes(word, size, query, length)
      if (order === 0) return true
      if (order > 0) return false
      line = at + 1
    } while (line < text.length && text[line] !== ZERO)
    return false
  }

  /** The word spelt whole on the line at `line` (ended by its newline), compared with the query. */
  private compareLine(line: number, query: Uint8Array, length: number): number {
    const text = this.text
    for (let i = 0; ; i++) {
      const byte = text[line + 1 + i] ?? NEWLINE
      if (byte === NEWLINE) return i === length ? 0 : -1
      if (i === length) return 1
      const difference = byte - (query[i] ?? 0)
      if (difference !== 0) return difference
    }
  }
}

function compareBytes(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number): number {
  const length = Math.min(aLength, bLength)
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0)
    if (difference !== 0) return difference
  }
  return aLength - bLength
}

function grow(buffer: Uint8Array, length: number): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(length * 2)
  larger.set(buffer)
  return larger
}
