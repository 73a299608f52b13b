/**
 * The interactions the HTTP endpoint receives, as raw JSON: the numeric types it speaks and the zod schema of
 * the fields it reads. Fields it does not read pass through unchecked.
 */

import { z } from 'zod'
import { customIdSchema, describeIssues, optionsSchema } from '../inbound.js'

/** Interaction and callback types, as numbers: this endpoint only speaks the raw API. */
export const PING = 1
export const APPLICATION_COMMAND = 2
export const MESSAGE_COMPONENT = 3
export const AUTOCOMPLETE = 4
export const PONG = 1
export const MESSAGE = 4
export const DEFERRED_MESSAGE = 5
export const DEFERRED_UPDATE = 6
export const UPDATE = 7
export const AUTOCOMPLETE_RESULT = 8
export const EPHEMERAL = 64
export const BUTTON = 2

const snowflake = z.string().regex(/^\d{1,20}$/)

const user = z.looseObject({
  id: snowflake,
  username: z.string().optional(),
  global_name: z.string().nullable().optional(),
})

const interaction = z.looseObject({
  type: z.number().int(),
  id: snowflake.optional(),
  token: z.string().min(1).optional(),
  application_id: snowflake.optional(),
  locale: z.string().optional(),
  user: user.optional(),
  member: z.looseObject({ user: user.optional() }).optional(),
  data: z
    .looseObject({
      name: z.string().optional(),
      options: optionsSchema.optional(),
      custom_id: customIdSchema.optional(),
      component_type: z.number().optional(),
    })
    .optional(),
  message: z.looseObject({ flags: z.number().optional() }).optional(),
})

export type RawInteraction = z.infer<typeof interaction>

export type Parsed = { ok: true; interaction: RawInteraction } | { ok: false; reason: string }

/** Validates a parsed body; every interaction but PING must carry its id and token. */
export function parseInteraction(body: unknown): Parsed {
  const parsed = interaction.safeParse(body)
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) }
  const value = parsed.data
  if (value.type !== PING && (value.id === undefined || value.token === undefined)) {
    return { ok: false, reason: 'id and token are required' }
  }
  return { ok: true, interaction: value }
}
