/**
 * `npm run card -- --bench`: how long a card takes on this machine. Cold is the first card of a process
 * (fonts parsed, layout engine loaded); warm is any later card not yet cached, every quote in both sizes,
 * several rounds; cached is a card asked for again. Wall time, and the process's CPU time over the same span
 * (all threads: resvg draws off the main thread), which a busy machine disturbs less. Printed, never asserted.
 */
import { performance } from 'node:perf_hooks'
import { toItem } from '../../answers/items.js'
import { CardRenderer } from '../../cards/card-renderer.js'
import { cardContent } from '../../cards/content.js'
import { type CardFormat, FORMATS } from '../../cards/layout.js'
import { renderCard } from '../../cards/render.js'
import type { SearchEngine } from '../../search/engine.js'

const ROUNDS = 3

interface Timing {
  wall: number
  cpu: number
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await work()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }
}

function summary(label: string, timings: Timing[]): string {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
    return `p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(at(1))}`
  }
  const wall = stats(timings.map((t) => t.wall))
  const cpu = stats(timings.map((t) => t.cpu))
  return `${label.padEnd(28)} wall ${wall} | cpu ${cpu}  (${timings.length} cards)`
}

export async function benchCards(engine: SearchEngine, print: (line: string) => void): Promise<void> {
  const items = [...engine.records.values()]
    .filter((record) => record.kind === 'quote')
    .map((record) => toItem(engine, record))
  const formats = Object.keys(FORMATS) as CardFormat[]
  const first = items[0]
  if (!first) {
    print('no quote in the corpus')
    return
  }
  print(summary('cold (first card)', [await timed(() => renderCard(cardContent(first), 'landscape'))]))

  for (const format of formats) {
    const times: Timing[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const item of items) times.push(await timed(() => renderCard(cardContent(item), format)))
    }
    print(summary(`warm, not cached (${format})`, times))
  }

  const renderer = new CardRenderer()
  const version = engine.corpus.version
  for (const item of items) await renderer.card(item, version)
  const cached: Timing[] = []
  for (const item of items) cached.push(await timed(() => renderer.card(item, version)))
  print(summary('cached', cached))
}
