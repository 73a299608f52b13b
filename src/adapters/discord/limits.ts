/**
 * Discord's documented limits (message, embed, component, autocomplete). Discord counts characters as
 * code points; we measure with String#length (UTF-16 units), which is never smaller, so staying under
 * these numbers in JavaScript keeps us under Discord's.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedUrl: 2048,
  /** Sum of title, description, field names and values, footer and author over every embed. */
  embedsTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const
