/**
 * A FreeDict dictionary in dictd format (Debian dict-freedict-*: .index + .dict.dz, which is gzip):
 * each headword with its translations, every numbered sense pooled, in the dictionary's order, without
 * notes in parentheses or domain labels ("[cine]", "[cul]").
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

export interface DictEntry {
  headword: string
  translations: string[]
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** dictd's base-64 numbers (offsets and lengths in the .index), most significant digit first. */
function base64Number(text: string): number {
  let value = 0
  for (const digit of text) value = value * 64 + DIGITS.indexOf(digit)
  return value
}

export function* readDictd(base: string): Generator<DictEntry> {
  const dict = gunzipSync(readFileSync(`${base}.dict.dz`))
  for (const line of readFileSync(`${base}.index`, 'utf8').split('\n')) {
    const [headword, offset, length] = line.split('\t')
    if (!headword || offset === undefined || length === undefined || headword.startsWith('00database'))
      continue
    const start = base64Number(offset)
    const [, ...body] = dict
      .subarray(start, start + base64Number(length))
      .toString('utf8')
      .trim()
      .split('\n')
    const translations = body
      .map((text) => text.replace(/^\s*\d+\.\s*/, ''))
      .flatMap((text) => text.split(/[,;]/))
      .map((text) => text.replace(/\([^)]*\)|\[[^\]]*\]/g, '').trim())
      .filter(Boolean)
    yield { headword, translations }
  }
}
