/** Sets of a question's terms as 32-bit masks, one bit per term, and choosing the best few positions. */

export function popcount(mask: number): number {
  let count = 0
  for (let rest = mask; rest !== 0; rest = (rest & (rest - 1)) >>> 0) count++
  return count
}

/** The mask of the terms `wanted` accepts. */
export const maskOf = (terms: readonly string[], wanted: (term: string) => boolean): number =>
  terms.reduce((mask, term, bit) => (wanted(term) ? (mask | (1 << bit)) >>> 0 : mask), 0)

/** The bit of one term. */
export const bitOf = (terms: readonly string[], term: string): number => (1 << terms.indexOf(term)) >>> 0

/** The `keep` first items in `compare`'s order, sorted, without sorting all of them. */
export function selectBest(
  items: ArrayLike<number> & Iterable<number>,
  keep: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (keep <= 0) return []
  if (items.length <= keep * 4) return Array.from(items).sort(compare).slice(0, keep)
  const top: number[] = []
  for (const item of items) {
    if (top.length === keep && compare(item, top[keep - 1] as number) >= 0) continue
    let at = top.length
    while (at > 0 && compare(item, top[at - 1] as number) < 0) at--
    top.splice(at, 0, item)
    if (top.length > keep) top.pop()
  }
  return top
}
