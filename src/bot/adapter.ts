import type { AnswerItem } from '../answers/answer.js'

/** A rendered quote card, as the daily quote hands it to an adapter (see src/cards). */
export interface CardFile {
  png: Buffer
  filename: string
  /** The quotation and its speaker, for screen readers. */
  alt: string
}

/** What main.ts needs from a running platform adapter. */
export interface AdapterHandle {
  /** "ready" while it serves, "connecting" while it (re)connects, "stopped" after stop(). */
  status(): 'ready' | 'connecting' | 'stopped'
  /** Posts a quote publicly in a channel, headed "Citation du jour" (the daily quote), with its card if given. */
  postDailyQuote(channelId: string, item: AnswerItem, card?: CardFile): Promise<void>
  /** Stops taking new work, lets what is in flight finish, closes the connection. Idempotent. */
  stop(): Promise<void>
}

/** A plain HTTP route served by an adapter's own server (Slack's HTTP receiver serves /healthz and /desk). */
export interface HttpRoute {
  path: string
  /** Also every path below it (`/desk/…`). */
  prefix?: boolean
  /** The methods it answers (default GET and HEAD). */
  methods?: readonly string[]
  handler: (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => void
}
