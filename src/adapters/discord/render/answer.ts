import type { Answer, AnswerItem } from '../../../answers/answer.js'
import { LIMITS } from '../limits.js'
import { renderButtons } from './buttons.js'
import { headEmbed } from './head.js'
import { itemEmbed, wantedDescription } from './item.js'
import { embedSize, type RenderedMessage } from './text.js'

/** While items follow, the head embed (title, lines, fields) keeps at most this much of the 6,000. */
const HEAD_SHARE = 2000

/** An item is shown only if at least this much of its text fits (or all of it, when shorter). */
const MIN_ITEM_TEXT = 120

/** Max-min fair shares: short texts get all they need, long ones split what is left. */
function shareBudget(wanted: number[], budget: number): number[] {
  const shares = wanted.map(() => 0)
  const order = wanted.map((_, index) => index).sort((a, b) => (wanted[a] ?? 0) - (wanted[b] ?? 0))
  let left = budget
  let remaining = order.length
  for (const index of order) {
    const share = Math.floor(left / remaining)
    const given = Math.min(wanted[index] ?? 0, share)
    shares[index] = given
    left -= given
    remaining -= 1
  }
  return shares
}

export function renderAnswer(answer: Answer): RenderedMessage {
  const items = answer.items.slice(0, LIMITS.embeds - 1)
  const head = headEmbed(answer, items.length > 0 ? HEAD_SHARE : LIMITS.embedsTotal)
  let left = LIMITS.embedsTotal - embedSize(head)

  // Fixed parts first (title, badge, source), then the passages share what remains.
  const numbered = items.length > 1
  const chosen: Array<{ item: AnswerItem; fixed: number; wanted: number }> = []
  for (const [index, item] of items.entries()) {
    const fixed = embedSize(itemEmbed(item, numbered ? index + 1 : undefined, 0, answer.kind))
    const wanted = Math.min(wantedDescription(item), LIMITS.embedDescription)
    const needed = fixed + Math.min(wanted, MIN_ITEM_TEXT)
    if (needed > left) break
    chosen.push({ item, fixed, wanted })
    left -= needed
  }
  const minimums = chosen.map(({ wanted }) => Math.min(wanted, MIN_ITEM_TEXT))
  const extra = shareBudget(
    chosen.map(({ wanted }, index) => wanted - (minimums[index] ?? 0)),
    left,
  )

  const embeds = [head]
  const shown = new Map<string, number>()
  for (const [index, { item }] of chosen.entries()) {
    const max = (minimums[index] ?? 0) + (extra[index] ?? 0)
    embeds.push(itemEmbed(item, numbered ? index + 1 : undefined, max, answer.kind))
    shown.set(item.id, index + 1)
  }
  return { embeds, components: renderButtons(answer.actions, shown) }
}
