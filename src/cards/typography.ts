/**
 * French typography for text set on a card: typographic apostrophes and guillemets, and no-break spaces
 * where French puts a space that must never start a line (before : ; ! ? », after «, before %, between
 * groups of digits). The words themselves are never changed.
 *
 * The no-break space is U+00A0 everywhere: the narrow one (U+202F) that some houses use before ; ! ? is
 * missing from the card fonts, and would render as nothing.
 */

export const NBSP = '\u00a0'

/** Straight double quotes around a phrase become guillemets (the article mixes both styles). */
function guillemets(text: string): string {
  let open = false
  return text.replace(/"/g, () => {
    open = !open
    return open ? '«' : '»'
  })
}

export function frenchTypography(raw: string): string {
  let text = raw.replace(/\s+/g, ' ').trim()
  // Apostrophes: a straight one between letters (l'IA, aujourd'hui) is the typographic ’.
  text = text.replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
  // An odd number of straight quotes cannot be paired: they are left as they are.
  if ((text.match(/"/g)?.length ?? 0) % 2 === 0) text = guillemets(text)
  // A space (or none) before high punctuation that ends a word (?!, : or ;) becomes a no-break space;
  // "10:30" and "https://" are left alone, the mark being followed by neither a space nor the end.
  text = text.replace(/(?<=\S)\s?([:;!?]+)(?=\s|$|[.,)»])/g, (_match, marks: string) => `${NBSP}${marks}`)
  text = text.replace(/(?<=\S)\s?»/g, `${NBSP}»`).replace(/«\s?(?=\S)/g, `«${NBSP}`)
  text = text.replace(/(?<=\d)\s?%/g, `${NBSP}%`)
  // A one-letter word (à, a, y) does not end a line: it stays with the word after it.
  text = text.replace(/(?<=(?:^|[\s«(])[àaAyYÀ]) (?=\S)/gu, NBSP)
  // Groups of thousands ("1 000 000"): a space between a digit and three digits that end the number.
  text = text.replace(/(?<=\d) (?=\d{3}(?!\d))/g, NBSP)
  // Several marks in a row (« ?! ») keep a single space before the first.
  return text.replace(new RegExp(`${NBSP}{2,}`, 'g'), NBSP).replace(/ (?=\u00a0)|(?<=\u00a0) /g, '')
}

/** A quotation set between guillemets, unless it already starts and ends with them. */
export function inGuillemets(quotation: string): string {
  const text = frenchTypography(quotation)
  if (text.startsWith('«') && text.endsWith('»')) return text
  return `«${NBSP}${text}${NBSP}»`
}
