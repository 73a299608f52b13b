/** Actions as button rows: labels numbered after their item when they would repeat, ids unique. */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js'
import type { Action } from '../../../answers/answer.js'
import { LIMITS } from '../limits.js'
import { truncate } from '../markdown.js'
import { shortLine } from './text.js'

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>

const DEFAULT_LABELS: Record<Action['kind'], string> = {
  share: 'Partager',
  card: 'Carte',
  more: 'Plus de résultats',
  quote: 'Une citation',
  next: 'Suite',
  feedback: 'Avis',
}

const BUTTON_STYLES: Record<
  NonNullable<Action['style']>,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  danger: ButtonStyle.Danger,
}

function buttonLabel(action: Action, suffix: string): string {
  const base =
    shortLine(String(action.label ?? ''), LIMITS.buttonLabel) || DEFAULT_LABELS[action.kind] || 'Ouvrir'
  return `${truncate(base, LIMITS.buttonLabel - suffix.length)}${suffix}`
}

/** Buttons for the actions whose target is shown; numbered after their item when labels would repeat. */
export function renderButtons(actions: Action[], shownItems: Map<string, number>): ButtonRow[] {
  const usable = actions.filter(
    (action) =>
      typeof action.id === 'string' &&
      action.id.length > 0 &&
      action.id.length <= LIMITS.customId &&
      (action.itemId === undefined || shownItems.has(action.itemId)),
  )
  const labelCounts = new Map<string, number>()
  for (const action of usable) labelCounts.set(action.label, (labelCounts.get(action.label) ?? 0) + 1)

  const seen = new Set<string>()
  const buttons: APIButtonComponentWithCustomId[] = []
  for (const action of usable) {
    // Discord rejects a message in which two components share a custom_id.
    if (seen.has(action.id)) continue
    if (buttons.length >= LIMITS.buttonsPerRow * LIMITS.rows) break
    seen.add(action.id)
    const number = action.itemId === undefined ? undefined : shownItems.get(action.itemId)
    const repeated = (labelCounts.get(action.label) ?? 0) > 1
    const suffix = repeated && number !== undefined ? ` (${number})` : ''
    buttons.push({
      type: ComponentType.Button,
      custom_id: action.id,
      label: buttonLabel(action, suffix),
      style: BUTTON_STYLES[action.style ?? (action.kind === 'share' ? 'primary' : 'secondary')],
    })
  }
  const rows: ButtonRow[] = []
  for (let start = 0; start < buttons.length; start += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + LIMITS.buttonsPerRow),
    })
  }
  return rows
}
