import type { DomDocument, DomElement } from './html-dom.js'

// Never part of an article's text, wherever they sit.
const ALWAYS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'canvas',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'nav',
  'aside',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="search"]',
]
// Site furniture: a page's own header and footer, but not an article's (which may hold its title or a note).
const OUTSIDE_ARTICLE = ['header', 'footer']
// Class or id words of the widgets blogs wrap around an article.
const WIDGET =
  /(?:^|[\s_-])(?:cookies?|consent|gdpr|rgpd|share|sharing|partage|social|socials|comments?|commentaires?|respond|reply|newsletter|subscribe|abonnement|related|similar|breadcrumbs?|fil-ariane|sidebar|widget|popup|modal|banner|advert|ads?|pub|promo|sponsor|author-box|tags|pagination|disqus)(?:$|[\s_-])/i
// Widgets that never wrap an article, however much text they hold (a long comment thread, a cookie notice).
const NEVER_ARTICLE =
  /(?:^|[\s_-])(?:comments?|commentaires?|respond|reply|disqus|cookies?|consent|gdpr|rgpd|newsletter)(?:$|[\s_-])/i

/**
 * Removes what is around an article before the main-content extractor runs: navigation, site header and
 * footer, cookie banners, share buttons, comments, newsletters. Readability drops much of this by itself;
 * doing it first keeps a long comment thread from outscoring the article.
 */
export function removeBoilerplate(document: DomDocument): void {
  for (const element of [...document.querySelectorAll(ALWAYS.join(','))]) element.remove()
  for (const element of [...document.querySelectorAll(OUTSIDE_ARTICLE.join(','))]) {
    if (!element.parentElement?.closest('article, main, [role="main"]')) element.remove()
  }
  const pageText = textLength(document.body)
  for (const element of [...document.querySelectorAll('[class], [id]')]) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
    if (WIDGET.test(names) && !holdsTheArticle(element, names, pageText)) element.remove()
  }
}

/**
 * A widget word on the article's own wrapper (`<body class="has-comments">`, `<div class="entry share-on">`)
 * must not remove the article: an element that holds the article's markers or most of the page's text stays.
 */
function holdsTheArticle(element: DomElement, names: string, pageText: number): boolean {
  const tag = element.tagName.toLowerCase()
  if (tag === 'html' || tag === 'body' || tag === 'main') return true
  if (element.querySelector('main, [role="main"], h1') !== null) return true
  return !NEVER_ARTICLE.test(names) && textLength(element) > pageText * 0.5
}

function textLength(element: DomElement | null): number {
  return (element?.textContent ?? '').replace(/\s+/g, '').length
}
