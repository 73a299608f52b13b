import { describe, expect, it } from 'vitest'
import { horizontalBars, stackedColumns } from '../../src/desk/charts.js'
import { dayLabel, lastDays } from '../../src/desk/days.js'
import { deskHref, escapeHtml, html, shorten } from '../../src/desk/html.js'
import { pickLanguage } from '../../src/desk/i18n.js'

/** The bars of a chart: series, value and height, in document order. */
function bars(svg: string) {
  return [...svg.matchAll(/<rect [^>]*height="([\d.]+)"[^>]*data-series="(\w+)" data-value="(\d+)"/g)].map(
    ([, height, series, value]) => ({ series, value: Number(value), height: Number(height) }),
  )
}

describe('charts', () => {
  it('stacks each day’s series with heights in proportion to the values', () => {
    const svg = stackedColumns({
      title: 'Questions',
      labels: ['lun. 2', 'mar. 3'],
      series: [
        { key: 'answered', label: 'répondu', color: '#080', values: [6, 0] },
        { key: 'refused', label: 'sans réponse', color: '#800', values: [2, 4] },
      ],
    }).value
    const drawn = bars(svg)
    expect(drawn.map(({ series, value }) => [series, value])).toEqual([
      ['answered', 6],
      ['refused', 2],
      ['refused', 4],
    ])
    const [six, two, four] = drawn.map((b) => b.height) as [number, number, number]
    expect(six / two).toBeCloseTo(3, 1)
    expect(four / two).toBeCloseTo(2, 1)
    expect(svg).toContain('<title>mar. 3 — sans réponse : 4</title>')
    expect(svg.startsWith('<svg')).toBe(true)
  })

  it('escapes every label, so a question cannot become markup', () => {
    const svg = horizontalBars({
      title: 'x',
      rows: [{ label: '<script>alert(1)</script> & "co"', value: 3 }],
      color: '#088',
    }).value
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).toContain('data-value="3"')
  })

  it('draws an empty period as a frame without bars', () => {
    const svg = stackedColumns({
      title: 'Votes',
      labels: ['a', 'b'],
      series: [{ key: 'up', label: '👍', color: '#00f', values: [0, 0] }],
    }).value
    expect(bars(svg)).toEqual([])
    expect(svg).toContain('</svg>')
  })
})

describe('days in the desk’s time zone', () => {
  it('starts each day at local midnight, 23 or 25 hours apart across a DST change', () => {
    const { starts, until } = lastDays(new Date('2026-03-30T12:00:00Z'), 3, 'Europe/Paris')
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ])
    expect(until.toISOString()).toBe('2026-03-30T22:00:00.000Z')
    const [sunday, monday] = lastDays(new Date('2026-10-26T08:00:00Z'), 2, 'Europe/Paris').starts as [
      Date,
      Date,
    ]
    expect(monday.getTime() - sunday.getTime()).toBe(25 * 3_600_000)
  })

  it('counts the day by the zone, not by UTC', () => {
    // 23:30 UTC on 1 Nov is already 2 Nov in Paris.
    const { starts } = lastDays(new Date('2026-11-01T23:30:00Z'), 1, 'Europe/Paris')
    expect(starts[0]?.toISOString()).toBe('2026-11-01T23:00:00.000Z')
    expect(dayLabel(starts[0] as Date, 'Europe/Paris', 'fr')).toBe('lun. 2')
    expect(dayLabel(starts[0] as Date, 'Europe/Paris', 'en')).toBe('Mon 2')
  })
})

describe('html and words', () => {
  it('escapes interpolated values and keeps markup made by the template', () => {
    const inner = html`<b>${'<i>'}</b>`
    expect(
      html`<p title="${'"x" & \'y\''}">${inner}${['a', '<'] as unknown[]}${undefined}${false}</p>`.value,
    ).toBe('<p title="&quot;x&quot; &amp; &#39;y&#39;"><b>&lt;i&gt;</b>a&lt;</p>')
    expect(escapeHtml('<>&')).toBe('&lt;&gt;&amp;')
    expect(deskHref('/answer', { question: 'a & b ?', none: undefined })).toBe(
      '/desk/answer?question=a+%26+b+%3F',
    )
    expect(shorten('un deux trois quatre', 12)).toBe('un deux…')
  })

  it('speaks English only when the browser prefers it to French', () => {
    expect(pickLanguage(undefined)).toBe('fr')
    expect(pickLanguage('en-US,en;q=0.9')).toBe('en')
    expect(pickLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr')
    expect(pickLanguage('de-DE,en;q=0.5,fr;q=0.4')).toBe('en')
    expect(pickLanguage('de-DE')).toBe('fr')
  })
})
