/**
 * Button state, encoded in the button itself (Slack `value`/`action_id`, Discord `custom_id`) so that any
 * process can answer a click. Every encoded id fits in 100 characters, Discord's custom_id limit, which is
 * also well under Slack's 255 (action_id) and 2,000 (value).
 */

import type { Action, AnswerItem } from './answer.js'

export const MAX_ACTION_ID_LENGTH = 100

export type ParsedAction =
  | { kind: 'share'; recordId: string }
  | { kind: 'card'; recordId: string }
  | { kind: 'more'; offset: number; terms: string[] }
  | { kind: 'quote'; terms: string[] }
  | { kind: 'next'; step: number }
  | { kind: 'feedback'; helpful: boolean; recordId: string; queryKey?: string }

const PREFIX = 'iac'

/** Keeps whole terms, in order, while the id stays within the limit. */
function fitTerms(head: string, terms: string[]): string {
  let id = head
  for (const term of terms) {
    const next = `${id}${id.endsWith(':') ? '' : ' '}${term}`
    if (next.length > MAX_ACTION_ID_LENGTH) break
    id = next
  }
  return id
}

export function encodeAction(action: ParsedAction): string {
  switch (action.kind) {
    case 'share':
    case 'card':
      return `${PREFIX}:${action.kind}:${action.recordId}`.slice(0, MAX_ACTION_ID_LENGTH)
    case 'more':
      return fitTerms(`${PREFIX}:more:${action.offset}:`, action.terms)
    case 'quote':
      return fitTerms(`${PREFIX}:quote:`, action.terms)
    case 'next':
      return `${PREFIX}:next:${action.step}`
    case 'feedback':
      return `${PREFIX}:fb:${action.helpful ? 'up' : 'down'}:${action.queryKey ?? ''}:${action.recordId}`.slice(
        0,
        MAX_ACTION_ID_LENGTH,
      )
  }
}

const splitTerms = (s: string): string[] => s.split(' ').filter((t) => t.length > 0)

/** Returns undefined for anything that is not one of our ids (stale buttons, forged payloads). */
export function decodeAction(id: string): ParsedAction | undefined {
  if (typeof id !== 'string' || id.length > MAX_ACTION_ID_LENGTH || !id.startsWith(`${PREFIX}:`))
    return undefined
  const [, kind = '', ...rest] = id.split(':')
  const tail = rest.join(':')
  switch (kind) {
    case 'share':
    case 'card':
      return tail ? { kind, recordId: tail } : undefined
    case 'more': {
      const [offsetText = '', ...termParts] = rest
      const offset = Number(offsetText)
      if (!Number.isInteger(offset) || offset < 0 || offset > 1000) return undefined
      return { kind: 'more', offset, terms: splitTerms(termParts.join(':')) }
    }
    case 'quote':
      return { kind: 'quote', terms: splitTerms(tail) }
    case 'next': {
      const step = Number(tail)
      return Number.isInteger(step) && step >= 0 && step < 1000 ? { kind: 'next', step } : undefined
    }
    case 'fb': {
      const [vote = '', queryKey = '', ...recordParts] = rest
      const recordId = recordParts.join(':')
      if ((vote !== 'up' && vote !== 'down') || !recordId || !/^[0-9a-z]{0,16}$/.test(queryKey))
        return undefined
      return { kind: 'feedback', helpful: vote === 'up', recordId, ...(queryKey ? { queryKey } : {}) }
    }
    default:
      return undefined
  }
}

/** The buttons under one item: share it in the channel, and a quote also as an image card. */
export function itemActions(item: Pick<AnswerItem, 'id' | 'kind'>, style?: Action['style']): Action[] {
  const share: Action = {
    kind: 'share',
    label: 'Partager dans le canal',
    id: encodeAction({ kind: 'share', recordId: item.id }),
    itemId: item.id,
    ...(style ? { style } : {}),
  }
  if (item.kind !== 'quote') return [share]
  return [
    share,
    { kind: 'card', label: 'Carte', id: encodeAction({ kind: 'card', recordId: item.id }), itemId: item.id },
  ]
}
