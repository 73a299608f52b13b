/**
 * Everything the bench measures on one corpus folder, in one process (run it in a process of its own per
 * corpus: memory figures are the process'). The order matters: memory right after the load, then a reload
 * beside the serving engine, then raw MiniSearch and the queries, whose own allocations come last.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
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
import { evalQuestions, neverSeenQuestions, vocabularyOf } from './questions.js'
import { buildRaw, type RawIndex } from './raw-minisearch.js'
import {
  collectGarbage,
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

export interface CorpusFigures {
  node: string
  documents: number
  records: number
  /** Through EngineHolder.load, as `npm start` does: read and chunk, index, prepare what commands need. */
  load: { totalMs: number; readMs: number; buildMs: number; prepareMs: number }
  rawBuildMs: number
  coldFirstQueryMs: number
  rssAfterLoadMB: number
  reload: { ms: number; rssPeakMB: number; rssAfterMB: number; longestEventLoopBlockMs: number }
  /** engine.search(q, { limit: 3 }), each question once. */
  evalQueries: Spread
  neverSeenQueries: Spread
  /** The whole search command (search, items, badges, buttons), never-seen questions not asked before. */
  neverSeenAnswers: Spread
  rawEvalQueries: Spread
  rawNeverSeenQueries: Spread
  commands: Record<
    'sources' | 'metiers' | 'metiers menacés' | 'parcours 1' | 'parcours middle' | 'citation',
    CallFigures
  >
  /** One call per keystroke of typed questions. */
  autocomplete: Spread
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
const TYPED = [
  'monteur vidéo',
  'quels métiers sont menacés',
  'citation miyazaki',
  'effets spéciaux',
  'doublage',
]

function callFigures(run: () => unknown): CallFigures {
  const first = timed(run).ms
  const rest = spread(Array.from({ length: COMMAND_CALLS }, () => timed(run).ms))
  return { first, p50: rest.p50, max: Math.max(first, rest.max) }
}

async function loadTimed(corpusDir: string) {
  const marks = { buildStart: 0, buildEnd: 0 }
  // The project's own builder, with marks around it: reading and preparing are what remains of the load.
  const build: EngineBuilder = async (corpus) => {
    marks.buildStart = performance.now()
    const engine = await buildOnThisThread(corpus)
    marks.buildEnd = performance.now()
    return engine
  }
  const start = performance.now()
  const holder = await EngineHolder.load(corpusDir, pino({ level: 'silent' }), { build })
  const end = performance.now()
  const load = {
    totalMs: end - start,
    readMs: marks.buildStart - start,
    buildMs: marks.buildEnd - marks.buildStart,
    prepareMs: end - marks.buildEnd,
  }
  return { holder, load }
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
  const { ms, value: ok } = await timedAsync(() => holder.reload('bench'))
  delay.disable()
  clearInterval(sampler)
  if (!ok) throw new Error(`bench: the reload failed: ${holder.status().lastError?.message}`)
  // The kernel's high-water mark is exact but covers the whole process; if the load peaked higher, the
  // reload's peak is the highest sample taken while it ran (the loop was free at those moments).
  const maxAfter = maxRssMB()
  const rssPeakMB = maxAfter > maxBefore ? maxAfter : Math.max(sampled, rssMB())
  collectGarbage()
  return { ms, rssPeakMB, rssAfterMB: rssMB(), longestEventLoopBlockMs: delay.max / 1e6 }
}

function keystrokes(): string[] {
  return TYPED.flatMap((text) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)))
}

export async function measureCorpus(options: MeasureOptions): Promise<CorpusFigures> {
  const { holder, load } = await loadTimed(options.corpusDir)
  const bot = createBot(() => holder.engine)
  const coldFirstQueryMs = (await timedAsync(() => bot.ask(COLD_QUESTION, { platform: 'console' }))).ms
  collectGarbage()
  const rssAfterLoadMB = rssMB()
  const reload = await measureReload(holder)

  const engine: SearchEngine = holder.engine
  const records = [...engine.records.values()]
  const rawRuns = records.length < 5_000 ? 5 : 1
  const rawBuilds = Array.from({ length: rawRuns }, () => timed(() => buildRaw(records)))
  const rawBuildMs = spread(rawBuilds.map((b) => b.ms)).p50
  const raw: RawIndex = (rawBuilds[0] as { value: RawIndex }).value

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
    raw.search(q)
  }

  const commands = {
    sources: callFigures(() => sourcesCommand.run('', context)),
    metiers: callFigures(() => metiersCommand.run('', context)),
    'metiers menacés': callFigures(() => metiersCommand.run('menacés', context)),
    'parcours 1': callFigures(() => parcoursCommand.run('1', context)),
    'parcours middle': callFigures(() =>
      parcoursCommand.run(
        String(Math.ceil((parcoursCommand.run('1', context).step?.total ?? 2) / 2)),
        context,
      ),
    ),
    citation: callFigures(() => citationCommand.run('', context)),
  }
  return {
    node: process.version,
    documents: engine.documents.length,
    records: records.length,
    load,
    rawBuildMs,
    coldFirstQueryMs,
    rssAfterLoadMB,
    reload,
    evalQueries: spread(durations(evalQs, (q) => engine.search(q, { limit: 3 }))),
    neverSeenQueries: spread(durations(setA ?? [], (q) => engine.search(q, { limit: 3 }))),
    neverSeenAnswers: spread(durations(setB ?? [], (q) => searchCommand.run(q, context))),
    rawEvalQueries: spread(durations(evalQs, (q) => raw.search(q))),
    rawNeverSeenQueries: spread(durations(setA ?? [], (q) => raw.search(q))),
    commands,
    autocomplete: spread(durations(keystrokes(), (typed) => suggest(engine, typed))),
  }
}
