import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isSlackSignature } from '../../../../src/adapters/slack/edge/signature.js'
import { SIGNING_SECRET, slackSignature } from '../../../helpers/fake-slack-requests.js'

const TIMESTAMP = '1700000000'
const BODY = 'command=%2Fia-cinema&text=monteur&user_id=U1&channel_id=C1'
const signed = slackSignature(SIGNING_SECRET, TIMESTAMP, BODY)

describe('isSlackSignature', () => {
  it('accepts the v0 signature Slack computes for this timestamp and body', () => {
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, BODY, signed)).toBe(true)
  })

  it('refuses a signature made with another secret, for another body or another timestamp', () => {
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, BODY, slackSignature('other', TIMESTAMP, BODY))).toBe(
      false,
    )
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, `${BODY}&x=1`, signed)).toBe(false)
    expect(isSlackSignature(SIGNING_SECRET, '1700000001', BODY, signed)).toBe(false)
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', 'v0=00'],
    ['one digit short', signed.slice(0, -1)],
    ['one digit long', `${signed}0`],
    ['followed by more', `${signed}=v0`],
    ['of another version', signed.replace(/^v0=/, 'v1=')],
    ['without its version', signed.slice(3)],
    ['in upper case', `v0=${signed.slice(3).toUpperCase()}`],
    ['not hexadecimal', `v0=${'z'.repeat(64)}`],
  ])('refuses a signature that is %s, without throwing', (_name, signature) => {
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, BODY, signature)).toBe(false)
  })

  it('checks the bytes as received: the same body as a buffer, and bytes that are not UTF-8', () => {
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, Buffer.from(BODY), signed)).toBe(true)
    const bytes = Buffer.concat([Buffer.from(`${BODY}&x=`), Buffer.from([0xff, 0xfe])])
    const overBytes = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${TIMESTAMP}:`).update(bytes).digest('hex')}`
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, bytes, overBytes)).toBe(true)
    expect(isSlackSignature(SIGNING_SECRET, TIMESTAMP, Buffer.from(`${BODY}&x=1`), signed)).toBe(false)
  })

  it('refuses everything when the signing secret is empty', () => {
    expect(isSlackSignature('', TIMESTAMP, BODY, slackSignature('', TIMESTAMP, BODY))).toBe(false)
  })
})
