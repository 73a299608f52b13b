import type { Statements } from './statements.js'

/**
 * The daily quote's claim, inside the caller's IMMEDIATE transaction: a quote not yet posted in the channel's
 * current round, recorded as posted for `slot`; undefined when the slot is taken or there is nothing to post.
 */
export function claimSlot(
  statements: Statements,
  slot: string,
  candidates: string[],
  random: () => number,
): string | undefined {
  if (statements.slotTaken.get(slot)) return undefined
  const ids = [...new Set(candidates)]
  if (ids.length === 0) return undefined
  const channel = slot.slice(slot.indexOf(' ') + 1)
  let round = statements.currentRound.get(channel)?.round ?? 1
  const posted = new Set(statements.postedInRound.all(round, channel).map((row) => row.record_id))
  // Ids posted earlier but gone from the corpus are simply not candidates: they neither block nor end a round.
  let remaining = ids.filter((id) => !posted.has(id))
  if (remaining.length === 0) {
    round += 1
    remaining = ids
  }
  const draw = random()
  const index = Number.isFinite(draw)
    ? Math.min(remaining.length - 1, Math.max(0, Math.floor(draw * remaining.length)))
    : 0
  const chosen = remaining[index] as string
  const inserted = statements.insertDailyQuote.run(slot, chosen, round, Date.now())
  return inserted.changes === 1 ? chosen : undefined
}
