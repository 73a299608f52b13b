import type { ServerResponse } from 'node:http'
import type { Html } from './html.js'

/**
 * Every desk response: no script anywhere, styles and forms from the desk only, never framed, never cached
 * (pages show questions people asked), nothing sent as a referrer.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
}

export function sendHtml(
  response: ServerResponse,
  status: number,
  body: Html,
  headers: Record<string, string | string[]> = {},
): void {
  response
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...headers })
    .end(body.value)
}

export function sendCss(response: ServerResponse, css: string): void {
  response
    .writeHead(200, {
      'content-type': 'text/css; charset=utf-8',
      ...SECURITY_HEADERS,
      'cache-control': 'public, max-age=300',
    })
    .end(css)
}

/** 303: after a form, the browser follows with a GET (a reload does not post the form again). */
export function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  response.writeHead(303, { location, ...SECURITY_HEADERS, ...headers }).end()
}
