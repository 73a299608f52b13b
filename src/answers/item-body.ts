import type { AnswerItem, Segment } from './answer.js'

/** An item's text as renderers show it: a run-in section heading apart from the rest. */
export interface ItemBody {
  /**
   * The section heading the paragraph opens with, verbatim. The article runs each job's heading into its
   * paragraph ("Les monteurs vidéo (juniors) Les logiciels d’IA…"); the corpus keeps that text as written,
   * so `item.text` has it, and renderers show it as the heading it is (the item's section line already
   * names it) instead of gluing it to the first sentence.
   */
  runIn?: string
  /** The text after the run-in heading, verbatim (the whole text when there is none). */
  text: string
  /** `text` cut into segments, matched words flagged, as `item.segments` is for the whole text. */
  segments: Segment[]
}

/**
 * After the heading: spaces, then what starts a sentence. "L’affaire Studio Ghibli illustre les risques"
 * also starts with its section's title, but there the title is the sentence's subject, not a heading.
 */
const SENTENCE_START = /^\s+(?=[\p{Lu}\p{N}«"“])/u

export function itemBody(item: AnswerItem): ItemBody {
  const segments = Array.isArray(item.segments) ? item.segments : []
  // Segments are expected to rebuild the text exactly; if they do not, the verbatim text wins over the bold.
  const consistent =
    segments.length > 0 && segments.map((s) => s.text).join('') === item.text
      ? segments
      : [{ text: item.text, match: false }]
  const heading = item.section.at(-1)?.trim()
  const cut = runInLength(item.text, heading)
  if (!heading || cut === 0) return { text: item.text, segments: consistent }
  return { runIn: heading, text: item.text.slice(cut), segments: dropStart(consistent, cut) }
}

/** How many characters at the start of `text` are `heading` run in (with the spaces after it), or 0. */
export function runInLength(text: string, heading: string | undefined): number {
  if (!heading || !text.startsWith(heading)) return 0
  const gap = SENTENCE_START.exec(text.slice(heading.length))
  return gap ? heading.length + gap[0].length : 0
}

/** The segments without their first `count` characters. */
function dropStart(segments: Segment[], count: number): Segment[] {
  const out: Segment[] = []
  let left = count
  for (const segment of segments) {
    if (left >= segment.text.length) {
      left -= segment.text.length
      continue
    }
    out.push({ text: segment.text.slice(left), match: segment.match })
    left = 0
  }
  return out
}
