import { describe, expect, it } from 'vitest'
import { documentsLine } from '../../src/answers/documents.js'
import type { CorpusDocument } from '../../src/corpus/types.js'

const document = (n: number): CorpusDocument => ({
  meta: {
    id: `doc-${n}`,
    title: `Titre ${n}`,
    url: `https://example.org/${n}`,
    publisher: `Éditeur ${n}`,
    language: 'fr',
    year: 2020 + n,
    studies: [],
    footer: [],
  },
  file: `doc-${n}.md`,
  sections: [],
})

describe('documentsLine', () => {
  it('names up to three documents and counts the others', () => {
    const documents = Array.from({ length: 1000 }, (_, i) => document(i + 1))
    expect(documentsLine(documents.slice(0, 1))).toBe('« Titre 1 » (Éditeur 1, 2021)')
    expect(documentsLine(documents.slice(0, 3))).toBe(
      '« Titre 1 » (Éditeur 1, 2021), « Titre 2 » (Éditeur 2, 2022), « Titre 3 » (Éditeur 3, 2023)',
    )
    expect(documentsLine(documents.slice(0, 4))).toMatch(
      /« Titre 3 » \(Éditeur 3, 2023\) et 1 autre document$/,
    )
    expect(documentsLine(documents)).toMatch(/« Titre 3 » \(Éditeur 3, 2023\) et 997 autres documents$/)
  })
})
