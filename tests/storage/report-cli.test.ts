import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  formatReport,
  parseReportArguments,
  parseSince,
  ReportUsageError,
  runReport,
} from '../../src/storage/report-cli.js'
import { openSqliteStore } from '../../src/storage/sqlite-store.js'
import type { Report } from '../../src/storage/store.js'
import { FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'
import { ROOT, TSX, tempDirs } from './helpers.js'

const dirs = tempDirs()
afterEach(() => dirs.cleanup())

const NOW = new Date('2026-11-26T12:00:00Z')
const HOUR = 3_600_000

describe('parseSince', () => {
  it('reads hours, days and weeks before now', () => {
    expect(parseSince('24h', NOW)).toEqual(new Date(NOW.getTime() - 24 * HOUR))
    expect(parseSince('7d', NOW)).toEqual(new Date(NOW.getTime() - 7 * 24 * HOUR))
    expect(parseSince('2w', NOW)).toEqual(new Date(NOW.getTime() - 14 * 24 * HOUR))
  })

  it('reads ISO dates, a bare date being local midnight', () => {
    expect(parseSince('2026-11-01', NOW)).toEqual(new Date(2026, 10, 1))
    expect(parseSince('2026-11-01T08:30:00Z', NOW)).toEqual(new Date('2026-11-01T08:30:00Z'))
    expect(parseSince('2026-11-01T08:30+02:00', NOW)).toEqual(new Date('2026-11-01T06:30:00Z'))
  })

  it.each([
    '',
    '7',
    'd7',
    '7days',
    '7m',
    '-7d',
    '0d',
    '2026-02-30',
    '2026-13-01',
    '2026-11-01T25:00',
    'hier',
    '2027-01-01',
  ])('refuses %j with a one-line message', (value) => {
    let caught: unknown
    try {
      parseSince(value, NOW)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ReportUsageError)
    expect((caught as Error).message).not.toContain('\n')
  })
})

describe('parseReportArguments', () => {
  it('defaults to the last 7 days of ./data', () => {
    expect(parseReportArguments([], NOW)).toEqual({
      since: new Date(NOW.getTime() - 7 * 24 * HOUR),
      dataDir: './data',
      limit: 20,
      help: false,
    })
  })

  it('takes --since, --data-dir and --limit, with a space or =, after npm’s --', () => {
    expect(
      parseReportArguments(['--', '--since=2d', '--data-dir', '/srv/bot', '--limit=5'], NOW),
    ).toMatchObject({
      since: new Date(NOW.getTime() - 48 * HOUR),
      dataDir: '/srv/bot',
      limit: 5,
    })
  })

  it.each([['--since'], ['--limit', '0'], ['--limit', 'ten'], ['--verbose'], ['7d']])(
    'refuses %j',
    (...argv) => {
      expect(() => parseReportArguments(argv, NOW)).toThrow(ReportUsageError)
    },
  )
})

const SAMPLE: Report = {
  since: new Date('2026-11-19T12:00:00Z'),
  unanswered: [
    { query: 'Quel avenir pour les scénaristes ?', count: 4, lastAt: new Date('2026-11-25T09:00:00Z') },
  ],
  unhelpful: [
    { recordId: 'doc#p7', down: 3, up: 1, queries: ['monteur', 'vfx'] },
    { recordId: 'doc#p99', down: 1, up: 0, queries: [] },
  ],
  usage: [
    { command: 'recherche', platform: 'slack', count: 5 },
    { command: 'recherche', platform: 'discord', count: 2 },
    { command: 'citation', platform: 'discord', count: 1 },
  ],
  outcomes: [
    { command: 'recherche', direct: 3, closest: 2, refused: 2 },
    { command: 'citation', direct: 1, closest: 0, refused: 0 },
  ],
}

describe('formatReport', () => {
  it('prints the three sections in French, passages with their text when the corpus has them', () => {
    const text = formatReport(SAMPLE, {
      passageText: (id) =>
        id === 'doc#p7' ? 'Les logiciels d’IA automatisent le montage de base.' : undefined,
    })
    expect(text).toContain('Questions sans réponse (1)')
    expect(text).toMatch(/4 ×\s+« Quel avenir pour les scénaristes \? »/)
    expect(text).toContain('Passages jugés inutiles (2)')
    expect(text).toContain('doc#p7')
    expect(text).toContain('« Les logiciels d’IA automatisent le montage de base. »')
    expect(text).toContain('pour : « monteur », « vfx »')
    expect(text).toContain('(absent du corpus actuel)')
    expect(text).toContain('Usage par commande et par plateforme (8 requêtes)')
    expect(text).toMatch(/commande\s+discord\s+slack\s+total/)
    expect(text).toMatch(/recherche\s+2\s+5\s+7/)
    expect(text).toMatch(/citation\s+1\s+0\s+1/)
    expect(text).toMatch(/total\s+3\s+5\s+8/)
    expect(text).toContain('Réponses par commande : directes, au plus proche, sans réponse (8 requêtes)')
    expect(text).toMatch(/commande\s+directes\s+au plus proche\s+sans réponse\s+total/)
    expect(text).toMatch(/recherche\s+3\s+2\s+2\s+7/)
    expect(text).toMatch(/citation\s+1\s+0\s+0\s+1/)
    expect(text).toMatch(/total\s+4\s+2\s+2\s+8/)
  })

  it('says when a section is empty', () => {
    const text = formatReport({ since: NOW, unanswered: [], unhelpful: [], usage: [], outcomes: [] })
    expect(text.match(/ {2}Aucune?\./g)).toHaveLength(4)
  })
})

describe('runReport', () => {
  it('reports, in one line and without failing, that there is no database yet', async () => {
    const out: string[] = []
    const err: string[] = []
    const code = await runReport(['--data-dir', path.join(dirs.make(), 'absent')], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
    })
    expect(code).toBe(0)
    expect(err).toEqual([])
    expect(out.join('')).toMatch(/^Aucune donnée : pas encore de base dans .*absent.*\n$/)
  })
})

function report(args: string[]) {
  return spawnSync(TSX, ['scripts/report.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CORPUS_DIR: FIXTURE_CORPUS_DIR },
    encoding: 'utf8',
    timeout: 30_000,
  })
}

describe('npm run report', () => {
  it('shows a recorded unanswered question and the passage text from the corpus', () => {
    const dataDir = dirs.make()
    const { store } = openSqliteStore({ dataDir })
    store.recordQuery({
      platform: 'discord',
      command: 'recherche',
      query: 'pizza aux anchois',
      outcome: 'refused',
      resultIds: [],
    })
    store.recordQuery({
      platform: 'slack',
      command: 'recherche',
      query: 'vieux sujet',
      outcome: 'refused',
      resultIds: [],
      at: new Date(Date.now() - 10 * 24 * HOUR),
    })
    store.recordFeedback({ platform: 'slack', recordId: 'ia-emploi-cinema-audiovisuel#p1', helpful: false })
    store.close()

    const run = report(['--data-dir', dataDir, '--since', '7d'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Questions sans réponse (1)')
    expect(run.stdout).toContain('« pizza aux anchois »')
    expect(run.stdout).not.toContain('vieux sujet')
    expect(run.stdout).toContain('ia-emploi-cinema-audiovisuel#p1')
    expect(run.stdout).not.toContain('(absent du corpus actuel)')
    expect(run.stdout).toMatch(/recherche\s+1\s+1/)
  })

  it('answers a bad --since with one line and a non-zero exit', () => {
    const run = report(['--data-dir', dirs.make(), '--since', 'last-tuesday'])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('--since')
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })
})
