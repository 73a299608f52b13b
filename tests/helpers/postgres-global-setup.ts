/**
 * vitest globalSetup: ONE PostgreSQL for the whole run, handed to the test files through provide/inject
 * (`inject('postgres')`); each file makes its own database on it (freshDatabase).
 */
import type { TestProject } from 'vitest/node'
import { type PostgresServer, startCluster } from './postgres.js'
import { freePort } from './start-process.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServer
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster(await freePort())
  project.provide('postgres', { port: cluster.port, user: cluster.user, password: cluster.password })
  return () => cluster.remove()
}
