import { StorageError } from './errors.js'
import { openReader } from './open-store.js'
import { type FormatReportOptions, formatReport } from './report-format.js'
import type { Report, Store } from './store.js'

export { type FormatReportOptions, formatReport }

/**
 * npm run report: argument parsing and the French text for the people who maintain corpus/. Kept apart from
 * scripts/report.ts so tests can check the text without a subprocess.
 */

export const REPORT_USAGE =
  'usage : npm run report -- [--since 7d|24h|2w|AAAA-MM-JJ] [--data-dir DOSSIER] [--limit N]'
export const DEFAULT_SINCE = '7d'
export const DEFAULT_DATA_DIR = './data'
const MAX_LIMIT = 1_000

/** Bad command-line arguments; the message is one line, in French like the report. */
export class ReportUsageError extends Error {
  readonly code = 'REPORT_USAGE'
  constructor(message: string) {
    super(message)
    this.name = 'ReportUsageError'
  }
}

export interface ReportArguments {
  since: Date
  dataDir: string
  limit: number
  help: boolean
}

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const
const RELATIVE = /^(\d{1,6})([hdw])$/
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Nh, Nd, Nw before `now`, or an ISO date (a bare date or a time without offset is local time). */
export function parseSince(value: string, now: Date = new Date()): Date {
  const text = value.trim()
  const relative = RELATIVE.exec(text)
  if (relative) {
    const amount = Number(relative[1])
    if (amount === 0) throw new ReportUsageError(`--since ${text} : la durée doit être d'au moins 1`)
    return new Date(now.getTime() - amount * UNIT_MS[relative[2] as keyof typeof UNIT_MS])
  }
  const iso = ISO.exec(text)
  if (!iso)
    throw new ReportUsageError(
      `--since attend Nh, Nd, Nw (ex. 7d) ou une date ISO (ex. 2026-11-01), reçu « ${text} »`,
    )
  const [year, month, day, hour, minute, second] = iso
    .slice(1, 7)
    .map((part) => Number(part ?? 0)) as number[]
  // Date accepts 2026-02-30 and rolls it over to March: a typo must not silently shift the period.
  const local = new Date(year as number, (month as number) - 1, day, hour, minute, second)
  const valid =
    local.getFullYear() === year &&
    local.getMonth() === (month as number) - 1 &&
    local.getDate() === day &&
    (hour as number) < 24 &&
    (minute as number) < 60 &&
    (second as number) < 60
  if (!valid) throw new ReportUsageError(`--since ${text} : cette date n'existe pas`)
  const since = iso[7] === undefined ? local : new Date(text.replace(' ', 'T'))
  if (Number.isNaN(since.getTime())) throw new ReportUsageError(`--since ${text} : date illisible`)
  if (since.getTime() > now.getTime()) throw new ReportUsageError(`--since ${text} : date dans le futur`)
  return since
}

export function parseReportArguments(argv: string[], now: Date = new Date()): ReportArguments {
  let since = DEFAULT_SINCE
  let dataDir = DEFAULT_DATA_DIR
  let limit = 20
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined
    const value = (): string => {
      const next = inline ?? argv[++i]
      if (next === undefined || next === '') throw new ReportUsageError(`${name} attend une valeur`)
      return next
    }
    if (name === '--') continue
    else if (name === '--help' || name === '-h') help = true
    else if (name === '--since') since = value()
    else if (name === '--data-dir') dataDir = value()
    else if (name === '--limit') {
      const text = value()
      const n = Number(text)
      if (!/^\d+$/.test(text) || n < 1 || n > MAX_LIMIT)
        throw new ReportUsageError(`--limit attend un nombre entier de 1 à ${MAX_LIMIT}, reçu « ${text} »`)
      limit = n
    } else throw new ReportUsageError(`argument inconnu « ${arg} »`)
  }
  return { since: parseSince(since, now), dataDir, limit, help }
}

export interface RunReportIo {
  /** DATABASE_URL: read PostgreSQL instead of the SQLite file in the data folder. */
  databaseUrl?: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  now?: Date
  /** Texts of the current corpus by record id; when it fails, the report shows ids alone. */
  loadPassages?: () => Promise<ReadonlyMap<string, string>>
  /** Where unanswered questions would belong (see FormatReportOptions.placeQuestion). */
  loadPlacer?: () => Promise<FormatReportOptions['placeQuestion']>
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}

/** The whole command; returns the exit code. Every failure is one line on stderr, never a stack trace. */
export async function runReport(argv: string[], io: RunReportIo): Promise<number> {
  let args: ReportArguments
  try {
    args = parseReportArguments(argv, io.now)
  } catch (error) {
    if (!(error instanceof ReportUsageError)) throw error
    io.stderr(`report : ${error.message} — ${REPORT_USAGE}\n`)
    return 2
  }
  if (args.help) {
    io.stdout(`${REPORT_USAGE}\n`)
    return 0
  }
  let opened: { store: Store; where: string }
  try {
    opened = await openReader({ databaseUrl: io.databaseUrl, dataDir: args.dataDir })
  } catch (error) {
    if (error instanceof StorageError && error.code === 'STORAGE_NOT_FOUND') {
      // No database yet is a normal state (the bot has not run here): an empty report, not a failure.
      io.stdout(
        io.databaseUrl === undefined
          ? `Aucune donnée : pas encore de base dans ${args.dataDir} (le bot la crée à son premier démarrage ; sinon --data-dir).\n`
          : 'Aucune donnée : pas encore de tables ia-cinema dans la base de DATABASE_URL (le bot les crée à son premier démarrage).\n',
      )
      return 0
    }
    const detail = firstLine(error).replace(/^storage: /, '')
    io.stderr(`report : ${io.databaseUrl === undefined ? detail : `DATABASE_URL : ${detail}`}\n`)
    return 1
  }
  let report: Report
  try {
    report = await opened.store.report({ since: args.since, limit: args.limit })
  } catch (error) {
    io.stderr(`report : lecture impossible de ${opened.where} : ${firstLine(error)}\n`)
    return 1
  } finally {
    await opened.store.close()
  }
  let passages: ReadonlyMap<string, string> | undefined
  let placeQuestion: FormatReportOptions['placeQuestion']
  try {
    passages = await io.loadPassages?.()
    placeQuestion = await io.loadPlacer?.()
  } catch {
    passages = undefined
  }
  io.stdout(
    formatReport(report, {
      file: opened.where,
      passageText: passages && ((id) => passages.get(id)),
      ...(placeQuestion ? { placeQuestion } : {}),
    }),
  )
  return 0
}
