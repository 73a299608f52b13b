import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/start-process.js'

/** The numbered steps of a section of docs/setup-slack.md, by number. */
function steps(heading: string): Map<number, string> {
  const text = readFileSync(path.join(ROOT, 'docs', 'setup-slack.md'), 'utf8')
  const start = text.indexOf(`## ${heading}`)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const section = text.slice(start, text.indexOf('\n## ', start + 3))
  const found = new Map<number, string>()
  let current: number | undefined
  for (const line of section.split('\n')) {
    const numbered = /^(\d+)\. /.exec(line)
    if (numbered) current = Number(numbered[1])
    if (current !== undefined) found.set(current, `${found.get(current) ?? ''}${line}\n`)
  }
  return found
}

const stepWith = (all: Map<number, string>, pattern: RegExp) =>
  [...all].find(([, text]) => pattern.test(text))?.[0] ?? Number.NaN

describe('docs/setup-slack.md, HTTP mode', () => {
  const http = steps('HTTP mode instead of Socket Mode')

  it('gets the signing secret, then starts the bot, then gives Slack the Request URL it checks at once', () => {
    const secret = stepWith(http, /Signing Secret/)
    const start = stepWith(http, /npm start/)
    const requestUrl = stepWith(http, /Event Subscriptions/)
    expect(secret).toBeLessThan(start)
    expect(start).toBeLessThan(requestUrl)
  })

  it('refers only to steps already done, each by its right number', () => {
    for (const [number, text] of http) {
      for (const [, referred] of text.matchAll(/step (\d+)/g)) {
        expect(Number(referred), `step ${number}: ${text}`).toBeLessThan(number)
        expect(http.has(Number(referred))).toBe(true)
      }
    }
    expect(stepWith(http, /Event Subscriptions/)).toBeGreaterThan(stepWith(http, /SLACK_SIGNING_SECRET=/))
  })
})
