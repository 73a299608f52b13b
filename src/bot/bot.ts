import type { Answer, AnswerItem } from '../answers/answer.js'

import type { Requester } from '../answers/requester.js'

export type { Requester }

/** What a button click leads to. */
export type ActionOutcome =
  /** Show this answer privately to the clicker (replace the previous private answer when the platform can). */
  | { type: 'answer'; answer: Answer }
  /** Post this item publicly in the channel; the adapter adds "partagé par <user>". */
  | { type: 'share'; item: AnswerItem }
  /**
   * Post this quote publicly as an image card (the adapter renders it, after acknowledging the click);
   * `corpusVersion` keys the card cache.
   */
  | { type: 'card'; item: AnswerItem; corpusVersion: string }
  /** A short private acknowledgement (feedback recorded, ...). */
  | { type: 'notice'; message: string }
  /** A stale, unknown or forged button: a short French message for the clicker. */
  | { type: 'invalid'; message: string }

export interface Suggestion {
  /** What the user sees (≤ 100 characters). */
  name: string
  /** What gets put in the command text (≤ 100 characters). */
  value: string
}

/** The one entry point adapters use. It never throws for bad input: it answers with a French message. */
export interface Bot {
  /** Free text after `/ia-cinema` (Slack text, Discord `question` option, a console line, a mention). */
  ask(text: string, requester: Requester): Promise<Answer>
  /** A click on a button whose id came from an Answer's actions. */
  act(actionId: string, requester: Requester): Promise<ActionOutcome>
  /** Up to 25 completions for partly typed text (jobs, commands, frequent terms). */
  autocomplete(partial: string): Suggestion[]
  /** Onboarding content: overview lines, the job map, example commands and one quote with its source. */
  onboarding(): Answer
}
