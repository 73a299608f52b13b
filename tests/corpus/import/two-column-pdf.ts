import { makePdf, type TextRun } from '../../helpers/make-pdf.js'

/**
 * A two-column report page as a layout program sets it: a title across the page, a running header and a
 * page number, headings in a larger size, paragraphs wrapped in 10 pt Helvetica with 12 pt leading; the
 * second page continues in the left column a sentence that the first page's right column broke off.
 */
const LEFT = 50
const RIGHT = 310
const TOP = 750
const CHARS_PER_LINE = 44

export type Item = { heading: string } | { paragraph: string }

function wrap(text: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > CHARS_PER_LINE) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/** Sets items in a column from `y` down; returns the runs. A paragraph is followed by a 6 pt gap. */
function column(x: number, items: Item[], y = TOP): TextRun[] {
  const runs: TextRun[] = []
  for (const item of items) {
    if ('heading' in item) {
      y -= 8
      runs.push({ x, y, size: 14, bold: true, text: item.heading })
      y -= 20
    } else {
      for (const line of wrap(item.paragraph)) {
        runs.push({ x, y, size: 10, text: line })
        y -= 12
      }
      y -= 6
    }
  }
  return runs
}

export function twoColumnPdf(
  title: string,
  pages: Array<{ left: Item[]; right: Item[] }>,
  runningHeader = 'Observatoire du doublage — rapport 2025',
  info: Record<string, string> = {},
): Buffer {
  return makePdf(
    pages.map((page, i) => [
      { x: LEFT, y: 810, size: 8, text: runningHeader },
      ...(i === 0 ? [{ x: LEFT, y: 775, size: 20, bold: true, text: title }] : []),
      ...column(LEFT, page.left, i === 0 ? TOP : 790),
      ...column(RIGHT, page.right, i === 0 ? TOP : 790),
      { x: 290, y: 30, size: 8, text: String(i + 1) },
    ]),
    info,
  )
}

export const REPORT_TITLE = 'Le doublage à l’épreuve des voix de synthèse'

/** Two pages, two columns; a paragraph runs from the first page's right column onto the second page. */
export function doublageReport(info: Record<string, string> = {}): Buffer {
  return twoColumnPdf(
    REPORT_TITLE,
    [
      {
        left: [
          { heading: 'Introduction' },
          {
            paragraph:
              'Les studios de doublage testent depuis deux ans des voix de synthèse pour les séries d’animation et les documentaires.',
          },
          {
            paragraph:
              'Les comédiens réclament une clause de consentement dans chaque contrat, et un droit de regard sur la réutilisation de leur voix.',
          },
        ],
        right: [
          { heading: 'Ce que disent les studios' },
          {
            paragraph:
              '« Nous gardons des comédiens pour tous les rôles principaux », explique une directrice artistique. Les rôles secondaires des documentaires sont en revanche confiés de plus en plus souvent à des',
          },
        ],
      },
      {
        left: [
          { paragraph: 'voix générées, relues par un ingénieur du son avant la livraison.' },
          { heading: 'Conclusion' },
          {
            paragraph:
              'Le métier ne disparaît pas, mais il se resserre autour des rôles qui demandent du jeu.',
          },
        ],
        right: [
          { heading: 'Méthode' },
          {
            paragraph: 'Douze studios ont répondu au questionnaire de l’observatoire entre janvier et mars.',
          },
          { paragraph: 'Les entretiens ont été menés par téléphone.' },
        ],
      },
    ],
    undefined,
    info,
  )
}
