import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readChatMarkup } from '../../src/text/chat-markup.js'

/** The message as plain text: its lines as read, joined by line breaks. */
const chatPlainText = (raw: string) =>
  readChatMarkup(raw)
    .map((line) => line.text)
    .join('\n')

describe('reading a chat message as a person reads it', () => {
  it('reads Slack markup as what it shows: mentions and channels go, a link keeps its label, & < > are decoded', () => {
    expect(
      chatPlainText(
        '<@U04ABCD12|marie> regarde <https://example.org/a|cet article> dans <#C0123ABCD|post-prod> :thinking_face: IA &amp; emploi &lt;3 <!here>',
      ),
    ).toBe('regarde cet article dans IA & emploi <3')
  })

  it('reads Discord markup the same way: user, role and channel mentions, custom emoji, timestamps, spoilers', () => {
    expect(
      chatPlainText(
        '<@!123456789012345678> <@&987654321098765432> <#112233445566778899> <:clap:123456789012345678> <a:dance:123456789012345678> le **monteur** ||junior|| <t:1700000000:R> 😅🎬',
      ),
    ).toBe('le monteur junior')
  })

  it('drops bare addresses and typed @mentions, keeps an e-mail address and the words of a code span', () => {
    expect(
      chatPlainText(
        '@ia-cinema vu sur https://www.example.com/x?y=1 et www.site.fr, écris à a@b.fr le `workflow`',
      ),
    ).toBe('vu sur et , écris à a@b.fr le workflow')
  })

  it('marks quoted lines (Slack &gt;, Discord >, >>> for the rest) and fenced code as not the asker’s own words', () => {
    const lines = readChatMarkup(
      'salut\n&gt; on va tous se faire remplacer\n```\nplanning_v12.xlsx\n```\nc’est vrai ?\n>>> tout\nceci',
    )
    expect(lines).toEqual([
      { text: 'salut', quoted: false, code: false },
      { text: 'on va tous se faire remplacer', quoted: true, code: false },
      { text: 'planning_v12.xlsx', quoted: false, code: true },
      { text: 'c’est vrai ?', quoted: false, code: false },
      { text: 'tout', quoted: true, code: false },
      { text: 'ceci', quoted: true, code: false },
    ])
  })

  it('keeps what is not markup: « <monteur> », a time, French punctuation', () => {
    expect(chatPlainText('le <monteur> à 10:30 : « vraiment » ?')).toBe('le monteur à 10:30 : « vraiment » ?')
  })

  it('never throws, and never grows a text, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const lines = readChatMarkup(text)
        expect(lines.reduce((n, line) => n + line.text.length, 0)).toBeLessThanOrEqual(text.length)
      }),
    )
  })
})
