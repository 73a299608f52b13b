/**
 * A Hunspell dictionary (.aff + .dic) expanded to every form it accepts, with the entry each form comes
 * from. Used only by the import scripts: `unmunch` (hunspell-tools 1.7.1) mishandles `FLAG long` and the
 * continuation classes of the French dictionary (it prints flags as words), so the expansion is done here
 * and checked against the real `hunspell` afterwards (see dictionary.ts).
 *
 * Supported: FLAG (single, long, num), PFX/SFX with strip, add, continuation classes and conditions,
 * cross products, two suffix levels, NEEDAFFIX, CIRCUMFIX, FORBIDDENWORD, ONLYINCOMPOUND. Compounding
 * (COMPOUNDRULE: English ordinals such as "21st") is not expanded: it generates no dictionary word.
 */
import { readFileSync } from 'node:fs'

interface Affix {
  prefix: boolean
  flag: string
  cross: boolean
  strip: string
  add: string
  cont: Set<string>
  condition: RegExp
  morph: string
}

export interface Form {
  /** The form as the dictionary writes it (case kept: "Paris", "remis"). */
  form: string
  /** The .dic entry it comes from ("remettre" for "remis"). */
  lemma: string
  /** Whether a prefix took part (the French prefixes are mostly elisions: "l'", "qu'"). */
  prefixed: boolean
  /** The entry's and affixes' morphological fields ("po:v1 po:ipre po:2sg"; empty in en-US). */
  morph: string
}

export interface Hunspell {
  forms(): Generator<Form>
  /** Number of .dic entries. */
  readonly entries: number
}

export function readHunspell(affPath: string, dicPath: string): Hunspell {
  const aff = readFileSync(affPath, 'utf8').split('\n')
  const options = new Map<string, string>()
  const affixes = new Map<string, Affix[]>()
  const headers = new Map<string, boolean>()
  for (const line of aff) {
    const parts = line.trim().split(/\s+/)
    const [kind, flag, a, b, c] = parts
    if (kind === undefined || kind.startsWith('#')) continue
    if ((kind === 'PFX' || kind === 'SFX') && flag !== undefined && a !== undefined && b !== undefined) {
      if (c === undefined || !headers.has(flag)) {
        headers.set(flag, a === 'Y')
        continue
      }
      const [add = '', cont = ''] = b.split('/')
      const affix: Affix = {
        prefix: kind === 'PFX',
        flag,
        cross: headers.get(flag) ?? false,
        strip: a === '0' ? '' : a,
        add: add === '0' ? '' : add,
        cont: new Set(),
        condition: condition(c, kind === 'PFX'),
        morph: parts.slice(5).join(' '),
      }
      affixes.set(flag, [...(affixes.get(flag) ?? []), affix])
      // Flags are parsed once FLAG is known (it comes first in every .aff).
      affix.cont = new Set(splitFlags(cont, options.get('FLAG')))
    } else if (flag !== undefined && !options.has(kind)) options.set(kind, flag)
  }
  const flagType = options.get('FLAG')
  const needAffix = options.get('NEEDAFFIX')
  const circumfix = options.get('CIRCUMFIX')
  const forbidden = options.get('FORBIDDENWORD')
  const onlyInCompound = options.get('ONLYINCOMPOUND')
  const dic = readFileSync(dicPath, 'utf8').split('\n').slice(1)

  function* expand(word: string, flags: Set<string>, morph: string): Generator<Form> {
    const lemma = word
    const valid = (cont: Set<string>) => !(needAffix && cont.has(needAffix))
    if (valid(flags)) yield { form: word, lemma, prefixed: false, morph }
    const suffixed: Array<{
      form: string
      cont: Set<string>
      cross: boolean
      circum: boolean
      morph: string
    }> = []
    for (const s1 of rules(flags, false, word)) {
      const w1 = word.slice(0, word.length - s1.strip.length) + s1.add
      const m1 = `${morph} ${s1.morph}`
      const circum1 = circumfix !== undefined && s1.cont.has(circumfix)
      if (valid(s1.cont) && !circum1) yield { form: w1, lemma, prefixed: false, morph: m1 }
      suffixed.push({ form: w1, cont: s1.cont, cross: s1.cross, circum: circum1, morph: m1 })
      for (const s2 of rules(s1.cont, false, w1)) {
        const w2 = w1.slice(0, w1.length - s2.strip.length) + s2.add
        if (valid(s2.cont) && !circum1) yield { form: w2, lemma, prefixed: false, morph: `${m1} ${s2.morph}` }
      }
    }
    for (const p of rules(flags, true, word)) {
      const circum = circumfix !== undefined && p.cont.has(circumfix)
      const w = p.add + word.slice(p.strip.length)
      if (valid(p.cont) && !circum) yield { form: w, lemma, prefixed: true, morph }
      // Suffixes combine with a prefix through the cross product, or through the prefix's continuation.
      for (const s of suffixed) {
        if (!(p.cross && s.cross) || s.circum !== circum) continue
        yield { form: p.add + s.form.slice(p.strip.length), lemma, prefixed: true, morph: s.morph }
      }
      for (const s of rules(p.cont, false, w)) {
        yield {
          form: w.slice(0, w.length - s.strip.length) + s.add,
          lemma,
          prefixed: true,
          morph: `${morph} ${s.morph}`,
        }
      }
    }
    // A suffix may allow prefixes in its continuation class (French elisions: "l'" + "émission").
    for (const s of suffixed) {
      for (const p of rules(s.cont, true, s.form)) {
        if (p.cont.has(circumfix ?? '\0') !== s.circum) continue
        yield { form: p.add + s.form.slice(p.strip.length), lemma, prefixed: true, morph: s.morph }
      }
    }
  }

  function* rules(flags: Set<string>, prefix: boolean, word: string): Generator<Affix> {
    for (const flag of flags) {
      for (const affix of affixes.get(flag) ?? []) {
        if (affix.prefix !== prefix || !affix.condition.test(word)) continue
        if (prefix ? word.startsWith(affix.strip) : word.endsWith(affix.strip)) yield affix
      }
    }
  }

  return {
    entries: dic.length,
    *forms() {
      for (const line of dic) {
        const [entry = '', ...fields] = line.split(/\s+/)
        if (entry === '') continue
        const slash = entry.search(/(?<!\\)\//)
        const word = (slash < 0 ? entry : entry.slice(0, slash)).replace(/\\\//g, '/')
        const flags = new Set(slash < 0 ? [] : splitFlags(entry.slice(slash + 1), flagType))
        if ((forbidden && flags.has(forbidden)) || (onlyInCompound && flags.has(onlyInCompound))) continue
        yield* expand(word, flags, fields.join(' '))
      }
    },
  }
}

function splitFlags(flags: string, type: string | undefined): string[] {
  if (flags === '') return []
  if (type === 'long') return flags.match(/../gsu) ?? []
  if (type === 'num') return flags.split(',')
  return [...flags]
}

/** A Hunspell condition ("[^aeiou]y", ".") as a regular expression anchored where the affix goes. */
function condition(text: string, prefix: boolean): RegExp {
  if (text === '.') return /(?:)/u
  const source = text.replace(/[\\(){}*+?|$]/g, '\\$&')
  return new RegExp(prefix ? `^${source}` : `${source}$`, 'u')
}
