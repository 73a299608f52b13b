/**
 * `npm run dev`: `npm start` restarted on every source change, for the platforms (Slack, Discord). The
 * console chat runs as under `npm start`, without the watcher: `tsx watch` reads stdin itself (each Return
 * would restart the app under the person typing) and keeps running after « quitter ». The app still
 * reloads the corpus when it changes (CORPUS_WATCH).
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { fileURLToPath } from 'node:url'
import { loadConfigOrExit } from '../src/config.js'

const config = loadConfigOrExit()
if (!config.slack && !config.discord && !config.discordHttp) {
  await import('../src/main.js')
} else {
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))
  const watcher = spawn(tsx, ['watch', 'src/main.ts'], { stdio: 'inherit' })
  // Ctrl-C reaches the whole process group, the watcher included, which stops the app: relaying it too
  // would be a second SIGINT, on which tsx kills the app without letting it drain. A signal sent to this
  // process alone (kill, a supervisor) is passed on.
  process.on('SIGINT', () => {})
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => watcher.kill(signal))
  watcher.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1))
  })
}
