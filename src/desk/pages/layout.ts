import type { SearchEngine } from '../../search/engine.js'
import type { Role } from '../auth.js'
import { type Html, html } from '../html.js'
import type { Lang, Words } from '../i18n.js'

/** What every page is drawn with: who looks, in which language, and the corpus serving now. */
export interface PageContext {
  lang: Lang
  words: Words
  role: Role
  /** The session's CSRF token for forms; empty when the request came with a bearer token (no cookie). */
  csrf: string
  engine: SearchEngine
  timeZone: string
  now: Date
}

export type NavTab = 'week' | 'questions' | 'corpus' | 'try'

/** The whole document: head (stylesheet from /desk, nothing inline, no script), navigation, content. */
export function page(context: PageContext, options: { title: string; tab?: NavTab; body: Html }): Html {
  const { words } = context
  const tabs: Array<[NavTab, string, string]> = [
    ['week', '/desk', words.navWeek],
    ['questions', '/desk/questions', words.navQuestions],
    ['corpus', '/desk/corpus', words.navCorpus],
    ['try', '/desk/answer', words.navTry],
  ]
  return html`<!doctype html>
<html lang="${context.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — ${words.title}</title><link rel="stylesheet" href="/desk/desk.css"></head>
<body>
<header class="top"><strong>ia-cinema · ${words.title}</strong>
<nav>${tabs.map(
    ([tab, href, label]) =>
      html`<a href="${href}"${tab === options.tab ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav>
${context.role === 'reader' ? html`<span class="badge">${words.readOnly}</span>` : ''}
${
  context.csrf
    ? html`<form method="post" action="/desk/logout" class="logout"><input type="hidden" name="csrf" value="${context.csrf}"><button type="submit">${words.logout}</button></form>`
    : ''
}
</header>
<main>
${options.body}
</main>
<footer>${words.corpusVersion} ${context.engine.corpus.version} · ${context.engine.size} ${words.passages}</footer>
</body>
</html>
`
}

/** A page of its own for a refusal or a failure (the status is the caller's). */
export function messagePage(context: PageContext, title: string, message: string): Html {
  return page(context, {
    title,
    body: html`<h1>${title}</h1><p class="notice error">${message}</p><p><a href="/desk">${context.words.back}</a></p>`,
  })
}

/** A small coloured square for a chart legend (an SVG: the CSP allows no inline style). */
export function swatch(color: string): Html {
  return html`<svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${color}"/></svg>`
}

export function hiddenFields(fields: Record<string, string>): Html {
  return html`${Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}`
}
