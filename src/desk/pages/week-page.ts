import { horizontalBars, type Series, stackedColumns } from '../charts.js'
import { type Html, html } from '../html.js'
import type { WeekView } from '../week.js'
import { type PageContext, page, swatch } from './layout.js'

export const COLORS = {
  direct: '#15803d',
  closest: '#d97706',
  refused: '#b91c1c',
  helpful: '#2563eb',
  unhelpful: '#9333ea',
  bars: '#0f766e',
} as const

function legend(series: readonly Series[]): Html {
  return html`<ul class="legend">${series.map((s) => html`<li>${swatch(s.color)} ${s.label}</li>`)}</ul>`
}

function figure(title: string, chart: Html, series?: readonly Series[]): Html {
  return html`<figure><figcaption>${title}</figcaption>${chart}${series ? legend(series) : ''}</figure>`
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)} %`)

/** « La semaine »: questions per day (answered / closest / refused), votes, commands, jobs. */
export function weekPage(context: PageContext, week: WeekView, toHandle: number): Html {
  const { words } = context
  const labels = week.days.map((d) => d.label)
  const answers: Series[] = [
    {
      key: 'direct',
      label: words.direct,
      color: COLORS.direct,
      values: week.days.map((d) => d.answered - d.closest),
    },
    { key: 'closest', label: words.closest, color: COLORS.closest, values: week.days.map((d) => d.closest) },
    { key: 'refused', label: words.refused, color: COLORS.refused, values: week.days.map((d) => d.refused) },
  ]
  const votes: Series[] = [
    { key: 'helpful', label: words.helpful, color: COLORS.helpful, values: week.days.map((d) => d.helpful) },
    {
      key: 'unhelpful',
      label: words.unhelpful,
      color: COLORS.unhelpful,
      values: week.days.map((d) => d.unhelpful),
    },
  ]
  const { totals } = week
  const empty = totals.questions === 0 && week.commands.length === 0
  const body = html`<h1>${words.weekTitle}</h1>
<ul class="totals">
<li><strong>${totals.questions}</strong> ${words.questions}</li>
<li><strong>${percent(totals.answered, totals.questions)}</strong> ${words.answered}</li>
<li><strong>${totals.closest}</strong> ${words.closest}</li>
<li><strong>${totals.refused}</strong> ${words.refused}</li>
<li><strong>${totals.helpful}</strong> 👍 · <strong>${totals.unhelpful}</strong> 👎</li>
<li><a href="/desk/questions">${words.toHandle(toHandle)}</a></li>
</ul>
${empty ? html`<p class="notice">${words.nothingYet}</p>` : ''}
<div class="charts">
${figure(words.perDay, stackedColumns({ title: words.perDay, labels, series: answers }), answers)}
${figure(words.votesPerDay, stackedColumns({ title: words.votesPerDay, labels, series: votes }), votes)}
${
  week.commands.length > 0
    ? figure(
        words.perCommand,
        horizontalBars({ title: words.perCommand, rows: week.commands, color: COLORS.bars }),
      )
    : ''
}
${
  week.jobs.length > 0
    ? figure(
        words.perJob,
        horizontalBars({
          title: words.perJob,
          rows: week.jobs.map((j) => ({ label: j.label ?? words.otherSections, value: j.value })),
          color: COLORS.bars,
        }),
      )
    : ''
}
</div>`
  return page(context, { title: words.weekTitle, tab: 'week', body })
}
