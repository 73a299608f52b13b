import { scaleBand, scaleLinear } from 'd3-scale'
import { stack } from 'd3-shape'
import { type Html, html } from './html.js'

/**
 * The desk's charts, as inline SVG drawn on the server: d3-scale places bars and ticks (band and linear
 * scales, round "nice" ticks) and d3-shape stacks the series. Both are pure functions over numbers, with no
 * DOM and nothing fetched, so the page needs no script and passes a CSP without 'unsafe-inline'.
 */

export interface Series {
  key: string
  label: string
  color: string
  values: readonly number[]
}

const FONT = html`font-family="system-ui, sans-serif" font-size="12"`
const AXIS = '#6b7280'
const GRID = '#e5e7eb'

const fmt = (n: number) => String(Math.round(n * 10) / 10)

/** Columns (one per label: a day), each a stack of the series (answered, closest, refused…). */
export function stackedColumns(options: {
  title: string
  labels: readonly string[]
  series: readonly Series[]
  width?: number
  height?: number
}): Html {
  const { labels, series } = options
  const width = options.width ?? 640
  const height = options.height ?? 240
  const margin = { top: 12, right: 12, bottom: 28, left: 40 }
  const rows = labels.map((_, i) => Object.fromEntries(series.map((s) => [s.key, s.values[i] ?? 0])))
  const layers = stack<Record<string, number>>().keys(series.map((s) => s.key))(rows)
  const top = Math.max(1, ...rows.map((row) => series.reduce((sum, s) => sum + (row[s.key] ?? 0), 0)))
  const x = scaleBand<number>()
    .domain(labels.map((_, i) => i))
    .range([margin.left, width - margin.right])
    .padding(0.25)
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([height - margin.bottom, margin.top])
  const ticks = y.ticks(Math.min(5, top)).filter(Number.isInteger)
  const bars = layers.flatMap((layer, s) => {
    const serie = series[s] as Series
    return layer.flatMap(([from, to], i) => {
      const value = to - from
      if (value <= 0) return []
      return [
        html`<rect x="${fmt(x(i) ?? 0)}" y="${fmt(y(to))}" width="${fmt(x.bandwidth())}" height="${fmt(y(from) - y(to))}" fill="${serie.color}" data-series="${serie.key}" data-value="${value}"><title>${labels[i]} — ${serie.label} : ${value}</title></rect>`,
      ]
    })
  })
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" ${FONT}>
<title>${options.title}</title>
${ticks.map(
  (t) =>
    html`<line x1="${margin.left}" x2="${width - margin.right}" y1="${fmt(y(t))}" y2="${fmt(y(t))}" stroke="${GRID}"/><text x="${margin.left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end" fill="${AXIS}">${t}</text>`,
)}
${bars}
${labels.map(
  (label, i) =>
    html`<text x="${fmt((x(i) ?? 0) + x.bandwidth() / 2)}" y="${height - 10}" text-anchor="middle" fill="${AXIS}">${label}</text>`,
)}
</svg>`
}

/** One bar per row, longest first as given, the value written after it. */
export function horizontalBars(options: {
  title: string
  rows: ReadonlyArray<{ label: string; value: number }>
  color: string
  width?: number
}): Html {
  const { rows } = options
  const width = options.width ?? 520
  const rowHeight = 24
  const labelWidth = Math.min(280, Math.round(width * 0.45))
  const height = Math.max(1, rows.length) * rowHeight + 8
  const max = Math.max(1, ...rows.map((r) => r.value))
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([4, height - 4])
    .padding(0.2)
  const x = scaleLinear()
    .domain([0, max])
    .range([labelWidth, width - 48])
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" ${FONT}>
<title>${options.title}</title>
${rows.map((row, i) => {
  const top = y(i) ?? 0
  const middle = fmt(top + y.bandwidth() / 2 + 4)
  return html`<text x="${labelWidth - 8}" y="${middle}" text-anchor="end" fill="#111827">${clip(row.label)}</text><rect x="${labelWidth}" y="${fmt(top)}" width="${fmt(Math.max(1, x(row.value) - labelWidth))}" height="${fmt(y.bandwidth())}" fill="${options.color}" data-value="${row.value}"><title>${row.label} : ${row.value}</title></rect><text x="${fmt(x(row.value) + 6)}" y="${middle}" fill="${AXIS}">${row.value}</text>`
})}
</svg>`
}

/** Long labels (job group headings) are cut: the bar's tooltip keeps them whole. */
function clip(label: string, max = 38): string {
  const chars = Array.from(label)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label
}
