/**
 * A minimal PDF writer for tests: pages of text runs placed at given positions and sizes, in the standard
 * Helvetica fonts (WinAnsi encoding, so French accents and « » are plain single bytes). Enough to build a
 * two-column page with headings without shipping a binary fixture or a PDF library.
 */

export interface TextRun {
  x: number
  y: number
  size: number
  text: string
  bold?: boolean
}

const PAGE = { width: 595, height: 842 }

// WinAnsi differs from Latin-1 for the typographic marks the French press uses.
const WIN_ANSI: Record<string, number> = {
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  '…': 0x85,
  œ: 0x9c,
  Œ: 0x8c,
  '€': 0x80,
}

function encode(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = WIN_ANSI[ch] ?? ch.charCodeAt(0)
    if (code > 0xff) throw new Error(`make-pdf: "${ch}" is not in WinAnsi`)
    const byte = String.fromCharCode(code)
    out += byte === '(' || byte === ')' || byte === '\\' ? `\\${byte}` : byte
  }
  return out
}

/** Pages of text runs; `info` fills the document information dictionary (Title, CreationDate…). */
export function makePdf(pages: TextRun[][], info: Record<string, string> = {}): Buffer {
  const objects: string[] = []
  const add = (body: string) => objects.push(body) // object number = index + 1
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add('') // pages, filled in below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>')
  const kids: number[] = []
  for (const runs of pages) {
    const stream = runs
      .map((r) => `BT /${r.bold ? 'F2' : 'F1'} ${r.size} Tf ${r.x} ${r.y} Td (${encode(r.text)}) Tj ET`)
      .join('\n')
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`)
    const content = objects.length
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${content} 0 R >>`,
    )
    kids.push(objects.length)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`

  const infoEntries = Object.entries(info)
  if (infoEntries.length > 0)
    add(`<< ${infoEntries.map(([key, value]) => `/${key} (${encode(value)})`).join(' ')} >>`)
  const infoRef = infoEntries.length > 0 ? ` /Info ${objects.length} 0 R` : ''

  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef} >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}
