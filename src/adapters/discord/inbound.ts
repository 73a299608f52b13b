/**
 * What an interaction must look like before a handler reads it, on both transports. Discord only sends option
 * values that are strings, numbers or booleans, and a custom_id of 1–100 characters; anything else (an option
 * `{"toString":1}`, which `String()` cannot even print) is forged or broken, and is refused at the edge with one
 * log line instead of throwing inside a handler.
 */

import { z } from 'zod'

export const optionSchema = z.looseObject({
  name: z.string(),
  type: z.number().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
})

export const optionsSchema = z.array(optionSchema)

export const customIdSchema = z.string().min(1).max(100)

export type InboundOption = z.infer<typeof optionSchema>

/** Where a zod error points, without the values (they may be user text). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ')
}

/** The text of an option value: numbers and booleans are read as the words they print as. */
export function optionText(value: InboundOption['value']): string {
  return value === undefined ? '' : String(value)
}

/** Checks one sample of each, so that zod compiles its fast paths before the first interaction. */
export function warmUpInbound(): void {
  optionsSchema.safeParse([{ name: 'question', type: 3, value: 'monteur', focused: true }])
  customIdSchema.safeParse('iac:next:1')
}
