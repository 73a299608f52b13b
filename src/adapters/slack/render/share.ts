import { type AnswerItem, quoted } from '../../../answers/answer.js'
import { escapeAndFit, userMention } from '../mrkdwn.js'
import { context, LIMITS, mrkdwnSection, type SlackMessage } from './blocks.js'
import { sourceLine } from './item.js'

/** A short private message (feedback recorded, stale button, error). */
export function renderNotice(message: string): SlackMessage {
  const text = escapeAndFit(message.trim() || '…', LIMITS.sectionText)
  return { text, blocks: [mrkdwnSection(text)] }
}

/** The public message posted when someone shares a passage: the passage, its source and who shared it. */
export function renderShare(item: AnswerItem, userId: string | undefined): SlackMessage {
  const path = item.section.filter((s) => s.trim() !== '').join(' › ')
  const head = path ? `*${escapeAndFit(path, 300)}*\n` : ''
  // The path names a run-in heading already: the text below it starts at the first sentence.
  const body = escapeAndFit(quoted(item, { runIn: !head }), LIMITS.sectionText - head.length)
  const sharer = userMention(userId)
  const by = sharer ? `partagé par ${sharer}` : ''
  return {
    text: escapeAndFit(quoted(item), LIMITS.fallbackText - by.length - 3) + (by ? ` — ${by}` : ''),
    blocks: [mrkdwnSection(`${head}${body}`), context(sourceLine(item), by)],
  }
}

/** The daily quote: the quote with its source, under a heading that says what it is. */
export function renderDailyQuote(item: AnswerItem): SlackMessage {
  const share = renderShare(item, undefined)
  return {
    text: `Citation du jour : ${share.text}`.slice(0, LIMITS.fallbackText),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Citation du jour', emoji: true } },
      ...share.blocks,
    ],
  }
}
