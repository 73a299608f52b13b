import { type Action, type Answer, quoted } from '../../../answers/answer.js'
import { escapeAndFit, escapeText } from '../mrkdwn.js'
import {
  ACTION_ID_PREFIX,
  actionRows,
  BlockBudget,
  context,
  fitLines,
  header,
  type KnownBlock,
  LIMITS,
  lineSections,
  mrkdwnSection,
  type RenderOptions,
  type SlackMessage,
  size,
} from './blocks.js'
import { exampleSection, GUIDANCE, sourceBlocks } from './help.js'
import { itemBlocks } from './item.js'
import { jobLines, jobMapBlocks } from './job-map.js'

/** The `text` fallback: what notifications and screen readers get. */
function fallbackText(answer: Answer): string {
  const first = answer.items[0]
  const detail = first ? quoted(first) : (answer.lines[0] ?? answer.notice ?? '')
  const raw = [answer.title.trim() || 'ia-cinema', detail].filter((s) => s !== '').join('\n')
  return escapeAndFit(raw, LIMITS.fallbackText)
}

/** Renders an answer as a message (or as part of the App Home with larger limits). */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const maxBlocks = options.maxBlocks ?? LIMITS.messageBlocks
  const maxChars = options.maxChars ?? LIMITS.messageChars
  let counter = 0
  const nextId = () => `${ACTION_ID_PREFIX}${options.idPrefix ?? ''}${counter++}`.slice(0, LIMITS.actionId)

  const items = answer.items.slice(0, LIMITS.items)
  const shownIds = new Set(items.map((item) => item.id))
  const itemActions = new Map<string, Action[]>()
  const answerActions: Action[] = []
  for (const action of answer.actions) {
    if (action.itemId === undefined) answerActions.push(action)
    else if (shownIds.has(action.itemId))
      itemActions.set(action.itemId, [...(itemActions.get(action.itemId) ?? []), action])
    // An item-level action about an item not shown is dropped: its button would point at nothing visible.
  }

  // Answer-level buttons (more, next…) come last but are reserved first, so a long answer never loses them.
  const tail = actionRows(answerActions.slice(0, LIMITS.answerButtons), nextId)
  const shortened = context('_Réponse raccourcie pour tenir dans un message Slack._')
  const tailBlocks = tail.length + 1
  const tailChars = tail.reduce((sum, b) => sum + size(b), 0) + size(shortened)
  const body = new BlockBudget(Math.max(1, maxBlocks - tailBlocks), Math.max(500, maxChars - tailChars))

  body.push(header(answer.title))
  if (answer.notice) body.push(context(`ℹ️ ${escapeAndFit(answer.notice, 1000)}`))
  if (answer.step && answer.step.total > 0) {
    body.push(
      context(
        escapeText(`Étape ${Math.min(answer.step.index + 1, answer.step.total)} / ${answer.step.total}`),
      ),
    )
  }
  const guidance = answer.guidance ? [GUIDANCE[answer.guidance]] : []
  for (const section of lineSections([...answer.lines, ...guidance])) body.push(section)
  if (answer.jobs.length > 0) body.push(mrkdwnSection(jobLines(answer.jobs.slice(0, 6), LIMITS.sectionText)))

  // Share the room left between the items so the third passage is not the one that disappears.
  const itemTextMax = Math.min(LIMITS.sectionText, Math.floor(7_000 / Math.max(1, items.length)))
  for (const [index, item] of items.entries()) {
    const blocks: KnownBlock[] = [
      ...(index > 0 || body.blocks.length > 1 ? [{ type: 'divider' as const }] : []),
    ]
    blocks.push(
      ...itemBlocks(item, itemTextMax),
      ...actionRows((itemActions.get(item.id) ?? []).slice(0, LIMITS.itemButtons), nextId),
    )
    body.push(...blocks)
  }

  for (const block of jobMapBlocks(answer.jobMap ?? [])) body.push(block)
  for (const block of sourceBlocks(answer)) body.push(block)
  if (answer.suggestions.length > 0) {
    const terms = answer.suggestions.slice(0, 10).map((s) => escapeAndFit(s, 100))
    body.push(context(fitLines([`Essayez : ${terms.join(' · ')}`], LIMITS.sectionText)))
  }
  if (answer.examples.length > 0) body.push(exampleSection(answer.examples))

  const blocks = [...body.blocks, ...(body.dropped ? [shortened] : []), ...tail]
  return { text: fallbackText(answer), blocks }
}
