/**
 * npm passes SIGINT and SIGTERM on to the app, and no other signal (npm 7 to 11: @npmcli/run-script's
 * signal manager). A SIGHUP sent to npm — a reload aimed at npm's pid instead of the app's, or the terminal
 * hanging up — ends npm and would leave the app running with nobody to stop it. Started by npm, the app
 * watches its parent: once it is gone, `onGone` runs (main shuts down as on SIGTERM).
 */

/** How often the parent is checked: an orphan lives at most this long. */
export const PARENT_CHECK_MS = 500

/** Calls `onGone` once, when the process's parent has changed (it ended); returns a stop function. */
export function watchParent(
  onGone: (formerParent: number) => void,
  intervalMs = PARENT_CHECK_MS,
): () => void {
  const parent = process.ppid
  const timer = setInterval(() => {
    // process.ppid asks the OS each time: once the parent ends, the process is someone else's child.
    if (process.ppid === parent) return
    clearInterval(timer)
    onGone(parent)
  }, intervalMs)
  // The check alone must not keep the process alive.
  timer.unref()
  return () => clearInterval(timer)
}
