import { z } from 'zod'

/** What a document's front matter must say. Unknown keys are refused so that a typo does not pass silently. */
export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1),
  url: z.url({ protocol: /^https?$/ }),
  publisher: z.string().trim().min(1),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as fr'),
  year: z.number().int().min(1900).max(2100),
  studies: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1),
        publisher: z.string().trim().min(1),
        date: z.string().trim().min(1).optional(),
      }),
    )
    .default([]),
  sourcesLine: z.string().trim().min(1).optional(),
  footer: z.array(z.string()).default([]),
})

export const headingAttributesSchema = z.strictObject({
  exposure: z.enum(['menacé', 'évolue', 'résiste']).optional(),
  jobs: z.string().trim().min(1).optional(),
})

export const thesaurusSchema = z.strictObject({
  concepts: z
    .array(
      z.strictObject({
        canonical: z.string().trim().min(1),
        kind: z.enum(['job', 'concept']).default('concept'),
        terms: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
      }),
    )
    .default([]),
  ignore: z.array(z.string().trim().min(1)).default([]),
  framing: z.array(z.string().trim().min(1)).default([]),
  intents: z
    .strictObject({
      quote: z.array(z.string().trim().min(1)).default([]),
      self: z.array(z.string().trim().min(1)).default([]),
      jobs: z.array(z.string().trim().min(1)).default([]),
      local: z.array(z.string().trim().min(1)).default([]),
      price: z.array(z.string().trim().min(1)).default([]),
      pay: z.array(z.string().trim().min(1)).default([]),
      moment: z.array(z.string().trim().min(1)).default([]),
      when: z.array(z.string().trim().min(1)).default([]),
    })
    .default({ quote: [], self: [], jobs: [], local: [], price: [], pay: [], moment: [], when: [] }),
  sms: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({}),
  names: z.array(z.string().trim().min(1)).default([]),
})

/**
 * A generated word list (synonyms.*.yaml, glossary.*.yaml): where it comes from, under which licence, and
 * entries from a word or phrase a person may type to the corpus words it leads to.
 */
export const wordListSchema = z.strictObject({
  source: z.looseObject({
    name: z.string().trim().min(1),
    licence: z.string().trim().min(1),
  }),
  entries: z.record(z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)),
})

/** The first issue of a failed parse as "field", "reason". */
export function firstIssue(error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0]
  if (!issue) return { field: 'file', reason: 'invalid' }
  return { field: issue.path.length > 0 ? issue.path.join('.') : 'file', reason: issue.message }
}
