import { StorageError } from './errors.js'
import { openReader } from './open-store.js'
import type { Report, Store } from './store.js'

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

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' })

function quoted(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(oneLine)
  return `« ${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : oneLine} »`
}

function table(rows: string[][], rightAligned: (column: number) => boolean): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? []
  return rows.map((row) =>
    `  ${row
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')}`.trimEnd(),
  )
}

export interface FormatReportOptions {
  /** Where the data comes from, shown in the heading. */
  file?: string
  /** Text of a passage of the current corpus; undefined when the id is gone (or the corpus is unavailable). */
  passageText?: (recordId: string) => string | undefined
  /**
   * Where an unanswered question would belong: the questions file and the section heading closest to it, so
   * that the maintainer can add it to the document's questions when the article does answer it.
   */
  placeQuestion?: (query: string) => { file: string; section: string } | undefined
}

/** The unanswered questions as entries to paste into each document's questions file, by closest section. */
function questionEntries(report: Report, place: FormatReportOptions['placeQuestion']): string[] {
  if (!place || report.unanswered.length === 0) return []
  const byFile = new Map<string, Map<string, string[]>>()
  for (const row of report.unanswered) {
    const where = place(row.query)
    if (!where) continue
    const sections = byFile.get(where.file) ?? new Map<string, string[]>()
    sections.set(where.section, [...(sections.get(where.section) ?? []), row.query])
    byFile.set(where.file, sections)
  }
  const lines: string[] = []
  for (const [file, sections] of byFile) {
    lines.push('', `  Si l’article y répond, à ajouter dans ${file} (section la plus proche, à vérifier) :`)
    for (const [section, questions] of sections) {
      lines.push(`    - section: ${JSON.stringify(section)}`, '      questions:')
      for (const question of questions)
        lines.push(`        - ${JSON.stringify(question.replace(/\s+/g, ' ').trim())}`)
    }
  }
  return lines
}

export function formatReport(report: Report, options: FormatReportOptions = {}): string {
  const lines: string[] = [
    `Rapport ia-cinema depuis le ${dateTime.format(report.since)}${options.file ? ` (${options.file})` : ''}`,
    '',
    `Questions sans réponse (${report.unanswered.length}) — à couvrir dans corpus/ ou le thésaurus`,
  ]
  if (report.unanswered.length === 0) lines.push('  Aucune.')
  for (const row of report.unanswered)
    lines.push(
      `  ${String(row.count).padStart(4)} ×  ${quoted(row.query)}  (dernière : ${dateTime.format(row.lastAt)})`,
    )
  lines.push(...questionEntries(report, options.placeQuestion))

  lines.push('', `Passages jugés inutiles (${report.unhelpful.length}) — 👎 inutile / 👍 utile`)
  if (report.unhelpful.length === 0) lines.push('  Aucun.')
  for (const row of report.unhelpful) {
    const text = options.passageText?.(row.recordId)
    lines.push(`  ${String(row.down).padStart(4)} 👎 ${String(row.up).padStart(3)} 👍  ${row.recordId}`)
    if (text !== undefined) lines.push(`         ${quoted(text, 160)}`)
    else if (options.passageText) lines.push('         (absent du corpus actuel)')
    if (row.queries.length > 0)
      lines.push(`         pour : ${row.queries.map((q) => quoted(q, 60)).join(', ')}`)
  }

  const total = report.usage.reduce((sum, row) => sum + row.count, 0)
  lines.push('', `Usage par commande et par plateforme (${total} requête${total > 1 ? 's' : ''})`)
  if (report.usage.length === 0) lines.push('  Aucun.')
  else {
    const platforms = [...new Set(report.usage.map((row) => row.platform))].sort()
    const commands = [...new Set(report.usage.map((row) => row.command))]
    const count = (command: string | undefined, platform: string | undefined) =>
      report.usage
        .filter(
          (row) =>
            (command === undefined || row.command === command) &&
            (platform === undefined || row.platform === platform),
        )
        .reduce((sum, row) => sum + row.count, 0)
    const rows = [
      ['commande', ...platforms, 'total'],
      ...commands.map((command) => [
        command === '' ? '(sans nom)' : command,
        ...platforms.map((p) => String(count(command, p))),
        String(count(command, undefined)),
      ]),
      ['total', ...platforms.map((p) => String(count(undefined, p))), String(total)],
    ]
    lines.push(...table(rows, (c) => c > 0))
  }
  return `${lines.join('\n')}\n`
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
