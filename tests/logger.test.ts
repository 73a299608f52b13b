import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { stderrDestination } from '../src/logger.js'
import { ROOT } from './helpers/start-process.js'

const LINE = `${JSON.stringify({ level: 30, msg: 'x'.repeat(200) })}\n`

describe('the log destination', () => {
  it('holds at most about a megabyte for a reader that stopped reading, dropping later lines', () => {
    // A stream that never finishes a write: its queue only grows, as stderr's does for a stuck pipe.
    const stuck = new Writable({ write: () => undefined }) as unknown as NodeJS.WriteStream
    const destination = stderrDestination(stuck)
    for (let n = 0; n < 20_000; n++) destination.write(LINE)
    expect(stuck.writableLength).toBeGreaterThan(1 << 20)
    expect(stuck.writableLength).toBeLessThan((1 << 20) + 2 * LINE.length)
  })

  it('goes quiet instead of throwing once the stream throws or fails', () => {
    let writes = 0
    const full = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream
    // A file on a full disk: stderr then writes synchronously and throws.
    full.write = () => {
      writes++
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    }
    const destination = stderrDestination(full)
    expect(() => destination.write(LINE)).not.toThrow()
    expect(() => destination.write(LINE)).not.toThrow()
    expect(writes).toBe(1)

    const pipe = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream
    let sent = 0
    const write = pipe.write.bind(pipe)
    pipe.write = ((chunk: string) => {
      sent++
      return write(chunk)
    }) as typeof pipe.write
    const quiet = stderrDestination(pipe)
    quiet.write(LINE)
    // The reader went away: without a listener this 'error' would end the process.
    pipe.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    quiet.write(LINE)
    expect(sent).toBe(1)
  })

  it('lets a process exit while its stderr pipe is full and never read', async () => {
    // 4 MB of logs into a pipe nobody reads, then exit: pino's own destination blocked here for good.
    const script = `
      const { createLogger } = await import('./src/logger.ts')
      const logger = createLogger('info')
      for (let n = 0; n < 20000; n++) logger.info({ n }, 'x'.repeat(200))
      process.exit(0)`
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    // Never read: the pipe fills after 64 KB.
    child.stderr.pause()
    // A regression must fail the test, not leave a process behind.
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000)
    const code = await new Promise((resolve) => child.on('exit', resolve))
    clearTimeout(guard)
    child.stderr.destroy()
    expect(code).toBe(0)
  }, 20_000)
})
