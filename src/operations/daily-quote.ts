import { Cron } from 'croner'
import type { AnswerItem } from '../answers/answer.js'
import { toItem } from '../answers/items.js'
import type { AdapterHandle, CardFile } from '../bot/adapter.js'
import type { CardSource } from '../cards/card-renderer.js'
import type { DailyQuoteConfig } from '../config.js'
import type { Logger } from '../logger.js'
import type { SearchEngine } from '../search/engine.js'
import type { Store } from '../storage/store.js'

export interface DailyQuoteTarget {
  platform: 'slack' | 'discord'
  channel: string
  adapter: AdapterHandle
}

export interface DailyQuoteOptions {
  config: DailyQuoteConfig
  store: Store
  getEngine: () => SearchEngine
  targets: DailyQuoteTarget[]
  logger: Logger
  random?: () => number
  /** Draws the quote's card when `config.card` is on. */
  cards?: CardSource
  /** When the store cannot say whether the slot is free, asked again after this long (default 60 s). */
  retryMs?: number
}

/** Tries per slot when the store cannot be reached: an hour of them at the default pace. */
const MAX_TRIES = 60

/** "09:30" (or "09:30:15") on working days → the cron pattern croner runs in the configured time zone. */
export function cronPattern(config: Pick<DailyQuoteConfig, 'at' | 'days'>): string {
  const [hours = '9', minutes = '0', seconds] = config.at.split(':')
  const days = config.days === 'weekdays' ? '1-5' : '*'
  const pattern = `${Number(minutes)} ${Number(hours)} * * ${days}`
  return seconds === undefined ? pattern : `${Number(seconds)} ${pattern}`
}

/** The calendar day in a time zone, as YYYY-MM-DD: the daily slot's key. */
export function dayIn(timezone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/**
 * Posts one quote a day in each configured channel. The store decides which quote (none repeats before
 * all have been posted) and claims the day's slot first, so a restart or a second process never posts
 * the same day twice; a time missed while the process was down is simply skipped. When the store cannot
 * claim the slot (the database unreachable), nothing is posted — another instance may have claimed it — and
 * the claim is tried again every minute for an hour, while the day lasts.
 */
export class DailyQuote {
  private readonly job: Cron
  private readonly retries = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(private readonly options: DailyQuoteOptions) {
    this.job = new Cron(
      cronPattern(options.config),
      {
        timezone: options.config.timezone,
        protect: true,
        catch: (error) => this.log.error({ err: error }, 'daily quote failed'),
      },
      () => this.post(),
    )
  }

  private get log(): Logger {
    return this.options.logger
  }

  nextRun(): Date | null {
    return this.job.nextRun()
  }

  /** Posts the day's quote where it has not been posted yet. */
  async post(at: Date = new Date()): Promise<void> {
    const day = dayIn(this.options.config.timezone, at)
    for (const target of this.options.targets) await this.postIn(target, day, 1)
  }

  private async postIn(target: DailyQuoteTarget, day: string, attempt: number): Promise<void> {
    const { store, getEngine } = this.options
    const engine = getEngine()
    const quotes = [...engine.records.values()].filter((r) => r.kind === 'quote').map((r) => r.id)
    const slot = `${day} ${target.platform}:${target.channel}`
    let id: string | undefined
    try {
      id = await store.pickDailyQuote(slot, quotes, this.options.random ?? Math.random)
    } catch (error) {
      const retrying = attempt < MAX_TRIES && !this.stopped
      this.log.error({ err: error, slot, attempt, retrying }, 'daily quote: the slot could not be claimed')
      if (retrying) this.retry(target, day, attempt + 1)
      return
    }
    if (id === undefined) {
      // Claimed already: by another instance sharing the store, or by this one before a restart.
      if (quotes.length > 0) this.log.info({ slot }, 'daily quote already claimed: not posting')
      return
    }
    const record = engine.records.get(id)
    if (!record) return
    try {
      const item = toItem(engine, record)
      await target.adapter.postDailyQuote(target.channel, item, await this.card(item, engine))
      this.log.info({ slot, record: record.id }, 'daily quote posted')
    } catch (error) {
      // Claimed, so never posted again: the platform may have posted it after all.
      this.log.error({ err: error, slot }, 'daily quote could not be posted')
    }
  }

  private retry(target: DailyQuoteTarget, day: string, attempt: number): void {
    const timer = setTimeout(() => {
      this.retries.delete(timer)
      // A new day has its own slot, posted at its own time.
      if (dayIn(this.options.config.timezone) === day) void this.postIn(target, day, attempt)
    }, this.options.retryMs ?? 60_000)
    timer.unref()
    this.retries.add(timer)
  }

  /** The card to post with the quote, if wanted; without one (it failed) the quote still goes out as text. */
  private async card(item: AnswerItem, engine: SearchEngine): Promise<CardFile | undefined> {
    const { config, cards } = this.options
    if (!config.card || !cards) return undefined
    try {
      return await cards.card(item, engine.corpus.version)
    } catch (error) {
      this.log.warn({ err: error, record: item.id }, 'daily quote card could not be drawn; posting the text')
      return undefined
    }
  }

  stop(): void {
    this.stopped = true
    this.job.stop()
    for (const timer of this.retries) clearTimeout(timer)
    this.retries.clear()
  }
}
