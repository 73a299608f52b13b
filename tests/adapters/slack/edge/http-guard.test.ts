import { parse } from 'node:querystring'
import { describe, expect, it } from 'vitest'
import {
  boundedCommandBody,
  MAX_COMMAND_FIELD_CHARS,
} from '../../../../src/adapters/slack/edge/http-guard.js'
import { MAX_QUESTION_CHARS } from '../../../../src/bot/question-length.js'

const COMMAND = {
  command: '/ia-cinema',
  user_id: 'U0123456789',
  channel_id: 'C0123456789',
  response_url: 'https://hooks.slack.com/commands/T1/1/abc',
  trigger_id: '1700000000.123456789012.0a1b2c3d4e5f60718293a4b5c6d7e8f9',
}

describe('boundedCommandBody (what Bolt parses in place of a slash command’s body)', () => {
  it('leaves a command of usual lengths as it came', () => {
    expect(boundedCommandBody({ ...COMMAND, text: 'monteur' })).toBeUndefined()
    expect(boundedCommandBody({ ...COMMAND, text: 'm'.repeat(MAX_QUESTION_CHARS) })).toBeUndefined()
  })

  it('cuts a 1 MB text to what the engine reads, and every other field to a bound, keeping the rest', () => {
    const body = boundedCommandBody({
      ...COMMAND,
      text: `monteur ${'montage '.repeat(125_000)}`,
      channel_name: 'c'.repeat(50_000),
      extra: ['x'.repeat(5_000), 'y'],
    })
    expect(body).toBeDefined()
    const fields = parse(body ?? '')
    expect(String(fields.text).startsWith('monteur montage')).toBe(true)
    expect(String(fields.text).length).toBe(MAX_QUESTION_CHARS)
    expect(String(fields.channel_name)).toBe('c'.repeat(MAX_COMMAND_FIELD_CHARS))
    expect(fields.extra).toEqual(['x'.repeat(MAX_COMMAND_FIELD_CHARS), 'y'])
    expect(fields).toMatchObject(COMMAND)
    expect((body ?? '').length).toBeLessThan(4 * (MAX_QUESTION_CHARS + 4 * MAX_COMMAND_FIELD_CHARS))
  })

  it('never touches a body that is not a slash command', () => {
    expect(boundedCommandBody({ payload: 'p'.repeat(100_000) })).toBeUndefined()
  })
})
