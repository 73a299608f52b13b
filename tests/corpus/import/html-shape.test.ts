import { describe, expect, it } from 'vitest'
import { tidyBlocks } from '../../../src/corpus/import/draft.js'
import { htmlShape } from '../../../src/corpus/import/html-shape.js'

describe('htmlShape', () => {
  it('counts nesting by opening and closing tags', () => {
    expect(htmlShape('<html><body><div><section><p>x</p></section></div></body></html>')).toEqual({
      depth: 4,
      elements: 5,
    })
  })

  it('does not count what never nests: void elements, unclosed paragraphs and items, comments, scripts', () => {
    const html = [
      '<div>',
      '<p>un<p>deux<p>trois',
      '<ul><li>a<li>b<li>c</ul>',
      '<img src="x"><br><hr/>',
      '<!-- <div><div><div> -->',
      '<script>for (let i = 0; i < 3; i++) document.write("<div>")</script>',
      '</div>',
    ].join('')
    expect(htmlShape(html).depth).toBe(2)
  })

  it('reads 20 MB of tags left open in linear time (each stops at the next « < »)', () => {
    expect(htmlShape('<a href="x" '.repeat(1_000_000))).toEqual({ depth: 0, elements: 0 })
    expect(htmlShape('<div>'.repeat(1_000_000)).depth).toBe(1_000_000)
  })
})

describe('tidyBlocks', () => {
  it('drops headings with nothing under them, in one pass, whatever the number of blocks', () => {
    const blocks = tidyBlocks([
      { kind: 'heading', level: 2, text: 'Vide' },
      { kind: 'heading', level: 2, text: 'Plein' },
      { kind: 'heading', level: 3, text: 'Sous-partie vide' },
      { kind: 'heading', level: 3, text: 'Sous-partie' },
      { kind: 'paragraph', text: 'Texte.' },
      { kind: 'heading', level: 2, text: 'Fin vide' },
    ])
    expect(blocks.map((b) => b.text)).toEqual(['Plein', 'Sous-partie', 'Texte.'])
    const many = Array.from({ length: 200_000 }, (_, i) => ({ kind: 'paragraph' as const, text: `P${i}.` }))
    expect(tidyBlocks([{ kind: 'heading', level: 3, text: 'Titre' }, ...many])).toHaveLength(200_001)
  })
})
