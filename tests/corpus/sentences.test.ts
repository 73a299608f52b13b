import { describe, expect, it } from 'vitest'
import { chunkDocument } from '../../src/corpus/chunker.js'
import { parseDocument } from '../../src/corpus/load-corpus.js'
import { splitSentences } from '../../src/corpus/sentences.js'

describe('splitSentences', () => {
  it('never ends a sentence at an initial or a title before a name', () => {
    expect(
      splitSentences(
        'Selon S. Solé, le montage change. J.-P. Jeunet en doute. M. Dupont et Mme. Martin aussi. Dr. House non.',
      ),
    ).toEqual([
      'Selon S. Solé, le montage change.',
      'J.-P. Jeunet en doute.',
      'M. Dupont et Mme. Martin aussi.',
      'Dr. House non.',
    ])
  })

  it('still ends one at a word’s full stop, and at a lone capital that ends the paragraph', () => {
    expect(splitSentences('Il parle de l’IA. Elle aussi. Le plan A.')).toEqual([
      'Il parle de l’IA.',
      'Elle aussi.',
      'Le plan A.',
    ])
  })
})

describe('quotes of people named by an initial', () => {
  // The shapes that lost their speaker on import: the sentence was cut after « S. », the speaker was « S ».
  const body = [
    '## Au montage',
    '',
    '« L’IA nous fait gagner des semaines sur le dérushage », explique S. Solé, cheffe monteuse. Elle ajoute que rien ne remplace l’œil.',
    '',
    'G. Giuliana constate : « Les outils proposent, mais c’est nous qui décidons. »',
    '',
    'Pour J.-P. Martin, le doute reste. « On ne montera plus comme avant », prévient-il.',
    '',
    '« Le son se nettoie tout seul maintenant », note A. Benali.',
  ].join('\n')
  const document = parseDocument(
    'entretiens.md',
    'entretiens',
    `---\ntitle: Entretiens\nurl: https://example.org/e\npublisher: Exemple\nlanguage: fr\nyear: 2025\n---\n${body}\n`,
  )

  it('gives each quote its speaker as the text names them', () => {
    const quotes = chunkDocument(document).filter((r) => r.kind === 'quote')
    expect(quotes.map((q) => q.speaker)).toEqual([
      'S. Solé, cheffe monteuse',
      'G. Giuliana',
      'J.-P. Martin',
      'A. Benali',
    ])
  })
})
