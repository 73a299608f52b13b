/**
 * Block Kit building blocks within Slack's limits: sections, context, headers, button rows, and a budget that
 * keeps a message under the block count and size Slack accepts.
 */
import type { types } from '@slack/bolt'
import type { Action } from '../../../answers/answer.js'
import { escapeAndFit } from '../mrkdwn.js'

export type KnownBlock = types.KnownBlock

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

export const size = (block: KnownBlock): number => JSON.stringify(block).length

/** Adds blocks while they fit both budgets; once one does not, the list is closed so order is never shuffled. */
export class BlockBudget {
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

export const mrkdwnSection = (text: string): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text === '' ? ' ' : text },
})

export const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts
    .filter((t) => t !== '')
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn' as const, text: text.slice(0, LIMITS.sectionText) })),
})

export function header(title: string): types.HeaderBlock {
  const text = escapeAndFit(title.trim() || 'ia-cinema', LIMITS.headerText)
  return { type: 'header', text: { type: 'plain_text', text, emoji: true } }
}

/** Buttons, in rows; an action whose id does not fit a button value is dropped rather than sent broken. */
export function actionRows(actions: Action[], nextId: () => string): types.ActionsBlock[] {
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

/** Joins already-escaped lines, stopping at a line boundary (never inside an entity or a bold run). */
export function fitLines(lines: string[], max: number, separator = '\n'): string {
  let out = ''
  for (const line of lines) {
    const next = out === '' ? line : `${out}${separator}${line}`
    if (next.length > max)
      return out === '' ? `${line.slice(0, max - 1)}…` : `${out}${separator}…`.slice(0, max)
    out = next
  }
  return out
}

export function lineSections(lines: string[]): KnownBlock[] {
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
