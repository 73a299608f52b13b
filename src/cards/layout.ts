/**
 * The card's design as a satori element tree (React-like objects, no JSX): the section at the top, the
 * quotation large in the middle with its speaker, the source at the bottom. Every block keeps its natural
 * height (no shrinking, no clipping): a quotation too large for the frame pushes the footer out of it,
 * which the fit check sees, rather than being cut.
 */
import type { CardContent } from './content.js'
import { SANS_FAMILY, SERIF_FAMILY } from './fonts.js'

export type CardFormat = 'landscape' | 'square'

export interface FormatSpec {
  width: number
  height: number
  /** Margins of the frame: nothing is drawn outside it but the background. */
  padX: number
  padY: number
  /** Quotation sizes tried, largest first; the card uses the largest that fits. */
  quoteSizes: number[]
  /** About how much of the frame the quotation gets (the first size tried follows from it). */
  quoteShare: number
  meta: { section: number; speaker: number; title: number; source: number }
  /** Least room above and below the quotation. */
  bodyGap: number
}

const sizes = (from: number, to: number, step = 2): number[] =>
  Array.from({ length: Math.floor((from - to) / step) + 1 }, (_, i) => from - i * step)

export const FORMATS: Record<CardFormat, FormatSpec> = {
  // Link previews and slides.
  landscape: {
    width: 1200,
    height: 630,
    padX: 80,
    padY: 56,
    quoteSizes: sizes(62, 24),
    quoteShare: 0.42,
    meta: { section: 19, speaker: 27, title: 20, source: 18 },
    bodyGap: 28,
  },
  // Feeds that crop to a square.
  square: {
    width: 1080,
    height: 1080,
    padX: 88,
    padY: 88,
    quoteSizes: sizes(76, 28),
    quoteShare: 0.5,
    meta: { section: 21, speaker: 32, title: 23, source: 20 },
    bodyGap: 56,
  },
}

export const COLORS = {
  background: '#1d1d2b',
  ink: '#f5efe3',
  accent: '#f0b44c',
  muted: '#a7a3b8',
  rule: '#4a4860',
} as const

export interface CardElement {
  type: 'div'
  key?: string
  props: { style: Record<string, string | number>; children?: string | CardElement[] }
}

/** Keys of the blocks the fit check and the tests look for. */
export const BLOCKS = {
  section: 'section',
  quotation: 'quotation',
  speaker: 'speaker',
  title: 'title',
  source: 'source',
} as const

const div = (
  style: Record<string, string | number>,
  children?: string | CardElement[],
  key?: string,
): CardElement => ({ type: 'div', ...(key ? { key } : {}), props: { style, children } })

/** The short source line: publisher, year and the source's site (after « Extrait » on a cut quotation). */
export function sourceLine(content: CardContent): string {
  return [
    content.excerpt ? 'Extrait' : '',
    content.publisher,
    content.year ? String(content.year) : '',
    content.host ?? '',
  ]
    .filter((part) => part !== '')
    .join('  ·  ')
}

export function cardElement(content: CardContent, format: CardFormat, quoteSize: number): CardElement {
  const spec = FORMATS[format]
  const { meta } = spec
  const fixed = { display: 'flex', flexShrink: 0 }
  const header = div({ ...fixed, flexDirection: 'column' }, [
    div(
      {
        fontFamily: SANS_FAMILY,
        fontWeight: 600,
        fontSize: meta.section,
        letterSpacing: meta.section * 0.12,
        textTransform: 'uppercase',
        color: COLORS.accent,
        lineHeight: 1.35,
      },
      content.section,
      BLOCKS.section,
    ),
    div({ ...fixed, width: 56, height: 3, marginTop: 18, backgroundColor: COLORS.accent }),
  ])
  const body = div(
    {
      ...fixed,
      flexGrow: 1,
      flexDirection: 'column',
      justifyContent: 'center',
      paddingTop: spec.bodyGap,
      paddingBottom: spec.bodyGap,
    },
    [
      div(
        {
          ...fixed,
          fontFamily: SERIF_FAMILY,
          fontSize: quoteSize,
          lineHeight: 1.28,
          color: COLORS.ink,
          textWrap: 'balance',
          // A word wider than the frame (a pasted address, a code) is broken rather than drawn past it.
          wordBreak: 'break-word',
        },
        content.quotation,
        BLOCKS.quotation,
      ),
      ...(content.speaker
        ? [
            div(
              {
                ...fixed,
                marginTop: Math.round(quoteSize * 0.55),
                fontFamily: SANS_FAMILY,
                fontSize: meta.speaker,
                color: COLORS.accent,
              },
              `— ${content.speaker}`,
              BLOCKS.speaker,
            ),
          ]
        : []),
    ],
  )
  const footer = div(
    {
      ...fixed,
      flexDirection: 'column',
      borderTop: `1px solid ${COLORS.rule}`,
      paddingTop: meta.title,
    },
    [
      div(
        {
          ...fixed,
          fontFamily: SERIF_FAMILY,
          fontStyle: 'italic',
          fontSize: meta.title,
          lineHeight: 1.3,
          color: COLORS.ink,
          textWrap: 'balance',
        },
        content.title,
        BLOCKS.title,
      ),
      div(
        {
          ...fixed,
          marginTop: 8,
          fontFamily: SANS_FAMILY,
          fontSize: meta.source,
          letterSpacing: 0.3,
          color: COLORS.muted,
        },
        sourceLine(content),
        BLOCKS.source,
      ),
    ],
  )
  return div(
    {
      display: 'flex',
      flexDirection: 'column',
      boxSizing: 'border-box',
      width: spec.width,
      height: spec.height,
      padding: `${spec.padY}px ${spec.padX}px`,
      backgroundColor: COLORS.background,
    },
    [header, body, footer],
  )
}
