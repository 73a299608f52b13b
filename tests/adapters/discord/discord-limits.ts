/** Checks a message body (discord.js camelCase or API snake_case) against every Discord limit. */

import { expect } from 'vitest'

interface EmbedLike {
  title?: string
  description?: string
  url?: string
  footer?: { text: string }
  author?: { name: string }
  fields?: Array<{ name: string; value: string }>
}

interface MessageLike {
  content?: string
  embeds?: EmbedLike[]
  components?: Array<{
    type: number
    components: Array<{ type: number; custom_id?: string; label?: string }>
  }>
}

export function embedTotal(embeds: EmbedLike[]): number {
  let total = 0
  for (const embed of embeds) {
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0)
    total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0)
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length
  }
  return total
}

export function expectWithinLimits(message: MessageLike): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(2000)
  const embeds = message.embeds ?? []
  expect(embeds.length).toBeLessThanOrEqual(10)
  expect((message.content ?? '').length + embeds.length).toBeGreaterThan(0)
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256)
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096)
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048)
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(256)
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25)
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0)
      expect(field.name.length).toBeLessThanOrEqual(256)
      expect(field.value.length).toBeGreaterThan(0)
      expect(field.value.length).toBeLessThanOrEqual(1024)
    }
    if (embed.url !== undefined) expect(embed.url).toMatch(/^https?:\/\//)
  }
  expect(embedTotal(embeds)).toBeLessThanOrEqual(6000)
  const rows = message.components ?? []
  expect(rows.length).toBeLessThanOrEqual(5)
  const ids = new Set<string>()
  for (const row of rows) {
    expect(row.type).toBe(1)
    expect(row.components.length).toBeGreaterThan(0)
    expect(row.components.length).toBeLessThanOrEqual(5)
    for (const button of row.components) {
      expect(button.custom_id?.length ?? 0).toBeGreaterThan(0)
      expect(button.custom_id?.length ?? 0).toBeLessThanOrEqual(100)
      expect(button.label?.length ?? 0).toBeGreaterThan(0)
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(80)
      expect(ids.has(button.custom_id ?? '')).toBe(false)
      ids.add(button.custom_id ?? '')
    }
  }
}

/** Embed text with markdown and escapes removed, for asserting on the words themselves. */
export function plainText(message: MessageLike): string {
  const parts: string[] = [message.content ?? '']
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '')
    for (const field of embed.fields ?? []) parts.push(field.name, field.value)
  }
  return parts
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '')
}
