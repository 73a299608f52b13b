/**
 * The platform-neutral answer every command returns. Adapters (Slack, Discord, console, CLI) only render it:
 * nothing here knows about Block Kit, embeds or terminals, and every string is plain text (never markup),
 * so each adapter escapes it its own way.
 */

import type { Exposure } from '../corpus/types.js'
import type { TextSpan } from '../search/engine.js'
import { itemBody } from './item-body.js'

export type { Exposure }

export const EXPOSURE_LABELS: Record<Exposure, { fr: string; emoji: string }> = {
  menacé: { fr: 'Métier menacé', emoji: '🔴' },
  évolue: { fr: 'Métier qui évolue', emoji: '🟠' },
  résiste: { fr: 'Métier qui résiste', emoji: '🟢' },
}

/** A run of text; `match` marks the words that matched the question (rendered bold). */
export type Segment = TextSpan

export interface SourceRef {
  /** Document id (file name without extension). */
  documentId: string
  title: string
  url: string
  publisher: string
  year: number
}

export interface JobRef {
  /** Display name of the job group, e.g. "Les monteurs vidéo (juniors)". */
  name: string
  exposure: Exposure
}

export interface AnswerItem {
  /** Stable record id, e.g. "ia-emploi-cinema#p12" or "ia-emploi-cinema#q3". */
  id: string
  kind: 'passage' | 'quote'
  /** The record's text, verbatim from the corpus (for quotes: the whole sentence that carries the quotation). */
  text: string
  /** The same text cut into segments, matched words flagged. Concatenating them gives `text`. */
  segments: Segment[]
  /** Section path, outermost first, e.g. ["Les métiers menacés", "Les monteurs vidéo (juniors)"]. */
  section: string[]
  source: SourceRef
  /** Link to the exact passage in the original page (text fragment) when possible, else the page URL. */
  link: string
  /** For quotes: who says it, as the article puts it ("un restaurateur", "Hayao Miyazaki"). */
  speaker?: string
  /** For quotes: the words inside the quotation marks, verbatim (what a quote card shows). */
  quotation?: string
  /** For passages in the job sections: the job group and how the article classifies it. */
  job?: JobRef
  score?: number
}

/** A button. `id` is the whole state: an adapter can answer a click with no memory of the first answer. */
export interface Action {
  kind: 'share' | 'card' | 'more' | 'quote' | 'next' | 'feedback'
  label: string
  /** Encoded action (see actions.ts); at most 100 characters so it fits Discord custom ids and Slack values. */
  id: string
  /** For item-level actions: the record the action is about. */
  itemId?: string
  style?: 'primary' | 'secondary' | 'danger'
}

export interface JobEntry extends JobRef {
  /** Canonical job names the group covers ("monteur", "ingénieur du son"). */
  jobs: string[]
  /** First sentence of the group's passage, as a summary. */
  summary: string
}

export interface SourceEntry {
  source: SourceRef
  language: string
  studies: Array<{ title: string; publisher: string; date?: string }>
  passages: number
  quotes: number
}

export type Guidance = 'how-to-ask' | 'how-to-continue'

export type AnswerKind = 'results' | 'empty' | 'quote' | 'jobs' | 'sources' | 'tour' | 'help' | 'error'

export interface Answer {
  kind: AnswerKind
  /** One line: the question, or the name of what is shown. Plain text. */
  title: string
  /** The user's question as received (after trimming), when there was one. */
  query?: string
  /** Short paragraphs of plain text shown before the items (help, tour explanations, "nothing found"). */
  lines: string[]
  items: AnswerItem[]
  /** Jobs that the question names, with their exposure (the badge). */
  jobs: JobEntry[]
  /** Full job map (metiers command). */
  jobMap?: JobEntry[]
  sources?: SourceEntry[]
  /** Terms to try when nothing was found. */
  suggestions: string[]
  /** Example commands (help). */
  examples: string[]
  actions: Action[]
  /** Something the user should know about how the question was read (e.g. it was shortened). */
  notice?: string
  /**
   * An instruction whose words depend on where the answer is read: how to ask (a slash command, a mention,
   * a console line) or how to go on (a button, a typed word). The answer says which; each adapter words
   * it, after `lines`, so the core never speaks one platform's language to another.
   */
  guidance?: Guidance
  /**
   * 'closest' when the passages are the article's nearest to a question it does not quite answer
   * (« Le plus proche dans l’article »); absent for a direct answer.
   */
  tier?: 'closest'
  /** Tour position, when kind = 'tour'. */
  step?: { index: number; total: number }
}

export function emptyAnswer(kind: AnswerKind, title: string): Answer {
  return { kind, title, lines: [], items: [], jobs: [], suggestions: [], examples: [], actions: [] }
}

/** The speaker, when the quote's sentence does not already say who speaks ("insiste-t-il"). */
export function attribution(item: AnswerItem): string | undefined {
  if (item.kind !== 'quote' || !item.speaker) return undefined
  return item.text.toLowerCase().includes(item.speaker.toLowerCase()) ? undefined : item.speaker
}

/**
 * Plain text of an item as it would be quoted (notification texts, share messages), a run-in heading on a
 * line of its own; `{ runIn: false }` leaves it out, for a message that shows the section path above.
 */
export function quoted(item: AnswerItem, options: { runIn?: boolean } = {}): string {
  const speaker = attribution(item)
  const body = itemBody(item)
  const text = body.runIn && options.runIn !== false ? `${body.runIn}\n${body.text}` : body.text
  return speaker ? `${text} — ${speaker}` : text
}
