/**
 * Answer → Block Kit. Pure: no Slack client, no I/O, so every limit can be tested with huge inputs. The limits
 * hold whatever the answer contains, because one over-long field makes Slack refuse the whole message.
 */

import type { types } from '@slack/bolt'
import {
  type Action,
  type Answer,
  type AnswerItem,
  attribution,
  EXPOSURE_LABELS,
  type Exposure,
  type JobEntry,
  type JobRef,
  quoted,
} from '../../answers/answer.js'
import { escapeAndFit, escapeText, link, type Run, runsToMrkdwn, truncateRaw, userMention } from './mrkdwn.js'

type KnownBlock = types.KnownBlock
type Button = types.Button

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  contextElements: 10,
  actionsElements: 25,
  fallbackText: 3000,
  /** Serialised blocks of a message; Slack has refused messages past ~13k characters (`msg_blocks_too_long`). */
  messageChars: 11_000,
  /** Serialised blocks of the App Home view; no documented cap below 100 blocks, so stay modest. */
  homeChars: 24_000,
  /** Passages shown per answer; more would drown the channel and the block budget. */
  items: 3,
  buttonsPerRow: 5,
  /** Buttons under one passage, and at the end of the answer: enough for every action the bot offers. */
  itemButtons: 5,
  answerButtons: 10,
} as const

/** Prefix of every button's action_id; the action listener matches on it. */
export const ACTION_ID_PREFIX = 'iac:btn:'

export interface SlackMessage {
  /** Notification and accessibility fallback; escaped mrkdwn. */
  text: string
  blocks: KnownBlock[]
}

export interface RenderOptions {
  maxBlocks?: number
  maxChars?: number
  /** Distinguishes action_ids when several answers share one surface (App Home). */
  idPrefix?: string
}

const EXPOSURE_ORDER: Exposure[] = ['menacé', 'évolue', 'résiste']

const size = (block: KnownBlock): number => JSON.stringify(block).length

/** Adds blocks while they fit both budgets; once one does not, the list is closed so order is never shuffled. */
class BlockBudget {
  readonly blocks: KnownBlock[] = []
  private used = 0
  private closed = false
  dropped = false

  constructor(
    private readonly maxBlocks: number,
    private readonly maxChars: number,
  ) {}

  /** Adds all the blocks or none of them. */
  push(...blocks: KnownBlock[]): boolean {
    if (blocks.length === 0) return true
    const cost = blocks.reduce((sum, b) => sum + size(b), 0)
    if (
      this.closed ||
      this.blocks.length + blocks.length > this.maxBlocks ||
      this.used + cost > this.maxChars
    ) {
      this.closed = true
      this.dropped = true
      return false
    }
    this.blocks.push(...blocks)
    this.used += cost
    return true
  }
}

const mrkdwnSection = (text: string): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text === '' ? ' ' : text },
})

const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts
    .filter((t) => t !== '')
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn' as const, text: text.slice(0, LIMITS.sectionText) })),
})

function header(title: string): types.HeaderBlock {
  const text = escapeAndFit(title.trim() || 'ia-cinema', LIMITS.headerText)
  return { type: 'header', text: { type: 'plain_text', text, emoji: true } }
}

const badge = (job: JobRef): string => {
  const label = EXPOSURE_LABELS[job.exposure]
  return label ? `${label.emoji} ${label.fr}` : ''
}

/** Buttons, in rows; an action whose id does not fit a button value is dropped rather than sent broken. */
function actionRows(actions: Action[], nextId: () => string): types.ActionsBlock[] {
  const buttons: Button[] = []
  for (const action of actions) {
    if (typeof action.id !== 'string' || action.id === '' || action.id.length > LIMITS.buttonValue) continue
    const button: Button = {
      type: 'button',
      text: {
        type: 'plain_text',
        text: escapeAndFit(action.label.trim() || action.kind, LIMITS.buttonText),
        emoji: true,
      },
      value: action.id,
      action_id: nextId(),
    }
    if (action.style === 'primary' || action.style === 'danger') button.style = action.style
    buttons.push(button)
  }
  const rows: types.ActionsBlock[] = []
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.buttonsPerRow) })
  }
  return rows
}

function itemRuns(item: AnswerItem): Run[] {
  const segments = Array.isArray(item.segments) ? item.segments : []
  // Segments are expected to rebuild the text exactly; if they do not, the verbatim text wins over the bold.
  const consistent = segments.length > 0 && segments.map((s) => s.text).join('') === item.text
  // Quote texts carry their own guillemets and reporting clause (« … », explique un restaurateur).
  return consistent
    ? segments.map((s) => ({ text: s.text, bold: s.match }))
    : [{ text: item.text, bold: false }]
}

function sourceLine(item: AnswerItem): string {
  const { source } = item
  const details = [source.publisher, source.year ? String(source.year) : '']
    .filter((d) => d !== '')
    .join(', ')
  const target = typeof item.link === 'string' && item.link !== '' ? item.link : source.url
  return `Source : ${link(target, truncateRaw(source.title || target, 300))}${details ? ` — ${escapeAndFit(details, 200)}` : ''}`
}

