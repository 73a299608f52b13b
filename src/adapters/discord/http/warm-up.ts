/**
 * Signed interactions through a throwaway endpoint (a key pair of its own, a bot that records nothing, a
 * loopback port) before the real endpoint listens: the HTTP server, the checks, the schema, the core and the
 * rendering are then compiled when the first real interactions arrive.
 */

import { generateKeyPairSync, sign } from 'node:crypto'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WARM_UP_QUESTIONS } from '../../../bot/warm-up.js'
import { APPLICATION_COMMAND, AUTOCOMPLETE, BUTTON, MESSAGE_COMPONENT, PING } from './payload.js'

const ROUNDS = 4

export async function warmUpEndpoint(listenerFor: (publicKeyHex: string) => RequestListener): Promise<void> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  // The raw 32-byte key is what follows the fixed SPKI prefix (12 bytes).
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex')
  const server = createServer(listenerFor(publicKeyHex))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  let id = 0n
  const post = async (payload: Record<string, unknown>) => {
    id += 1n
    const body = JSON.stringify({
      id: String(id),
      token: `warm-up-${id}`,
      application_id: '1',
      locale: 'fr',
      member: { user: { id: '2', username: 'warm-up', global_name: null } },
      ...payload,
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex')
    const reply = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      },
      body,
    }).catch(() => undefined)
    await reply?.arrayBuffer()
  }
  const question = (value: string, focused = false) => ({
    name: 'ia-cinema',
    options: [{ name: 'question', type: 3, value, ...(focused ? { focused } : {}) }],
  })
  try {
    await post({ type: PING })
    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all([
        ...WARM_UP_QUESTIONS.map((text) => post({ type: APPLICATION_COMMAND, data: question(text) })),
        post({ type: AUTOCOMPLETE, data: question('mont', true) }),
        post({
          type: MESSAGE_COMPONENT,
          data: { custom_id: 'iac:next:1', component_type: BUTTON },
          message: { flags: 64 },
        }),
      ])
    }
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
