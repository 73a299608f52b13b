/**
 * The format of lexicon/known-words.*.txt, read by src/text/known-words.ts: the words sorted bytewise
 * (UTF-8), one per line, each line one character of code 0x30 + n (the word shares its first n bytes with
 * the previous one) followed by its remaining bytes. Every RESTART-th line spells its word whole (n = 0),
 * so that a reader can binary-search those lines and decode one short block.
 * 4.9 MB of folded French forms take 2.0 MB this way and stay plain, diffable text.
 */
const MAX_SHARED = 60
const RESTART = 16

export function frontCode(words: Iterable<string>): Buffer {
  const sorted = [...new Set(words)].map((word) => Buffer.from(word)).sort(Buffer.compare)
  const parts: Buffer[] = []
  let previous = Buffer.alloc(0)
  for (const [index, word] of sorted.entries()) {
    if (word.length === 0 || word.includes(10)) throw new Error(`not a word: ${JSON.stringify(String(word))}`)
    let shared = 0
    const max = index % RESTART === 0 ? 0 : Math.min(previous.length, word.length - 1, MAX_SHARED)
    while (shared < max && previous[shared] === word[shared]) shared++
    parts.push(Buffer.from([0x30 + shared]), word.subarray(shared), Buffer.from('\n'))
    previous = word
  }
  return Buffer.concat(parts)
}
