import type { Report } from './store.js'

/** npm run report's text, in French for the people who maintain corpus/ (the command itself: report-cli.ts). */

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
  lines.push(...outcomeLines(report))
  return `${lines.join('\n')}\n`
}

/** What each command's requests got; a closest answer counts as answered, never as unanswered. */
function outcomeLines(report: Report): string[] {
  const sum = (pick: (row: Report['outcomes'][number]) => number) =>
    report.outcomes.reduce((total, row) => total + pick(row), 0)
  const total = sum((row) => row.direct + row.closest + row.refused)
  const heading = `Réponses par commande : directes, au plus proche, sans réponse (${total} requête${total > 1 ? 's' : ''})`
  if (report.outcomes.length === 0) return ['', heading, '  Aucune.']
  const cells = (name: string, direct: number, closest: number, refused: number) => [
    name,
    ...[direct, closest, refused, direct + closest + refused].map(String),
  ]
  const rows = [
    ['commande', 'directes', 'au plus proche', 'sans réponse', 'total'],
    ...report.outcomes.map((row) =>
      cells(row.command === '' ? '(sans nom)' : row.command, row.direct, row.closest, row.refused),
    ),
    cells(
      'total',
      sum((row) => row.direct),
      sum((row) => row.closest),
      sum((row) => row.refused),
    ),
  ]
  return ['', heading, ...table(rows, (c) => c > 0)]
}
