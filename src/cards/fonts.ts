/**
 * The card fonts, read from npm packages at first use (no network): Source Serif 4 for the quotation and
 * Source Sans 3 for the rest, both by Adobe (Frank Grießhammer, Paul D. Hunt), under the SIL Open Font
 * License 1.1, as packaged by Fontsource (@fontsource/source-serif-4, @fontsource/source-sans-3; the licence
 * ships in each package's LICENSE). Each face comes in two files, the "latin" and "latin-ext" subsets;
 * satori falls back along a family list, not between two files of one name, so the second subset is
 * named apart ("… Ext") and listed second: a name with a rarer letter (ł, ő, ș…) still renders.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Font } from 'satori'

const SERIF = 'Source Serif 4'
const SANS = 'Source Sans 3'
const EXT = ' Ext'

/** CSS font-family values for the card's two typefaces. */
export const SERIF_FAMILY = `"${SERIF}", "${SERIF}${EXT}"`
export const SANS_FAMILY = `"${SANS}", "${SANS}${EXT}"`

const FACES: Array<{
  name: string
  pkg: string
  file: string
  weight: 400 | 600
  style: 'normal' | 'italic'
}> = [
  { name: SERIF, pkg: 'source-serif-4', file: 'source-serif-4', weight: 400, style: 'normal' },
  { name: SERIF, pkg: 'source-serif-4', file: 'source-serif-4', weight: 400, style: 'italic' },
  { name: SANS, pkg: 'source-sans-3', file: 'source-sans-3', weight: 400, style: 'normal' },
  { name: SANS, pkg: 'source-sans-3', file: 'source-sans-3', weight: 600, style: 'normal' },
]

let fonts: Font[] | undefined

/** The same array every time: satori keeps its parsed fonts per array, so they are parsed once. */
export function cardFonts(): Font[] {
  if (!fonts) {
    const require = createRequire(import.meta.url)
    fonts = FACES.flatMap((face) =>
      ['latin', 'latin-ext'].map((subset) => ({
        name: subset === 'latin' ? face.name : `${face.name}${EXT}`,
        weight: face.weight,
        style: face.style,
        data: readFileSync(
          require.resolve(
            `@fontsource/${face.pkg}/files/${face.file}-${subset}-${face.weight}-${face.style}.woff`,
          ),
        ),
      })),
    )
  }
  return fonts
}
