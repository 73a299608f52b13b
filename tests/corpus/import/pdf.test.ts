import { describe, expect, it } from 'vitest'
import { pdfToDraft } from '../../../src/corpus/import/pdf.js'
import { makePdf } from '../../helpers/make-pdf.js'
import { doublageReport, REPORT_TITLE } from './two-column-pdf.js'

describe('pdfToDraft', () => {
  it('reads a two-column report column by column, with its headings, its title and whole paragraphs', async () => {
    const { metadata, blocks } = await pdfToDraft(doublageReport())
    expect(metadata.title).toBe(REPORT_TITLE)
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Introduction' },
      {
        kind: 'paragraph',
        text: 'Les studios de doublage testent depuis deux ans des voix de synthèse pour les séries d’animation et les documentaires.',
      },
      {
        kind: 'paragraph',
        text: 'Les comédiens réclament une clause de consentement dans chaque contrat, et un droit de regard sur la réutilisation de leur voix.',
      },
      // The right column comes after the whole left column, though its lines sit level with the left ones.
      { kind: 'heading', level: 2, text: 'Ce que disent les studios' },
      {
        // Across the page break: the sentence goes on, so the paragraph does.
        kind: 'paragraph',
        text: '« Nous gardons des comédiens pour tous les rôles principaux », explique une directrice artistique. Les rôles secondaires des documentaires sont en revanche confiés de plus en plus souvent à des voix générées, relues par un ingénieur du son avant la livraison.',
      },
      { kind: 'heading', level: 2, text: 'Conclusion' },
      {
        kind: 'paragraph',
        text: 'Le métier ne disparaît pas, mais il se resserre autour des rôles qui demandent du jeu.',
      },
      { kind: 'heading', level: 2, text: 'Méthode' },
      {
        kind: 'paragraph',
        text: 'Douze studios ont répondu au questionnaire de l’observatoire entre janvier et mars.',
      },
      { kind: 'paragraph', text: 'Les entretiens ont été menés par téléphone.' },
    ])
    // The running header and the page numbers are gone.
    expect(JSON.stringify(blocks)).not.toMatch(/Observatoire du doublage|"[12]"/)
  })

  it('takes the date and the title from the file’s information, ignoring a word processor’s file name', async () => {
    const dated = await pdfToDraft(
      doublageReport({ Title: 'rapport_v3.docx', CreationDate: 'D:20250412093000' }),
    )
    expect(dated.metadata).toEqual({ title: REPORT_TITLE, published: '2025-04-12' })
  })

  it('ranks heading levels by size and leaves a one-column page in its order', async () => {
    const { metadata, blocks } = await pdfToDraft(
      makePdf([
        [
          { x: 72, y: 790, size: 20, text: 'Rapport annuel' },
          { x: 72, y: 760, size: 16, text: 'Partie 1' },
          { x: 72, y: 730, size: 12, text: 'Section 1.1' },
          {
            x: 72,
            y: 700,
            size: 10,
            text: 'Une ligne de texte assez longue pour occuper toute la largeur de la page ici,',
          },
          {
            x: 72,
            y: 688,
            size: 10,
            text: 'et sa suite sur la ligne suivante de la même page du même paragraphe.',
          },
          { x: 72, y: 660, size: 12, text: 'Section 1.2' },
          { x: 72, y: 630, size: 10, text: 'Un second paragraphe.' },
        ],
      ]),
    )
    expect(metadata.title).toBe('Rapport annuel')
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Partie 1' },
      { kind: 'heading', level: 3, text: 'Section 1.1' },
      {
        kind: 'paragraph',
        text: 'Une ligne de texte assez longue pour occuper toute la largeur de la page ici, et sa suite sur la ligne suivante de la même page du même paragraphe.',
      },
      { kind: 'heading', level: 3, text: 'Section 1.2' },
      { kind: 'paragraph', text: 'Un second paragraphe.' },
    ])
  })

  it('finds nothing in a PDF without a text layer', async () => {
    expect((await pdfToDraft(makePdf([[]]))).blocks).toEqual([])
  })
})
