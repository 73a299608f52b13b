import type { CorpusRecord } from '../corpus/types.js'
import type { Evidence, Tier } from './answerability.js'
import type { Intent } from './framing.js'

// What a search gives: the passages that answer a question, and how the question was read and judged.

/** A run of a record's text; `match` marks the words that carry one of the question's terms. */
export interface TextSpan {
  text: string
  match: boolean
}

export interface SearchOptions {
  limit?: number
  offset?: number
  kind?: CorpusRecord['kind']
  /**
   * false: the best records whatever the answer decision says (`tier` still says it). For the eval's curve
   * and for a maintainer looking at what the article holds closest to a question.
   */
  gate?: boolean
}

export interface SearchHit {
  record: CorpusRecord
  score: number
  /** Share of the question's weight this record covers (0–1). */
  coverage: number
  /** Query terms found in the record. */
  matchedTerms: string[]
}

export interface SearchOutcome {
  /** The question's terms after analysis, spelling correction, thesaurus, synonyms and glossary. */
  terms: string[]
  /** Everything needed to run the same search again (a button's state): weighted terms and intent. */
  state: string[]
  intent: Intent
  /** Words that were read as other words ("storybord" → "storyboard"). */
  corrections: Array<{ from: string; to: string }>
  /** Content words of the question the article never uses, as typed. */
  unknownWords: string[]
  /** Words only the questions written for the article use, not the article itself (see Reading). */
  absentWords: string[]
  /**
   * What the question asks that the article does not say, as typed: the words it never uses that name a
   * topic (a noun, a name, a code, a word of the trade; not a verb, an adjective or a word with no topic),
   * and the absent words.
   */
  missingWords: string[]
  /** The question's words that the hits shown answer, as typed. */
  coveredWords: string[]
  /** Set when part of the question could not be read (too long). */
  truncated: boolean
  hits: SearchHit[]
  /** Number of records that answer, before paging. */
  total: number
  /** How many of those are quotes. */
  quotes: number
  /** Direct answer, the closest passages (partial evidence), or none (see answerability.ts). */
  tier: Tier
  /** How surely the article answers the question (0–1). */
  confidence: number
  /** What the decision read (answerability.ts). */
  evidence: Evidence
}
