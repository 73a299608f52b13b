import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { DeskAuth, FailedLogins, SESSION_COOKIE, SESSION_SECONDS } from '../../src/desk/auth.js'

const EDITOR = 'editor-token-0123456789'
const READER = 'reader-token-0123456789'
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('DeskAuth', () => {
  let clock = Date.parse('2026-11-02T10:00:00Z')
  const auth = new DeskAuth({ editorToken: EDITOR, readerToken: READER }, () => clock)

  it('gives each token its role, and nothing to another value', () => {
    expect(auth.roleOf(EDITOR)).toBe('editor')
    expect(auth.roleOf(READER)).toBe('reader')
    expect(auth.roleOf(`${EDITOR}x`)).toBeUndefined()
    expect(auth.roleOf('')).toBeUndefined()
    expect(new DeskAuth({ editorToken: EDITOR }).roleOf(READER)).toBeUndefined()
  })

  it('reads a bearer header: a wrong one is invalid, not absent', () => {
    expect(auth.identify(request({ authorization: `Bearer ${READER}` }))).toEqual({
      role: 'reader',
      via: 'bearer',
    })
    expect(auth.identify(request({ authorization: 'Bearer nope' }))).toEqual({
      role: undefined,
      via: 'invalid',
    })
    expect(auth.identify(request({ authorization: `Basic ${EDITOR}` }))).toEqual({
      role: undefined,
      via: 'invalid',
    })
    expect(auth.identify(request({}))).toEqual({ role: undefined, via: 'none' })
  })

  it('signs sessions without putting the token in them, and refuses one forged, swapped or expired', () => {
    const session = auth.session('reader')
    expect(session).not.toContain(READER)
    expect(session).not.toContain(EDITOR)
    const cookie = (value: string) => request({ cookie: `other=1; ${SESSION_COOKIE}=${value}` })
    expect(auth.identify(cookie(session))).toEqual({ role: 'reader', via: 'cookie', session })
    const [, expires, signature] = session.split('.')
    expect(auth.identify(cookie(`editor.${expires}.${signature}`)).via).toBe('invalid')
    expect(auth.identify(cookie(`reader.${Number(expires) + 1}.${signature}`)).via).toBe('invalid')
    expect(auth.identify(cookie(`${session}x`)).via).toBe('invalid')
    // Another deployment's token signs other sessions.
    expect(
      new DeskAuth({ editorToken: EDITOR, readerToken: 'another-reader-token' }).identify(cookie(session))
        .via,
    ).toBe('invalid')
    clock += SESSION_SECONDS * 1000
    expect(auth.identify(cookie(session)).via).toBe('invalid')
  })

  it('ties the CSRF token to the session', () => {
    const one = auth.session('editor')
    clock += 1000
    const two = auth.session('editor')
    expect(auth.checkCsrf(one, auth.csrfToken(one))).toBe(true)
    expect(auth.checkCsrf(two, auth.csrfToken(one))).toBe(false)
    expect(auth.checkCsrf(one, null)).toBe(false)
    expect(auth.checkCsrf(one, '')).toBe(false)
  })
})

describe('FailedLogins', () => {
  it('blocks an address after 10 wrong tokens in 10 minutes, then lets it try again', () => {
    let clock = 0
    const failures = new FailedLogins(() => clock)
    for (let i = 0; i < 9; i++) failures.fail('10.0.0.1')
    expect(failures.blocked('10.0.0.1')).toBe(false)
    failures.fail('10.0.0.1')
    expect(failures.blocked('10.0.0.1')).toBe(true)
    expect(failures.blocked('10.0.0.2')).toBe(false)
    clock += 10 * 60_000 + 1
    expect(failures.blocked('10.0.0.1')).toBe(false)
  })
})
