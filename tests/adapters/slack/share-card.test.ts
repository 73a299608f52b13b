import { describe, expect, it, vi } from 'vitest'
import { uploadCard } from '../../../src/adapters/slack/actions/share-card.js'
import type { AnswerItem } from '../../../src/answers/answer.js'
import { liveMentions } from './block-kit-limits.js'
import { passage } from './fake-bot.js'

/** The alt text and the title the card's upload gave Slack (its first and last steps). */
async function uploaded(item: AnswerItem, alt: string): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = {}
  const client = {
    files: {
      getUploadURLExternal: async (given: Record<string, unknown>) => {
        args.alt_text = given.alt_text
        return { ok: true, upload_url: 'http://127.0.0.1:9/upload', file_id: 'F0123' }
      },
      completeUploadExternal: async (given: { files: Array<{ title: string }> }) => {
        args.title = given.files[0]?.title
        return { ok: true }
      },
    },
  }
  // The middle step sends the PNG to the upload URL with fetch.
  const upload = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('OK', { status: 200 }))
  try {
    await uploadCard(
      client as never,
      { channel: 'C0123' },
      item,
      { png: Buffer.from('png'), filename: 'citation.png', alt },
      { text: 'x', blocks: [] },
    )
  } finally {
    upload.mockRestore()
  }
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
