import { spawnSync } from 'node:child_process'
import { cp } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONTROL_CHARACTER } from '../../helpers/controls.js'
import { copyFixtureCorpus, FIXTURE_CORPUS_DIR } from '../../helpers/corpus.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')

function ask(args: string[], input?: string, env: Record<string, string> = {}) {
  return spawnSync(tsx, ['src/adapters/cli/ask.ts', ...args], {
    cwd: root,
    input,
    env: { ...process.env, CORPUS_DIR: FIXTURE_CORPUS_DIR, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('npm run ask', () => {
  it('prints JSON results with the verbatim text, section and source', () => {
    const run = ask(['--json', '--limit', '2', 'monteur'])
    expect(run.status).toBe(0)
    const answer = JSON.parse(run.stdout)
    expect(answer.query).toBe('monteur')
    expect(answer.results).toHaveLength(2)
    expect(answer.results[0]).toMatchObject({
      kind: 'passage',
      section: 'Les métiers menacés › Les monteurs vidéo (juniors)',
      source: { publisher: 'KILL THE TAPE' },
    })
    expect(answer.results[0].text).toContain('Les logiciels d’IA automatisent le montage de base')
    expect(typeof answer.results[0].score).toBe('number')
  })

  it('reads stdin with "-": exactly one line out per line in, hostile lines included, from CORPUS_DIR', async () => {
    // The corpus folder the bot reads, here with a second document: its answers name their own source.
    const dir = await copyFixtureCorpus('ia-cinema-ask-corpus-')
    await cp(path.join(root, 'tests', 'fixtures', 'corpus-second-document'), dir, { recursive: true })
    const lines = [
      'monteur',
      '',
      'x'.repeat(20_000),
      Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' '),
      '🎬🍿🤖',
      'مرحبا بالعالم',
      'a\u0000b',
      '__proto__',
      '"monteur" AND (vfx OR *)~2 +-',
      '<!channel> @everyone',
      'pizza margherita',
      'mont\reur', // a lone carriage return is not a line end for batch callers
      'monteur\u2028doublage',
      'doubleur',
      'mont\u202eeur\u0085\u009b2J\u200b',
    ]
    const run = ask(['--json', '--limit', '5', '-'], `${lines.join('\n')}\n`, { CORPUS_DIR: dir })
    expect(run.status).toBe(0)
    const out = run.stdout.trimEnd().split('\n')
    expect(out).toHaveLength(lines.length)
    const answers = out.map((line) => JSON.parse(line))
    expect(answers[0].results.length).toBeGreaterThan(0)
    expect(answers[1].results).toEqual([])
    expect(answers[10].results).toEqual([])
    for (const a of answers) expect(a.results.length).toBeLessThanOrEqual(5)
    expect(answers[0].results[0].source).toMatchObject({ publisher: 'KILL THE TAPE' })
    expect(answers.at(-2).results[0].source).toMatchObject({ publisher: 'Fiche de test ia-cinema' })
    // The query comes back as given once parsed, but nothing a terminal acts on is written raw.
    expect(answers.at(-1).query).toBe('mont\u202eeur\u0085\u009b2J\u200b')
    expect(run.stdout).not.toMatch(CONTROL_CHARACTER)
  })

  it('prints a passage as text, a run-in section heading shown in the section path, not glued to it', () => {
    const run = ask(['--limit', '1', 'monteur'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      /^1\. \[Les métiers menacés › Les monteurs vidéo \(juniors\)\] Les logiciels d’IA automatisent/,
    )
  })

  it('names a quote’s speaker when its sentence does not, and prints no control character of the query', () => {
    const quote = ask(['--limit', '1', 'l’IA propose des solutions, mais l’œil du technicien valide'])
    expect(quote.status).toBe(0)
    expect(quote.stdout).toMatch(
      /^1\. \[[^\]]+\] Pourtant, ces outils .*», insiste-t-il\. — un restaurateur\n {3}https:/,
    )

    const hostile = ask(['zzqx\u0007\u001b]0;titre\u0007\u001b[2J\u202eyyqw\u0085'])
    expect(hostile.status).toBe(0)
    expect(hostile.stdout).toBe('Rien trouvé pour « zzqxyyqw ».\n')
  })

  it('answers --help with the usage line on stdout and exit 0', () => {
    const run = ask(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^usage: npm run --silent ask -- .*\n$/)
    expect(run.stderr).toBe('')
  })

  it('refuses an empty one-shot query with one line of usage and no stack trace', () => {
    const run = ask(['--', ''])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^usage: npm run --silent ask -- [^\n]*\n$/)
    const badLimit = ask(['--limit', 'zero', 'monteur'])
    expect(badLimit.status).toBe(2)
    expect(badLimit.stderr).toMatch(/^--limit must be a whole number from 1 to 50 — usage: [^\n]*\n$/)
    expect(badLimit.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })
})
