import type { Statements } from './statements.js'

/** The channel of a daily quote's slot ("2026-11-26 slack:C123" → "slack:C123"): rounds are per channel. */
export function channelOfSlot(slot: string): string {
  return slot.slice(slot.indexOf(' ') + 1)
}

/**
 * The quote to post given the channel's current round and what it has posted: one not yet posted in the
 * round (a new round once all have been), drawn with `random`. Undefined when there are no candidates.
 */
export function chooseQuote(
  candidates: string[],
  round: number,
  posted: ReadonlySet<string>,
  random: () => number,
): { chosen: string; round: number } | undefined {
  const ids = [...new Set(candidates)]
  if (ids.length === 0) return undefined
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
  return { chosen: remaining[index] as string, round }
}

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
  const channel = channelOfSlot(slot)
  const round = statements.currentRound.get(channel)?.round ?? 1
  const posted = new Set(statements.postedInRound.all(round, channel).map((row) => row.record_id))
  const choice = chooseQuote(candidates, round, posted, random)
  if (!choice) return undefined
  const inserted = statements.insertDailyQuote.run(slot, choice.chosen, choice.round, Date.now())
  return inserted.changes === 1 ? choice.chosen : undefined
}
