import { describe, expect, it } from 'vitest'
import { htmlToDraft } from '../../../src/corpus/import/html.js'
import { fixture } from './fixtures.js'

describe('htmlToDraft', () => {
  it('keeps a blog post’s article, headings and lists, and nothing of the page around it', () => {
    const { metadata, blocks } = htmlToDraft(fixture('blog-post.html'))
    expect(metadata).toEqual({
      title: 'Étalonnage et IA : ce qui change en salle',
      // The canonical link, not og:url with its tracking parameter.
      url: 'https://carnet-postprod.example/blog/etalonnage-et-ia',
      publisher: 'Le Carnet de la post-prod',
      language: 'fr-FR',
      published: '2025-03-14T09:30:00+01:00',
    })
    expect(blocks.filter((b) => b.kind === 'heading')).toEqual([
      { kind: 'heading', level: 2, text: 'Gagner du temps sur les rushes' },
      { kind: 'heading', level: 2, text: 'Un métier qui se déplace' },
      { kind: 'heading', level: 3, text: 'Et les assistants ?' },
    ])
    const text = blocks.map((b) => b.text).join('\n')
    // Verbatim, inline markup reduced to its words (an <em> and a link), list items as paragraphs.
    expect(text).toContain('proposent des outils d’appariement automatique des plans.')
    expect(text).toContain('Les LUT de visionnage sont générées dès l’ingest')
    expect(blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Les versions HDR et SDR sont livrées plus tôt.',
    })
    expect(text).toMatch(/porte d’entrée dans le métier\.$/)
    for (const furniture of [
      'cookies', // banner
      'Tout accepter',
      'Formations', // menu
      'Partager', // share buttons, above the article and inside it
      'Inscrivez-vous', // a newsletter box inside the article
      'Cette vidéo est bloquée', // a cookie placeholder inside the article
      'Très bon article', // comments
      'commentaires',
      'Articles similaires', // sidebar
      'Recevez nos articles', // newsletter
      'consultante en post-production', // author box
      'Mentions légales', // footer
      'Saint-Denis',
      'dataLayer', // scripts
    ])
      expect(text, furniture).not.toContain(furniture)
    expect(text).not.toMatch(/[*_[\]\\]/)
  })

  it('reads a page that only has JSON-LD metadata, and keeps « » quotes with their no-break spaces', () => {
    const { metadata, blocks } = htmlToDraft(fixture('interview-page.html'))
    expect(metadata).toMatchObject({
      title: 'Bruiteurs : « On ne remplace pas un pas dans le gravier »',
      url: 'https://revue-du-son.example/2024/bruiteurs-ia',
      publisher: 'Revue du Son',
      language: 'fr',
      published: '2024-11-05',
    })
    // The <h1> repeats the title: it is front matter, not a section.
    expect(blocks[0]).toMatchObject({
      kind: 'paragraph',
      text: expect.stringMatching(/^Les banques de sons/),
    })
    expect(blocks.map((b) => b.text).join('\n')).toContain('«\u00a0Pour une série d’animation')
    expect(blocks.map((b) => b.text).join('\n')).not.toMatch(/traceurs|Tweeter|Tous droits/)
  })

  it('finds no article in a page that is only furniture', () => {
    const { blocks } = htmlToDraft(
      '<html><body><nav><a href="/">Accueil</a></nav><div class="cookie-banner"><p>Nous utilisons des cookies.</p></div><footer>© 2025</footer></body></html>',
    )
    expect(blocks.filter((b) => b.kind === 'paragraph')).toEqual([])
  })
})
