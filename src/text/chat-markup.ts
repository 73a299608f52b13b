/**
 * A chat message as a person reads it. Slack and Discord hand over their markup raw: `<@U04ABCD12>`,
 * `<#C0123|post-prod>`, `<https://…|un article>`, `<:clap:1234…>`, `:thinking_face:`, `&amp;`, `> ` before
 * a quoted line. None of it is what the person asks, and read as words it looked like a question about
 * « U04ABCD12 » and « thinking »: something the article does not cover. Here markup becomes what it shows
 * (a link's label, a bold word's word) or nothing (a mention, an emoji, an address), and each line says
 * whether it quotes someone else or is code, so that the question can be told from its context.
 */

export interface ChatLine {
  text: string
  /** A quoted line (`> …`, Discord's `>>> …` and what follows it): someone else's words, context. */
  quoted: boolean
  /** A line of a fenced code block: pasted material, context. */
  code: boolean
}

// Slack: <@U…>, <@U…|name>, <#C…|name>, <!here>, <!subteam^S…|@team>, <!date^…|fallback>, <url|label>.
// Discord: <@123>, <@!123>, <@&123>, <#123>, </commande:123>, <:emoji:123>, <a:emoji:123>, <t:123:R>.
const ANGLE = /<([^<>\n]{1,600})>/g
const SLACK_ENTITY = /^(?:[@#][A-Z0-9]{2,}|!(?:here|channel|everyone|subteam\^[A-Z0-9]+))(?:\|[^|]*)?$/
const SLACK_DATE = /^!date\^[^|]*\|(.*)$/
const DISCORD_ENTITY =
  /^(?:@[!&]?\d{5,25}|#\d{5,25}|\/[\p{L}\p{N}_ -]{1,100}:\d{5,25}|a?:[\w~-]{1,40}:\d{5,25}|t:-?\d{1,20}(?::[tTdDfFR])?)$/u
const LINK = /^(?:https?:\/\/|mailto:|tel:|slack:\/\/)[^|\s]*(?:\|(.*))?$/i
// An address ends before the punctuation that follows it in a sentence (« voir www.site.fr, puis… »).
const BARE_URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>]*[^\s<>.,;:!?)\]»"'’]/gi
// :thinking_face:, :+1:, :skin-tone-2: (not 10:30, not a word glued to it).
const SHORTCODE = /(?<![\p{L}\p{N}:]):[a-z0-9_+'-]{1,40}:(?![\p{L}\p{N}])/giu
// Pictographs with what joins and modifies them (ZWJ, variation selectors, skin tones, keycaps, flags).
const EMOJI =
  /(?:\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3]|\u200D)+/gu
// @ia-cinema, @here, @marie typed as text (an address such as a@b.fr keeps its @: a letter precedes it).
const AT_MENTION = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}][\p{L}\p{N}._-]{0,80}/gu
// Emphasis, strike-through and spoiler marks; a code span keeps its words.
const MARKS = /\*{1,3}|~{1,2}|\|\||(?<![\p{L}\p{N}])_{1,2}|_{1,2}(?![\p{L}\p{N}])|`+/gu
const QUOTE_MARK = /^\s*(?:>|&gt;)(?:\s|$)/
const QUOTE_ALL = /^\s*(?:>>>|&gt;&gt;&gt;)\s?/
const FENCE = /^\s*```/

// What markup needs: most questions typed in a console or a slash command have none of it.
const MAY_HOLD_MARKUP =
  /[<>@`*~|\n\r]|&(?:amp|lt|gt);|:[\w+'-]+:|\b_|_\b|\uFE0F|\u200D|https?:\/\/|www\.|\p{Extended_Pictographic}/u

/** The lines of a chat message, markup read as a person reads it. Never throws; any string is fine. */
export function readChatMarkup(raw: string): ChatLine[] {
  const text = String(raw ?? '')
  if (!MAY_HOLD_MARKUP.test(text)) {
    const plain = text.replace(/[ \t\u00A0]+/g, ' ').trim()
    return plain === '' ? [] : [{ text: plain, quoted: false, code: false }]
  }
  const lines: ChatLine[] = []
  let inFence = false
  let quotingAll = false
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    let line = rawLine
    let code = inFence
    if (FENCE.test(line)) {
      // ```text``` on one line is a code span; a line that opens or closes a fence is the fence.
      const fences = line.match(/```/g)?.length ?? 0
      if (fences % 2 === 1) inFence = !inFence
      code = true
      line = line.replace(/```[\w-]*/g, ' ')
    }
    let quoted = quotingAll
    if (!code && QUOTE_ALL.test(line)) {
      quotingAll = true
      quoted = true
      line = line.replace(QUOTE_ALL, '')
    } else if (!code && QUOTE_MARK.test(line)) {
      quoted = true
      line = line.replace(QUOTE_MARK, '')
    }
    const text = plainText(line)
    if (text !== '') lines.push({ text, quoted, code })
  }
  return lines
}

function plainText(line: string): string {
  return decodeSlackEntities(line.replace(ANGLE, (_, inner: string) => angleText(inner)))
    .replace(BARE_URL, ' ')
    .replace(SHORTCODE, ' ')
    .replace(EMOJI, ' ')
    .replace(AT_MENTION, ' ')
    .replace(MARKS, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .trim()
}

/** What an angle-bracketed Slack or Discord token shows: a link's label or a date's text, else nothing. */
function angleText(inner: string): string {
  if (SLACK_ENTITY.test(inner) || DISCORD_ENTITY.test(inner)) return ' '
  const date = SLACK_DATE.exec(inner)
  if (date) return ` ${date[1]} `
  const link = LINK.exec(inner)
  if (link) return ` ${link[1] ?? ''} `
  // Not markup (« <monteur> », « <3 »): the words stay.
  return ` ${inner} `
}

/** Slack sends &, < and > typed by a person as &amp;, &lt; and &gt; (and only those). */
function decodeSlackEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  )
}
