import { describe, expect, it } from 'vitest'
import { markdownToDraft, textToDraft } from '../../../src/corpus/import/markdown-text.js'

describe('markdownToDraft', () => {
  it('takes metadata from front matter and the title from the only # heading, and reduces markup to words', () => {
    const { metadata, blocks } = markdownToDraft(
      [
        '---',
        'title: Note interne sur les sous-titres',
        'date: 2025-06-02',
        'permalink: https://intranet.example/notes/sous-titres',
        'lang: fr',
        '---',
        '# Note interne sur les sous-titres',
        '',
        'Les **sous-titreurs** relisent désormais des [traductions automatiques](https://example.org/mt)',
        'au lieu de traduire, ce qui _change_ leur tarif. ![schéma](schema.png)',
        '## Ce qui change',
        '- Le repérage est automatique.',
        '- La relecture reste `humaine`.',
        '',
        '> « Nous relisons deux fois plus de films », explique une sous-titreuse.',
        '',
        'Étape 2',
        '-------',
        '',
        '| Tâche | Avant | Après |',
        '|---|---|---|',
        '| repérage | 2 jours | 1 heure |',
        '```',
        'code à ignorer',
        '```',
        'Le mot snake_case reste entier.',
      ].join('\n'),
    )
    expect(metadata).toEqual({
      title: 'Note interne sur les sous-titres',
      published: '2025-06-02',
      url: 'https://intranet.example/notes/sous-titres',
      language: 'fr',
    })
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Les sous-titreurs relisent désormais des traductions automatiques au lieu de traduire, ce qui change leur tarif.',
      },
      { kind: 'heading', level: 2, text: 'Ce qui change' },
      { kind: 'paragraph', text: 'Le repérage est automatique.' },
      { kind: 'paragraph', text: 'La relecture reste humaine.' },
      { kind: 'paragraph', text: '« Nous relisons deux fois plus de films », explique une sous-titreuse.' },
      { kind: 'heading', level: 2, text: 'Étape 2' },
      { kind: 'paragraph', text: 'Tâche | Avant | Après' },
      { kind: 'paragraph', text: 'repérage | 2 jours | 1 heure' },
      { kind: 'paragraph', text: 'code à ignorer' },
      { kind: 'paragraph', text: 'Le mot snake_case reste entier.' },
    ])
  })

  it('keeps the corpus’ own heading attributes and front matter fields', () => {
    const { metadata, blocks } = markdownToDraft(
      '---\ntitle: T\nyear: 2024\nstudies:\n  - title: Étude\n    publisher: CNC\n---\n## Monteurs {exposure=menacé jobs="monteur"}\n\nTexte.\n',
    )
    expect(metadata).toMatchObject({
      published: '2024',
      extra: { studies: [{ title: 'Étude', publisher: 'CNC' }] },
    })
    expect(blocks[0]).toEqual({
      kind: 'heading',
      level: 2,
      text: 'Monteurs {exposure=menacé jobs="monteur"}',
    })
  })

  it('reads a body written in HTML as a web page’s: its headings are sections', () => {
    const { metadata, blocks } = markdownToDraft(
      [
        '---',
        'title: Entretien avec une cheffe monteuse',
        'date: 2025-03-01',
        '---',
        '<h1>Entretien avec une cheffe monteuse</h1>',
        '<p>Elle monte des <em>documentaires</em> depuis vingt ans.</p>',
        '<h2>Le dérushage</h2>',
        '<p>L’IA transcrit les rushes<sup><a href="#fn1">1</a></sup> en une nuit.</p>',
        '<h2>Le montage</h2>',
        '<ul><li>Le bout-à-bout reste humain.</li><li>Le rythme aussi.</li></ul>',
        '',
        'Un dernier paragraphe en **Markdown**.',
      ].join('\n'),
    )
    expect(metadata.title).toBe('Entretien avec une cheffe monteuse')
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Elle monte des documentaires depuis vingt ans.' },
      { kind: 'heading', level: 2, text: 'Le dérushage' },
      { kind: 'paragraph', text: 'L’IA transcrit les rushes en une nuit.' },
      { kind: 'heading', level: 2, text: 'Le montage' },
      { kind: 'paragraph', text: 'Le bout-à-bout reste humain.' },
      { kind: 'paragraph', text: 'Le rythme aussi.' },
      { kind: 'paragraph', text: 'Un dernier paragraphe en Markdown.' },
    ])
  })

  it('takes footnote marks out of the text and keeps the notes, under « Notes », at the end', () => {
    const { blocks } = markdownToDraft(
      [
        '# Titre',
        '',
        'Le doublage recule[^1], selon une étude [^etude].',
        '',
        '[^1]: Chiffres de 2024,',
        '    publiés en mars.',
        '[^etude]: CNC, « L’IA et l’emploi ».',
        '',
        '## Suite',
        '',
        'Le sous-titrage aussi.',
      ].join('\n'),
    )
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Le doublage recule, selon une étude.' },
      { kind: 'heading', level: 2, text: 'Suite' },
      { kind: 'paragraph', text: 'Le sous-titrage aussi.' },
      { kind: 'heading', level: 2, text: 'Notes' },
      { kind: 'paragraph', text: 'Chiffres de 2024, publiés en mars.' },
      { kind: 'paragraph', text: 'CNC, « L’IA et l’emploi ».' },
    ])
  })
})

describe('textToDraft', () => {
  it('joins hard-wrapped lines, reads short unpunctuated lines as headings and the first as the title', () => {
    const { metadata, blocks } = textToDraft(
      'Compte rendu de l’atelier IA\n\nIntroduction\n\nLes participants ont décrit leurs usages\nde l’IA au montage.\n\nIls demandent une formation.\n',
    )
    expect(metadata).toEqual({ title: 'Compte rendu de l’atelier IA' })
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Introduction' },
      { kind: 'paragraph', text: 'Les participants ont décrit leurs usages de l’IA au montage.' },
      { kind: 'paragraph', text: 'Ils demandent une formation.' },
    ])
  })
})
