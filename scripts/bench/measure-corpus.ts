/**
 * Everything the bench measures on one corpus folder, in one process (run it in a process of its own per
 * corpus: memory figures are the process'). The order matters: memory right after the load, then a reload
 * beside the serving engine, then raw MiniSearch and the queries, whose own allocations come last.
 */
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { pino } from 'pino'
import { citationCommand } from '../../commands/citation.js'
import type { CommandContext } from '../../commands/command.js'
import { metiersCommand } from '../../commands/metiers.js'
import { parcoursCommand } from '../../commands/parcours.js'
import { searchCommand } from '../../commands/search.js'
import { sourcesCommand } from '../../commands/sources.js'
import { createBot } from '../../src/bot/create-bot.js'
import { buildOnThisThread, type EngineBuilder, EngineHolder } from '../../src/bot/engine-holder.js'
import { suggest } from '../../src/bot/suggest.js'
import type { SearchEngine } from '../../src/search/engine.js'
import { adversarialQuestions } from './adversarial.js'
import { evalQuestions, neverSeenQuestions, vocabularyOf } from './questions.js'
import { buildRaw, type RawIndex } from './raw-minisearch.js'
import {
  collectGarbage,
  cpuMs,
  durations,
  maxRssMB,
  rssMB,
  type Spread,
  spread,
  timed,
  timedAsync,
} from './stats.js'
import { seededRandom } from './synthetic-corpus.js'

export interface CallFigures {
  /** The first call after the corpus was loaded (and prepared). */
  first: number
  p50: number
  max: number
}

/** Wall-clock and CPU time of the same calls (CPU time is what they cost on a machine of their own). */
export interface Timings {
  wall: Spread
  cpu: Spread
}

export interface CorpusFigures {
  node: string
  documents: number
  records: number
  /** Load averages of the machine (1, 5, 15 min) when the measures started and ended. */
  loadAverage: { start: number[]; end: number[] }
  /**
   * Through EngineHolder.load, as `npm start` does: read and chunk, index, prepare what commands need;
   * wall-clock times, and the CPU time of each part.
   */
  load: {
    totalMs: number
    readMs: number
    buildMs: number
    prepareMs: number
    cpu: { totalMs: number; readMs: number; buildMs: number; prepareMs: number }
  }
  rawBuild: { ms: number; cpuMs: number }
  coldFirstQuery: { ms: number; cpuMs: number }
  rssAfterLoadMB: number
  reload: {
    ms: number
    cpuMs: number
    rssPeakMB: number
    rssAfterMB: number
    longestEventLoopBlockMs: number
  }
  /** engine.search(q, { limit: 3 }), each question once. */
  evalQueries: Timings
  neverSeenQueries: Timings
  /** The whole search command (search, items, badges, buttons), never-seen questions not asked before. */
  neverSeenAnswers: Timings
  rawEvalQueries: Timings
  rawNeverSeenQueries: Timings
  commands: Record<
    'sources' | 'metiers' | 'metiers menacés' | 'parcours 1' | 'parcours middle' | 'citation',
    CallFigures
  >
  /** One call per keystroke of typed questions. */
  autocomplete: Timings
  /** The whole search command on hostile questions (scripts/bench/adversarial.ts), per kind. */
  adversarial: Array<{ kind: string } & Timings>
}

export interface MeasureOptions {
  corpusDir: string
  /** Never-seen questions per measured set. */
  neverSeen: number
  seed: number
}

const COLD_QUESTION = 'Quels métiers sont menacés par l’IA ?'
const WARM_UP = 100
const COMMAND_CALLS = 30
/** Distinct hostile questions of each kind. */
const ADVERSARIAL_PER_KIND = 20
/** Questions timed on raw MiniSearch from 5,000 records on (see rawSample). */
const RAW_SAMPLE_AT_SCALE = 100
const RAW_WARM_UP = 20
const TYPED = [
  'monteur vidéo',
  'quels métiers sont menacés',
  'citation miyazaki',
  'effets spéciaux',
  'doublage',
]

/** CPU time per call: these calls last microseconds, where a machine's other work would drown them. */
function callFigures(run: () => unknown): CallFigures {
  const first = timed(run).cpu
  const rest = spread(Array.from({ length: COMMAND_CALLS }, () => timed(run).cpu))
  return { first, p50: rest.p50, max: Math.max(first, rest.max) }
}

async function loadTimed(corpusDir: string) {
  const now = () => ({ wall: performance.now(), cpu: cpuMs() })
  const marks = { buildStart: now(), buildEnd: now() }
  // The project's own builder, with marks around it: reading and preparing are what remains of the load.
  const build: EngineBuilder = async (corpus) => {
    marks.buildStart = now()
    const engine = await buildOnThisThread(corpus)
    marks.buildEnd = now()
    return engine
  }
  const start = now()
  const holder = await EngineHolder.load(corpusDir, pino({ level: 'silent' }), { build })
  const end = now()
  const parts = (key: 'wall' | 'cpu') => ({
    totalMs: end[key] - start[key],
    readMs: marks.buildStart[key] - start[key],
    buildMs: marks.buildEnd[key] - marks.buildStart[key],
    prepareMs: end[key] - marks.buildEnd[key],
  })
  return { holder, load: { ...parts('wall'), cpu: parts('cpu') } }
}

