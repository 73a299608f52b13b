import { parseHTML } from 'linkedom'

/**
 * The few DOM members the import uses. The project compiles without the DOM library (it is a Node
 * program), so linkedom's own types, written against it, are narrowed to these.
 */
export interface DomElement {
  readonly tagName: string
  readonly textContent: string | null
  readonly parentElement: DomElement | null
  getAttribute(name: string): string | null
  querySelector(selectors: string): DomElement | null
  querySelectorAll(selectors: string): Iterable<DomElement>
  closest(selectors: string): DomElement | null
  remove(): void
}

export interface DomDocument {
  readonly documentElement: DomElement
  readonly body: DomElement | null
  readonly title: string
  querySelector(selectors: string): DomElement | null
  querySelectorAll(selectors: string): Iterable<DomElement>
}

export function parseDocument(html: string): DomDocument {
  // linkedom treats a fragment without <html> as an empty document.
  const text = /<html[\s>]/i.test(html)
    ? html
    : `<!doctype html><html><head></head><body>${html}</body></html>`
  return parseHTML(text).document as unknown as DomDocument
}
