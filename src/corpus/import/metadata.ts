import type { SourceMetadata } from './draft.js'
import type { DomDocument } from './html-dom.js'

/**
 * What a web page says about itself: Open Graph and article tags, the canonical link, `<html lang>`, and
 * the schema.org JSON-LD most news sites and blogs embed. The first source that gives a field wins, in the
 * order listed for that field. (The `<title>` is the extractor's business: it strips the site's name.)
 */
export function readHtmlMetadata(document: DomDocument): SourceMetadata {
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const value = document
        .querySelector(`meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}" i]`)
        ?.getAttribute('content')
        ?.trim()
      if (value) return value
    }
    return undefined
  }
  const link = (rel: string) => document.querySelector(`link[rel="${rel}" i]`)?.getAttribute('href')?.trim()
  const jsonLd = readJsonLd(document)
  return prune({
    title: meta('og:title', 'twitter:title') ?? jsonLd.headline,
    url: link('canonical') ?? meta('og:url') ?? jsonLd.url,
    publisher: meta('og:site_name', 'application-name') ?? jsonLd.publisher,
    language: document.documentElement.getAttribute('lang')?.trim() || meta('og:locale', 'language'),
    published:
      meta('article:published_time', 'datePublished', 'date', 'dc.date', 'dcterms.date') ??
      jsonLd.datePublished ??
      document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim(),
  })
}

interface JsonLdFields {
  headline?: string
  url?: string
  publisher?: string
  datePublished?: string
}

/** The first schema.org object in the page that names a headline or a publication date. */
function readJsonLd(document: DomDocument): JsonLdFields {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown
    try {
      data = JSON.parse(script.textContent ?? '')
    } catch {
      continue // a broken block on a page is common and says nothing about the article
    }
    const candidates = (Array.isArray(data) ? data : [data]).flatMap((item) =>
      isRecord(item) && Array.isArray(item['@graph']) ? item['@graph'] : [item],
    )
    for (const item of candidates) {
      if (!isRecord(item) || !(item.headline || item.datePublished)) continue
      const publisher = isRecord(item.publisher) ? item.publisher.name : item.publisher
      return prune({
        headline: text(item.headline),
        url: text(item.url),
        publisher: text(publisher),
        datePublished: text(item.datePublished),
      })
    }
  }
  return {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T
}
