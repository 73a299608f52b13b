import { describe, expect, it } from 'vitest'
import { uploadCard } from '../../../src/adapters/slack/actions/share-card.js'
import type { AnswerItem } from '../../../src/answers/answer.js'
import { liveMentions } from './block-kit-limits.js'
import { passage } from './fake-bot.js'

/** The arguments files.uploadV2 was called with. */
async function uploaded(item: AnswerItem, alt: string): Promise<Record<string, unknown>> {
  let args: Record<string, unknown> = {}
  const client = {
    files: {
      uploadV2: async (given: Record<string, unknown>) => {
        args = given
        return { ok: true }
      },
    },
  }
  await uploadCard(
    client as never,
    { channel: 'C0123' },
    item,
    { png: Buffer.from('png'), filename: 'citation.png', alt },
    { text: 'x', blocks: [] },
  )
  return args
}

describe('a card’s file on Slack', () => {
  it('escapes its title and alt text as Slack stores and shows them: no live mention, no markup', async () => {
    const quote = passage('d#q1', '« Tout le monde » & <!channel>', [], {
      kind: 'quote',
      speaker: '<!channel> & <@U123> <https://evil.example|Le CNC>',
    })
    const args = await uploaded(quote, '« Tout le monde » & <!channel> — <!channel> & <@U123>')
    expect(args.title).toBe(
      'Citation — &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|Le CNC&gt;',
    )
    expect(args.alt_text).toBe(
      '« Tout le monde » &amp; &lt;!channel&gt; — &lt;!channel&gt; &amp; &lt;@U123&gt;',
    )
    expect(liveMentions({ text: `${args.title} ${args.alt_text}` })).toEqual([])
  })

  it('fits them to Slack’s limits once escaped (250 and 1,000 characters)', async () => {
    const quote = passage('d#q2', 'x', [], { kind: 'quote', speaker: '<&>'.repeat(200) })
    const args = await uploaded(quote, '&'.repeat(990))
    expect(String(args.title).length).toBeLessThanOrEqual(250)
    expect(String(args.alt_text).length).toBeLessThanOrEqual(1000)
    expect(String(args.alt_text)).toMatch(/^(&amp;)+…$/)
  })
})