/** A reload while the first engine serves: its duration, the memory it peaks at and how long it holds the loop. */
async function measureReload(holder: EngineHolder) {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  let sampled = 0
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, rssMB())
  }, 5)
  const maxBefore = maxRssMB()
  delay.enable()
  const { ms, cpu, value: ok } = await timedAsync(() => holder.reload('bench'))
  delay.disable()
  clearInterval(sampler)
  if (!ok) throw new Error(`bench: the reload failed: ${holder.status().lastError?.message}`)
  // The kernel's high-water mark is exact but covers the whole process; if the load peaked higher, the
  // reload's peak is the highest sample taken while it ran (the loop was free at those moments).
  const maxAfter = maxRssMB()
  const rssPeakMB = maxAfter > maxBefore ? maxAfter : Math.max(sampled, rssMB())
  collectGarbage()
  return { ms, cpuMs: cpu, rssPeakMB, rssAfterMB: rssMB(), longestEventLoopBlockMs: delay.max / 1e6 }
}

function keystrokes(): string[] {
  return TYPED.flatMap((text) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)))
}

/** Each kind of hostile question, distinct ones, through the whole search command. */
function adversarialTimings(context: CommandContext, vocabulary: string[], seed: number) {
  const questions = adversarialQuestions(seededRandom(seed * 17 + 5), vocabulary, ADVERSARIAL_PER_KIND)
  const kinds = [...new Set(questions.map((q) => q.kind))]
  return kinds.map((kind) => ({
    kind,
    ...durations(
      questions.filter((q) => q.kind === kind).map((q) => q.text),
      (text) => searchCommand.run(text, context),
    ),
  }))
}

export async function measureCorpus(options: MeasureOptions): Promise<CorpusFigures> {
  const loadAverageAtStart = loadavg()
  const { holder, load } = await loadTimed(options.corpusDir)
  const bot = createBot(() => holder.engine)
  const cold = await timedAsync(() => bot.ask(COLD_QUESTION, { platform: 'console' }))
  collectGarbage()
  const rssAfterLoadMB = rssMB()
  const reload = await measureReload(holder)

  const engine: SearchEngine = holder.engine
  const records = [...engine.records.values()]
  const rawRuns = records.length < 5_000 ? 5 : 1
  const rawBuilds = Array.from({ length: rawRuns }, () => timed(() => buildRaw(records)))
  const rawBuild = {
    ms: spread(rawBuilds.map((b) => b.ms)).p50,
    cpuMs: spread(rawBuilds.map((b) => b.cpu)).p50,
  }
  const raw: RawIndex = (rawBuilds[0] as { value: RawIndex }).value
  // Raw MiniSearch is the reference, not the product: at 50,000 records a query takes about 0.4 s, and all the
  // questions would make the bench six minutes longer. Every k-th question, across the whole set, says the same.
  const rawSample = (questions: string[]) => {
    if (records.length < 5_000) return questions
    const stride = Math.max(1, Math.ceil(questions.length / RAW_SAMPLE_AT_SCALE))
    return questions.filter((_, i) => i % stride === 0)
  }

  const { questions: evalQs } = evalQuestions()
  const vocabulary = vocabularyOf(records.map((r) => r.text))
  const seen = new Set(evalQs)
  const [warm, setA, setB] = [0, 1, 2].map((i) => {
    const made = neverSeenQuestions(
      vocabulary,
      i === 0 ? WARM_UP : options.neverSeen,
      options.seed * 31 + i,
      seen,
    )
    for (const q of made) seen.add(q)
    return made
  })
  const context: CommandContext = {
    engine,
    requester: { platform: 'console' },
    random: seededRandom(options.seed),
  }
  for (const q of warm ?? []) {
    engine.search(q, { limit: 3 })
    searchCommand.run(q, context)
  }
  for (const q of rawSample(warm ?? []).slice(0, RAW_WARM_UP)) raw.search(q)

  const middleStep = String(Math.ceil((parcoursCommand.run('1', context).step?.total ?? 2) / 2))
  const commands = {
    sources: callFigures(() => sourcesCommand.run('', context)),
    metiers: callFigures(() => metiersCommand.run('', context)),
    'metiers menacés': callFigures(() => metiersCommand.run('menacés', context)),
    'parcours 1': callFigures(() => parcoursCommand.run('1', context)),
    'parcours middle': callFigures(() => parcoursCommand.run(middleStep, context)),
    citation: callFigures(() => citationCommand.run('', context)),
  }
  const figures = {
    node: process.version,
    documents: engine.documents.length,
    records: records.length,
    load,
    rawBuild,
    coldFirstQuery: { ms: cold.ms, cpuMs: cold.cpu },
    rssAfterLoadMB,
    reload,
    evalQueries: durations(evalQs, (q) => engine.search(q, { limit: 3 })),
    neverSeenQueries: durations(setA ?? [], (q) => engine.search(q, { limit: 3 })),
    neverSeenAnswers: durations(setB ?? [], (q) => searchCommand.run(q, context)),
    rawEvalQueries: durations(rawSample(evalQs), (q) => raw.search(q)),
    rawNeverSeenQueries: durations(rawSample(setA ?? []), (q) => raw.search(q)),
    commands,
    autocomplete: durations(keystrokes(), (typed) => suggest(engine, typed)),
    adversarial: adversarialTimings(context, vocabulary, options.seed),
  }
  return { ...figures, loadAverage: { start: loadAverageAtStart, end: loadavg() } }
}
