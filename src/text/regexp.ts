/** Text to match literally inside a RegExp (bot mentions, action-id prefixes). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
