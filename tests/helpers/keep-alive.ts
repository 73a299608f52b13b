import { Agent, request } from 'node:http'
import { FAKE_IDS } from './fake-slack.js'
import { SIGNING_SECRET, slackSignature } from './fake-slack-requests.js'

export interface LoopedResponse {
  /** performance.now() when the request was written. */
  sentAt: number
  status?: number
  connection?: string
  error?: string
}

/**
 * A client that reuses one keep-alive connection for signed slash commands, one after the other, until the
 * server refuses or closes: what a load balancer's or a busy client's connection pool does. Resolves with
 * every exchange, in order.
 */
export async function keepAliveLoop(url: string, responseUrl: string): Promise<LoopedResponse[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const exchanges: LoopedResponse[] = []
  try {
    for (;;) {
      const sentAt = performance.now()
      try {
        const { status, connection } = await signedCommand(url, agent, responseUrl)
        exchanges.push({ sentAt, status, connection })
        if (status !== 200) return exchanges
      } catch (error) {
        exchanges.push({ sentAt, error: (error as NodeJS.ErrnoException).code ?? String(error) })
        return exchanges
      }
    }
  } finally {
    agent.destroy()
  }
}

function signedCommand(
  url: string,
  agent: Agent,
  responseUrl: string,
): Promise<{ status: number; connection?: string }> {
  const body = new URLSearchParams({
    team_id: FAKE_IDS.teamId,
    channel_id: 'C0000001',
    user_id: 'U0KEEPALIVE',
    command: '/ia-cinema',
    text: 'monteur',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString()
  const timestamp = Math.floor(Date.now() / 1000)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        },
      },
      (response) => {
        response.resume()
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
