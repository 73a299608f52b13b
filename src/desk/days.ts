/** Days as a team lives them: midnight to midnight in the desk's time zone (DESK_TIMEZONE), DST included. */

const DAY_MS = 86_400_000

function partsIn(
  instant: number,
  timeZone: string,
): { year: number; month: number; day: number; ms: number } {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(
    (type) => Number(parts[type]),
  ) as [number, number, number, number, number, number]
  return { year, month, day, ms: Date.UTC(year, month - 1, day, hour, minute, second) }
}

/** How far the zone's wall clock is ahead of UTC at an instant (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const rounded = Math.floor(instant / 1000) * 1000
  return partsIn(rounded, timeZone).ms - rounded
}

/** The instant of local midnight starting the given calendar day (month 1–12; days past the month roll over). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day)
  const guess = wall - offsetAt(wall, timeZone)
  // A second pass settles days whose offset changes between UTC midnight and local midnight.
  return wall - offsetAt(guess, timeZone)
}

/** Starts of the `count` days ending with today (oldest first), and the end of today. */
export function lastDays(now: Date, count: number, timeZone: string): { starts: Date[]; until: Date } {
  const today = partsIn(now.getTime(), timeZone)
  const starts = Array.from({ length: count }, (_, i) => {
    const back = count - 1 - i
    return new Date(localMidnight(today.year, today.month, today.day - back, timeZone))
  })
  const until = new Date(localMidnight(today.year, today.month, today.day + 1, timeZone))
  return { starts, until }
}

/** « lun. 3 », "Mon 3": a short day label in the desk's language and zone. */
export function dayLabel(start: Date, timeZone: string, lang: 'fr' | 'en'): string {
  // Noon of the day: a label never slips to the day before on a DST night.
  const noon = new Date(start.getTime() + DAY_MS / 2)
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
  }).format(noon)
}
