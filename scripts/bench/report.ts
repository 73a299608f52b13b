/**
 * How the bench prints its figures: the scale table of issue 11 with the targets beside, then details.
 * Durations in the table are CPU time of the measuring process: on a machine shared with other work,
 * wall-clock time measures the other work too; it is in the details beside.
 */
import type { CorpusFigures, Timings } from './measure-corpus.js'
import type { StartupFigures } from './startup.js'
import type { Spread } from './stats.js'

/** Issue 11's targets at 1,000 documents (~50,000 records); smaller corpora must meet them too. */
export const TARGETS = {
  buildMs: 5_000,
  p50Ms: 5,
  p99Ms: 20,
  rssMB: 300,
  /** Peak during a reload, as a multiple of the steady RSS after load. */
  reloadRatio: 1.5,
} as const

const mark = (ok: boolean) => (ok ? '✓' : '✗')
const thousands = (n: number) => n.toLocaleString('en-US')

export function duration(ms: number): string {
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(ms >= 10_000 ? 1 : 2)} s`
  if (ms >= 10) return `${ms.toFixed(0)} ms`
  if (ms >= 1) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

function quantiles(s: Spread): string {
  return `${duration(s.p50)} / ${duration(s.p99)} ${mark(s.p50 <= TARGETS.p50Ms && s.p99 <= TARGETS.p99Ms)}`
}

const HEADER = [
  'documents',
  'records',
  `index build (≤ ${TARGETS.buildMs / 1000} s)`,
  'raw MiniSearch build',
  `query p50 / p99, eval (≤ ${TARGETS.p50Ms} / ${TARGETS.p99Ms} ms)`,
  `p50 / p99, never-seen (≤ ${TARGETS.p50Ms} / ${TARGETS.p99Ms} ms)`,
  `RSS after load (≤ ${TARGETS.rssMB} MB)`,
  `RSS during reload (≤ ${TARGETS.reloadRatio}× steady)`,
]

/** One row of the table. */
function row(f: CorpusFigures): string[] {
  const ratio = f.reload.rssPeakMB / f.rssAfterLoadMB
  return [
    thousands(f.documents),
    thousands(f.records),
    `${duration(f.load.cpu.totalMs)} ${mark(f.load.cpu.totalMs <= TARGETS.buildMs)}`,
    duration(f.rawBuild.cpuMs),
    quantiles(f.evalQueries.cpu),
    quantiles(f.neverSeenQueries.cpu),
    `${f.rssAfterLoadMB.toFixed(0)} MB ${mark(f.rssAfterLoadMB <= TARGETS.rssMB)}`,
    `${f.reload.rssPeakMB.toFixed(0)} MB (${ratio.toFixed(2)}×) ${mark(ratio <= TARGETS.reloadRatio)}`,
  ]
}

/** The scale table, as Markdown so that it can go into the README as printed. */
export function scaleTable(figures: CorpusFigures[]): string {
  const lines = [HEADER, HEADER.map(() => '---'), ...figures.map(row)]
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

const spreadLine = (s: Spread) => `p50 ${duration(s.p50)}, p99 ${duration(s.p99)}, max ${duration(s.max)}`
const timingsLine = (t: Timings) =>
  `CPU ${spreadLine(t.cpu)}; wall ${spreadLine(t.wall)} (${thousands(t.cpu.count)} calls)`
const both = (cpu: number, wall: number) => `${duration(cpu)} CPU (${duration(wall)} wall)`

/** Everything else measured on one corpus, one fact a line. */
export function details(f: CorpusFigures): string {
  const { load } = f
  const commands = Object.entries(f.commands).map(
    ([name, c]) => `${name} first ${duration(c.first)}, then p50 ${duration(c.p50)}, max ${duration(c.max)}`,
  )
  const averages = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ')
  return [
    `${thousands(f.documents)} documents, ${thousands(f.records)} records (Node ${f.node}; load average ${averages(f.loadAverage.start)} at start, ${averages(f.loadAverage.end)} at end):`,
    `  load through EngineHolder.load ${both(load.cpu.totalMs, load.totalMs)} = read and chunk ${both(load.cpu.readMs, load.readMs)} + index ${both(load.cpu.buildMs, load.buildMs)} + prepare commands and autocomplete ${both(load.cpu.prepareMs, load.prepareMs)}`,
    `  raw MiniSearch over the same texts ${both(f.rawBuild.cpuMs, f.rawBuild.ms)}: the index alone costs ×${(load.cpu.buildMs / Math.max(f.rawBuild.cpuMs, 0.001)).toFixed(0)}`,
    `  first question after start (cold, whole bot.ask): ${both(f.coldFirstQuery.cpuMs, f.coldFirstQuery.ms)}`,
    `  reload beside the serving engine: ${both(f.reload.cpuMs, f.reload.ms)}, event loop held up to ${duration(f.reload.longestEventLoopBlockMs)} at once, RSS peak ${f.reload.rssPeakMB.toFixed(0)} MB, ${f.reload.rssAfterMB.toFixed(0)} MB after`,
    `  engine.search, eval questions: ${timingsLine(f.evalQueries)}`,
    `  engine.search, never-seen questions: ${timingsLine(f.neverSeenQueries)}`,
    `  whole search command, other never-seen questions: ${timingsLine(f.neverSeenAnswers)}`,
    `  raw MiniSearch (fuzzy 0.2 + prefix), eval: ${timingsLine(f.rawEvalQueries)}`,
    `  raw MiniSearch (fuzzy 0.2 + prefix), never-seen: ${timingsLine(f.rawNeverSeenQueries)}`,
    `  commands per call, CPU (answer cache bypassed; < 1 ms is the aim): ${commands.join('; ')}`,
    `  autocomplete per keystroke: ${timingsLine(f.autocomplete)}`,
    `  hostile questions, whole search command, ${f.adversarial[0]?.cpu.count ?? 0} distinct per kind (CPU p50 / max; wall max):`,
    ...f.adversarial.map(
      (a) =>
        `    ${a.kind.padEnd(38)} ${duration(a.cpu.p50).padStart(8)} / ${duration(a.cpu.max).padStart(8)}; ${duration(a.wall.max).padStart(8)}`,
    ),
  ].join('\n')
}

export function startupLines(s: StartupFigures): string {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
  const all = (xs: number[]) => xs.map(duration).join(', ')
  return [
    `start to first answer (echo monteur | bot, console chat; wall clock, load average ${s.loadAverage.toFixed(1)}), median of ${s.tsxMs.length}:`,
    `  tsx src/main.ts (npm start)                 ${duration(median(s.tsxMs))}  (${all(s.tsxMs)})`,
    `  node dist/src/main.js (npm run start:prod)  ${duration(median(s.compiledMs))}  (${all(s.compiledMs)})`,
  ].join('\n')
}
