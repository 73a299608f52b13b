import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inspectInbound, isSlashCommand, slashCommand } from '../../../../src/adapters/slack/edge/inbound.js'

// What a form or JSON body may carry in a field: mostly a string, else repeated fields, other JSON, or nothing.
const field = fc.oneof(
  { arbitrary: fc.string(), weight: 6 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.array(fc.string(), { maxLength: 2 }), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object()), weight: 1 },
)
const OPTIONAL_FIELDS = ['text', 'response_url', 'trigger_id', 'token']
const body = fc.record(
  Object.fromEntries(['command', 'user_id', 'channel_id', ...OPTIONAL_FIELDS].map((name) => [name, field])),
  { requiredKeys: ['command', 'user_id', 'channel_id'] },
)

describe('slash command bodies', () => {
  it('are accepted by the quick check only where the schema accepts them too', () => {
    fc.assert(
      fc.property(body, (candidate) => {
        if (isSlashCommand(candidate)) expect(slashCommand.safeParse(candidate).success).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('get the same verdict as the schema gives, with the trigger id as delivery id', () => {
    fc.assert(
      fc.property(body, (candidate) => {
        const command: Record<string, unknown> = { ...candidate, command: '/ia-cinema' }
        const verdict = inspectInbound(command)
        const parsed = slashCommand.safeParse(command)
        expect(verdict.verdict).toBe(parsed.success ? 'process' : 'malformed')
        const trigger = command.trigger_id
        if (parsed.success && typeof trigger === 'string' && trigger !== '')
          expect(verdict).toEqual({ verdict: 'process', deliveryId: `trigger:${trigger}` })
      }),
      { numRuns: 1000 },
    )
    expect(
      inspectInbound({ command: '/ia-cinema', user_id: 'U1', channel_id: 'C1', text: 'monteur' }),
    ).toEqual({ verdict: 'process' })
  })
})
