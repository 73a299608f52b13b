import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIXTURE_CORPUS_DIR } from '../helpers/corpus.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

function runLoadScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, CORPUS_DIR: FIXTURE_CORPUS_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/**
 * npm run load in miniature: both apps measured, one verdict. Whether the verdict passes depends on the
 * machine and on the app's speed, which is the full run's business; here the script must only run cleanly
 * and its exit code must agree with what it printed.
 */
describe('npm run load (smoke)', () => {
  it('measures the bare Bolt apps and ia-cinema, a cold start and long texts, prints a verdict and exits accordingly', async () => {
    const { code, stdout, stderr } = await runLoadScript([
      '--duration',
      '1',
      '--connections',
      '5',
      '--warmup',
      '1',
      '--cold-delay',
      '0.2',
      '--cold-connections',
      '4',
      '--long-connections',
      '2',
      '--long-chars',
      '3000',
      '--huge-rounds',
      '2',
      '--huge-count',
      '2',
      '--huge-chars',
      '20000',
    ])
    expect(stdout, stderr).toMatch(/^load: Node v\d+.*5 connections, 1 s measured/m)
    expect(stdout).toMatch(/^bare Bolt \(ack constant "ok"\) +\d+ req\/s +p50 +\d+ ms +p99 +\d+ ms/m)
    expect(stdout).toMatch(/^bare Bolt \(ack constant answer\) +\d+ req\/s +p50 +\d+ ms +p99 +\d+ ms/m)
    expect(stdout).toMatch(
      /^ia-cinema \(startSlack\) +\d+ req\/s +p50 +\d+ ms +p99 +\d+ ms.* RSS \d+ MB → \d+ MB$/m,
    )
    // The runs about a process's life, against npm start's entry point: timings and memory, before and after.
    const life = (label: string) =>
      new RegExp(
        `^${label}: p50 \\d+ ms  p99 \\d+ ms  max \\d+ ms  acks over 3 s: \\d+ .* RSS \\d+ MB → \\d+ MB$`,
        'm',
      )
    expect(stdout).toMatch(life('cold start: 4 connections at once, 0.2 s after the app listens'))
    expect(stdout).toMatch(life('long text: 2 commands of 3,000 characters at once'))
    for (const round of [1, 2])
      expect(stdout).toMatch(
        life(`huge questions, round ${round}/2: 2 distinct commands of 20,000 characters, 2 at a time`),
      )
    expect(stdout).toMatch(
      /^memory: RSS \d+ MB → \d+ MB over 2 rounds of huge questions, growth -?\d+ MB \(must be under 150 MB\)$/m,
    )
    const verdict =
      /^acks over 3 s \(steady, cold start, long text\): (\d+) \(must be 0\); throughput ratio: (\d+\.\d\d)× bare Bolt acking an answer-sized constant \(must be ≥ 0\.80\), \d+\.\d\d× bare Bolt acking "ok"; failed requests: (\d+) \(must be 0\); memory growth over the huge rounds (?:under|over) 150 MB — (PASS|FAIL)$/m.exec(
        stdout,
      )
    expect(verdict, stdout).not.toBeNull()
    // Distinct questions: the app's own cache counters, read back from its process.
    const rate =
      /^answer cache \(ia-cinema, warm-up included\): (\d+) hits of (\d+) lookups, hit rate (\d+\.\d) %/m.exec(
        stdout,
      )
    expect(rate, stdout).not.toBeNull()
    expect(Number(rate?.[2])).toBeGreaterThan(0)
    expect(Number(rate?.[3])).toBeLessThan(10)
    expect(code).toBe(verdict?.[4] === 'PASS' ? 0 : 1)
    // Nothing in this run is slow or broken enough to excuse a failed request.
    expect(verdict?.[3]).toBe('0')
  }, 60_000)
})
