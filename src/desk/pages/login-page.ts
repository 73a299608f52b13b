import { type Html, html } from '../html.js'
import type { Lang, Words } from '../i18n.js'

/** The login form (no session yet, or a refused one). It posts the token once; the cookie does the rest. */
export function loginPage(lang: Lang, words: Words, problem?: string): Html {
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.loginTitle}</title><link rel="stylesheet" href="/desk/desk.css"></head>
<body class="login">
<main>
<h1>${words.loginTitle}</h1>
<p>${words.loginIntro}</p>
${problem ? html`<p class="notice error" role="alert">${problem}</p>` : ''}
<form method="post" action="/desk/login">
<label>${words.token} <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button type="submit">${words.login}</button>
</form>
</main>
</body>
</html>
`
}
