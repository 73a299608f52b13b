import { type FSWatcher, watch } from 'node:fs'
import path from 'node:path'
import { CorpusError } from '../corpus/errors.js'
import { loadCorpus } from '../corpus/load-corpus.js'
import type { Corpus } from '../corpus/types.js'
import type { Logger } from '../logger.js'
import { SearchEngine } from '../search/engine.js'
import { escapeRegExp } from '../text/regexp.js'
import { prepareEngine } from './prepare-engine.js'

const WATCH_DEBOUNCE_MS = 250

export interface ReloadStatus {
  version: string
  loadedAt: Date
  /** Set while a new corpus is being loaded and indexed (the current one keeps serving meanwhile). */
  reloadingSince?: Date
  /** The last reload that failed (the previous corpus kept serving), if the latest attempt failed. */
  lastError?: { message: string; at: Date }
}

/** Turns a validated corpus into a serving engine; resolves once it is ready. */
export type EngineBuilder = (corpus: Corpus) => Promise<SearchEngine>

/**
 * Builds the engine on this thread in slices (SearchEngine.buildAsync): between two slices of about 20 ms
 * the event loop serves requests, so acks and /healthz keep answering while a large corpus is indexed.
 */
export const buildOnThisThread: EngineBuilder = (corpus) => SearchEngine.buildAsync(corpus)

export interface EngineHolderOptions {
  build?: EngineBuilder
}

/**
 * The engine currently serving, and its replacement when corpus/ changes: the new corpus is validated,
 * indexed and prepared (what the commands precompute) beside the old one, then swapped in at once; an
 * invalid corpus leaves the old one serving. One reload runs at a time; reloads asked for meanwhile make
 * one more, after it.
 */
export class EngineHolder {
  private current: SearchEngine
  private loadedAt = new Date()
  private lastError: ReloadStatus['lastError']
  private reloadingSince: Date | undefined
  private running: Promise<boolean> | undefined
  private queued: Promise<boolean> | undefined
  private watcher: FSWatcher | undefined
  private debounce: NodeJS.Timeout | undefined

  private constructor(
    engine: SearchEngine,
    private readonly directory: string,
    private readonly logger: Logger,
    private readonly build: EngineBuilder,
  ) {
    this.current = engine
  }

  static async load(
    directory: string,
    logger: Logger,
    options: EngineHolderOptions = {},
  ): Promise<EngineHolder> {
    const build = options.build ?? buildOnThisThread
    const engine = await build(await loadCorpus(directory))
    await prepareEngine(engine)
    return new EngineHolder(engine, directory, logger, build)
  }

  get engine(): SearchEngine {
    return this.current
  }

  status(): ReloadStatus {
    return {
      version: this.current.corpus.version,
      loadedAt: this.loadedAt,
      ...(this.reloadingSince ? { reloadingSince: this.reloadingSince } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    }
  }

  /**
   * Rebuilds from disk; resolves true when the new corpus is serving. Reloads never overlap: asked for
   * during one, a reload runs once after it, however many times it was asked for.
   */
  reload(reason: string): Promise<boolean> {
    if (this.queued) return this.queued
    const running = this.running
    if (!running) return this.start(reason)
    this.queued = running.then(() => {
      this.queued = undefined
      return this.start(reason)
    })
    return this.queued
  }

  /** Reloads whenever a file in the corpus folder changes (several events in a burst make one reload). */
  watch(): void {
    if (this.watcher) return
    this.watcher = watch(this.directory, { persistent: false }, () => {
      clearTimeout(this.debounce)
      this.debounce = setTimeout(() => void this.reload('corpus file changed'), WATCH_DEBOUNCE_MS)
    })
    this.watcher.on('error', (error) =>
      this.logger.warn({ err: error }, 'corpus watch failed; use the reload command'),
    )
  }

  close(): void {
    clearTimeout(this.debounce)
    this.watcher?.close()
    this.watcher = undefined
  }

  /**
   * File names relative to the corpus folder, and the folder itself never named: the message is shown on
   * /healthz, which is public on the Slack port, and the server's folders are nobody's business there (the
   * log line keeps the whole path).
   */
  private publicMessage(error: unknown): string {
    const folders = [...new Set([path.resolve(this.directory), this.directory])]
    if (error instanceof CorpusError && path.resolve(error.file) === path.resolve(this.directory)) {
      return `the corpus folder ${error.reason}`
    }
    let message = error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error)
    for (const folder of folders) {
      message = message.replaceAll(folder + path.sep, '')
      // The folder alone (a system error about it: "scandir '/srv/corpus'") becomes ".".
      message = message.replace(
        new RegExp(`${escapeRegExp(folder)}(?![\\w.\\-${escapeRegExp(path.sep)}])`, 'g'),
        '.',
      )
    }
    return message
  }

  private start(reason: string): Promise<boolean> {
    const run = this.rebuild(reason).finally(() => {
      if (this.running === run) this.running = undefined
    })
    this.running = run
    return run
  }

  private async rebuild(reason: string): Promise<boolean> {
    this.reloadingSince = new Date()
    try {
      const engine = await this.build(await loadCorpus(this.directory))
      await prepareEngine(engine)
      const previous = this.current.corpus.version
      this.current = engine
      this.loadedAt = new Date()
      this.lastError = undefined
      this.logger.info(
        { reason, previous, version: engine.corpus.version, records: engine.size },
        'corpus reloaded',
      )
      return true
    } catch (error) {
      const message = this.publicMessage(error)
      this.lastError = { message, at: new Date() }
      const where = error instanceof CorpusError ? { file: error.file, field: error.field } : {}
      this.logger.error({ reason, ...where }, `corpus reload failed, previous corpus kept: ${message}`)
      return false
    } finally {
      this.reloadingSince = undefined
    }
  }
}
