import { type FSWatcher, watch } from 'node:fs'
import path from 'node:path'
import { CorpusError } from '../corpus/errors.js'
import { loadCorpus } from '../corpus/load-corpus.js'
import type { Logger } from '../logger.js'
import { SearchEngine } from '../search/engine.js'

const WATCH_DEBOUNCE_MS = 250

export interface ReloadStatus {
  version: string
  loadedAt: Date
  /** The last reload that failed (the previous corpus kept serving), if the latest attempt failed. */
  lastError?: { message: string; at: Date }
}

/**
 * The engine currently serving, and its replacement when corpus/ changes: the new corpus is validated and
 * indexed beside the old one, then swapped in at once; an invalid corpus leaves the old one serving.
 */
export class EngineHolder {
  private current: SearchEngine
  private loadedAt = new Date()
  private lastError: ReloadStatus['lastError']
  private pending: Promise<boolean> = Promise.resolve(true)
  private watcher: FSWatcher | undefined
  private debounce: NodeJS.Timeout | undefined

  private constructor(
    engine: SearchEngine,
    private readonly directory: string,
    private readonly logger: Logger,
  ) {
    this.current = engine
  }

  static async load(directory: string, logger: Logger): Promise<EngineHolder> {
    return new EngineHolder(SearchEngine.build(await loadCorpus(directory)), directory, logger)
  }

  get engine(): SearchEngine {
    return this.current
  }

  status(): ReloadStatus {
    return {
      version: this.current.corpus.version,
      loadedAt: this.loadedAt,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    }
  }

  /** Rebuilds from disk; resolves true when the new corpus is serving. Reloads never overlap. */
  reload(reason: string): Promise<boolean> {
    this.pending = this.pending.then(() => this.rebuild(reason))
    return this.pending
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
   * File names relative to the corpus folder: the message is shown on /healthz, which is public on the Slack
   * port, and the server's folders are nobody's business there (the log line keeps the whole path).
   */
  private withoutFolder(message: string): string {
    const prefixes = [path.resolve(this.directory), this.directory].map((dir) => dir + path.sep)
    return prefixes.reduce((text, prefix) => text.replaceAll(prefix, ''), message)
  }

  private async rebuild(reason: string): Promise<boolean> {
    try {
      const engine = SearchEngine.build(await loadCorpus(this.directory))
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
      const message = this.withoutFolder(
        error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error),
      )
      this.lastError = { message, at: new Date() }
      const where = error instanceof CorpusError ? { file: error.file, field: error.field } : {}
      this.logger.error({ reason, ...where }, `corpus reload failed, previous corpus kept: ${message}`)
      return false
    }
  }
}