function itemBlocks(item: AnswerItem, textMax: number): KnownBlock[] {
  const path = item.section.filter((s) => s.trim() !== '').join(' › ')
  const head = [path ? `*${escapeAndFit(path, 300)}*` : '', item.job ? badge(item.job) : '']
    .filter((s) => s !== '')
    .join('  ·  ')
  const who = attribution(item)
  const speaker = who ? `— ${escapeAndFit(who, 200)}` : ''
  const frame = (head ? head.length + 1 : 0) + (speaker ? speaker.length + 1 : 0)
  const body = runsToMrkdwn(itemRuns(item), Math.max(1, textMax - frame))
  const text = [head, body, speaker].filter((s) => s !== '').join('\n')
  return [mrkdwnSection(text), context(sourceLine(item))]
}

function jobLines(jobs: JobEntry[], max: number): string {
  const lines = jobs.map((job) => {
    const summary = job.summary ? `\n${escapeAndFit(job.summary, 500)}` : ''
    return `${badge(job)} — *${escapeAndFit(job.name, 200)}*${summary}`
  })
  return fitLines(lines, max, '\n\n')
}

/** Joins already-escaped lines, stopping at a line boundary (never inside an entity or a bold run). */
function fitLines(lines: string[], max: number, separator = '\n'): string {
  let out = ''
  for (const line of lines) {
    const next = out === '' ? line : `${out}${separator}${line}`
    if (next.length > max)
      return out === '' ? `${line.slice(0, max - 1)}…` : `${out}${separator}…`.slice(0, max)
    out = next
  }
  return out
}

function jobMapBlocks(map: JobEntry[]): KnownBlock[] {
  return EXPOSURE_ORDER.flatMap((exposure) => {
    const group = map.filter((job) => job.exposure === exposure)
    const label = EXPOSURE_LABELS[exposure]
    if (group.length === 0 || !label) return []
    const lines = group.map((job) => {
      const summary = job.summary ? ` — ${escapeAndFit(job.summary, 300)}` : ''
      return `• *${escapeAndFit(job.name, 200)}*${summary}`
    })
    return [mrkdwnSection(fitLines([`${label.emoji} *${label.fr}*`, ...lines], LIMITS.sectionText))]
  })
}

function sourceBlocks(answer: Answer): KnownBlock[] {
  return (answer.sources ?? []).slice(0, 5).map((entry) => {
    const { source } = entry
    const lines = [
      `${link(source.url, truncateRaw(source.title || source.url, 300))} — ${escapeAndFit(`${source.publisher}, ${source.year}`, 200)}`,
      escapeText(`${entry.passages} passages, ${entry.quotes} citations`),
      ...entry.studies
        .slice(0, 10)
        .map(
          (s) => `• ${escapeAndFit(`${s.title} (${[s.publisher, s.date].filter(Boolean).join(', ')})`, 300)}`,
        ),
    ]
    return mrkdwnSection(fitLines(lines, LIMITS.sectionText))
  })
}

function lineSections(lines: string[]): KnownBlock[] {
  const sections: KnownBlock[] = []
  let current: string[] = []
  let length = 0
  for (const raw of lines) {
    const line = escapeAndFit(raw, LIMITS.sectionText)
    if (current.length > 0 && length + 1 + line.length > LIMITS.sectionText) {
      sections.push(mrkdwnSection(current.join('\n')))
      current = []
      length = 0
    }
    current.push(line)
    length += (current.length > 1 ? 1 : 0) + line.length
  }
  if (current.length > 0) sections.push(mrkdwnSection(current.join('\n')))
  return sections
}

function exampleSection(examples: string[]): KnownBlock {
  const lines = examples.slice(0, 20).map((raw) => {
    const example = escapeAndFit(raw, 300)
    // A backtick inside would close the code span early.
    return raw.includes('`') ? `• ${example}` : `• \`${example}\``
  })
  return mrkdwnSection(fitLines(['*Exemples*', ...lines], LIMITS.sectionText))
}

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
  for (const section of lineSections(answer.lines)) body.push(section)
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

/** A short private message (feedback recorded, stale button, error). */
export function renderNotice(message: string): SlackMessage {
  const text = escapeAndFit(message.trim() || '…', LIMITS.sectionText)
  return { text, blocks: [mrkdwnSection(text)] }
}

/** The public message posted when someone shares a passage: the passage, its source and who shared it. */
export function renderShare(item: AnswerItem, userId: string | undefined): SlackMessage {
  const path = item.section.filter((s) => s.trim() !== '').join(' › ')
  const head = path ? `*${escapeAndFit(path, 300)}*\n` : ''
  const body = escapeAndFit(quoted(item), LIMITS.sectionText - head.length)
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

/** App Home: the onboarding content, optionally preceded by what a click in the Home led to. */
export function renderHome(onboarding: Answer, lead?: Answer | string): KnownBlock[] {
  const first =
    lead === undefined
      ? []
      : typeof lead === 'string'
        ? renderNotice(lead).blocks
        : renderAnswer(lead, {
            maxBlocks: LIMITS.messageBlocks,
            maxChars: LIMITS.messageChars,
            idPrefix: 'l',
          }).blocks
  const separator: KnownBlock[] = first.length > 0 ? [{ type: 'divider' }] : []
  const used = first.reduce((sum, b) => sum + size(b), 0)
  const rest = renderAnswer(onboarding, {
    maxBlocks: LIMITS.homeBlocks - first.length - separator.length,
    maxChars: LIMITS.homeChars - used,
    idPrefix: 'h',
  }).blocks
  return [...first, ...separator, ...rest]
}
