/**
 * The shape of everything Slack may deliver, checked before Bolt or a listener reads it. Bolt trusts a signed
 * body: `payload=null` crashes it before any listener runs, and a body without `container`, an app_mention
 * without `channel` or a `text` that is an object throw inside the listeners. Only the fields the listeners
 * read are checked; anything else passes through untouched.
 */

import { z } from 'zod'

const text = z.string().optional()

export const slashCommand = z.looseObject({
  command: z.string(),
  user_id: z.string(),
  channel_id: z.string(),
  text,
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
})

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string() }),
  container: z.looseObject({
    type: z.string(),
    channel_id: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
    thread_ts: z.string().optional(),
  }),
  channel: z.looseObject({ id: z.string() }).optional(),
  actions: z
    .array(z.looseObject({ type: z.string(), action_id: z.string(), value: z.string().optional() }))
    .min(1),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
})

const conversationFields = {
  channel: z.string(),
  user: z.string().optional(),
  text,
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
}

const knownEvents = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('app_mention'), ...conversationFields }),
  z.looseObject({
    type: z.literal('message'),
    ...conversationFields,
    // Edits and deletions carry their text in nested messages and may lack a user or a ts of their own.
    ts: z.string().optional(),
    channel_type: z.string().optional(),
  }),
  z.looseObject({ type: z.literal('app_home_opened'), user: z.string(), tab: z.string().optional() }),
])

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string(),
  event: z.looseObject({ type: z.string() }),
})

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() })

export type Inbound =
  /** Hand it to Bolt; `deliveryId`, when there is one, is answered once per process. */
  | { verdict: 'process'; deliveryId?: string }
  /** Well formed but not for this app (an interaction type it does not use): acknowledge and drop. */
  | { verdict: 'ignore'; reason: string }
  /** Malformed: refuse (HTTP 400), or acknowledge and drop where Slack only retries a refusal (events). */
  | { verdict: 'malformed'; reason: string; retriedBySlack: boolean }

/** Where a zod error points, without the values (a body may carry user text). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ')
}

/** Checks a parsed body (HTTP) or envelope payload (Socket Mode) and says what to do with it. */
export function inspectInbound(body: unknown): Inbound {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { verdict: 'malformed', reason: 'the body is not an object', retriedBySlack: false }
  }
  const record = body as Record<string, unknown>
  if ('command' in record) {
    if (isSlashCommand(record)) return processed(trigger(record.trigger_id))
    return check(slashCommand, record, false, (c) => trigger(c.trigger_id))
  }
  switch (record.type) {
    case 'url_verification':
      return check(urlVerification, record, false)
    case 'block_actions':
      return check(blockActions, record, false, (a) => trigger(a.trigger_id))
    case 'event_callback': {
      const envelope = eventCallback.safeParse(record)
      if (!envelope.success) {
        return { verdict: 'malformed', reason: describeIssues(envelope.error), retriedBySlack: true }
      }
      const deliveryId = `event:${envelope.data.event_id}`
      if (!['app_mention', 'message', 'app_home_opened'].includes(envelope.data.event.type)) {
        return { verdict: 'process', deliveryId }
      }
      const event = knownEvents.safeParse(envelope.data.event)
      if (!event.success) {
        return { verdict: 'malformed', reason: `event: ${describeIssues(event.error)}`, retriedBySlack: true }
      }
      return { verdict: 'process', deliveryId }
    }
    default:
      return typeof record.type === 'string'
        ? { verdict: 'ignore', reason: `no listener for ${record.type.slice(0, 40)}` }
        : { verdict: 'malformed', reason: 'type: missing', retriedBySlack: false }
  }
}

const isString = (value: unknown): value is string => typeof value === 'string'
const isOptionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string'

/**
 * The slashCommand schema, by hand: every slash command comes this way, and zod's copy of a dozen form fields
 * was 1 % of a command's CPU under load. It accepts nothing the schema refuses (a test compares them); what it
 * does not accept goes through the schema, which then says what is wrong.
 */
export function isSlashCommand(
  body: Record<string, unknown>,
): body is Record<string, unknown> & { trigger_id?: string } {
  return (
    isString(body.command) &&
    isString(body.user_id) &&
    isString(body.channel_id) &&
    isOptionalString(body.text) &&
    isOptionalString(body.response_url) &&
    isOptionalString(body.trigger_id)
  )
}

const processed = (deliveryId: string | undefined): Inbound =>
  deliveryId ? { verdict: 'process', deliveryId } : { verdict: 'process' }

// Slack makes a trigger_id per user action: a second body with the same one is a replay, never a new click.
const trigger = (id: string | undefined) => (id ? `trigger:${id}` : undefined)

function check<T extends z.ZodType>(
  schema: T,
  body: unknown,
  retriedBySlack: boolean,
  idOf?: (data: z.infer<T>) => string | undefined,
): Inbound {
  const parsed = schema.safeParse(body)
  if (!parsed.success) return { verdict: 'malformed', reason: describeIssues(parsed.error), retriedBySlack }
  return processed(idOf?.(parsed.data))
}

/** One well-formed body of each kind the listeners read. */
const SAMPLES: readonly unknown[] = [
  { command: '/ia-cinema', user_id: 'U1', channel_id: 'C1', text: 'monteur', trigger_id: 't' },
  {
    type: 'block_actions',
    user: { id: 'U1' },
    container: { type: 'message', channel_id: 'C1', is_ephemeral: true },
    channel: { id: 'C1' },
    actions: [{ type: 'button', action_id: 'a', value: 'v' }],
    trigger_id: 't',
  },
  ...[
    { type: 'app_mention', channel: 'C1', user: 'U1', text: 'monteur', ts: '1.1' },
    { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: 'monteur', ts: '1.1' },
    { type: 'app_home_opened', user: 'U1', tab: 'home' },
  ].map((event) => ({ type: 'event_callback', event_id: 'Ev1', event })),
  { type: 'url_verification', challenge: 'c' },
]

/**
 * Checks one body of each kind: zod compiles a schema's fast path on its first use, which a burst of
 * requests on a fresh process would otherwise wait for.
 */
export function warmUpInbound(): void {
  for (const sample of SAMPLES) inspectInbound(sample)
  // A well-formed command skips the schema (isSlashCommand): warm it for the malformed ones.
  slashCommand.safeParse(SAMPLES[0])
}
