import { z } from 'zod'

/** The editor's desk (/desk): its variables, their rules, and what the rest of the code reads of them. */

export interface DeskConfig {
  /** Reads and writes (attaches questions to passages). */
  editorToken: string
  /** Reads only. */
  readerToken?: string
  /** Where a day starts and ends on the desk's charts (IANA zone). */
  timeZone: string
}

const MIN_TOKEN_LENGTH = 16

const token = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine(
    (v) => v === undefined || (v.length >= MIN_TOKEN_LENGTH && !/\s/.test(v)),
    `must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -hex 24)`,
  )

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const deskVariables = {
  DESK_TOKEN: token,
  DESK_READONLY_TOKEN: token,
  DESK_TIMEZONE: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .default('Europe/Paris')
      .refine(knownZone, 'must be an IANA time zone such as Europe/Paris'),
  ),
}

type DeskEnv = { DESK_TOKEN?: string; DESK_READONLY_TOKEN?: string; DESK_TIMEZONE: string }

export function checkDeskVariables(env: DeskEnv, problem: (variable: string, message: string) => void): void {
  if (env.DESK_READONLY_TOKEN && !env.DESK_TOKEN) problem('DESK_READONLY_TOKEN', 'needs DESK_TOKEN')
  if (env.DESK_READONLY_TOKEN && env.DESK_READONLY_TOKEN === env.DESK_TOKEN)
    problem('DESK_READONLY_TOKEN', 'must differ from DESK_TOKEN')
}

/** Undefined (the desk is off: /desk is 404) unless DESK_TOKEN is set. */
export function deskConfig(env: DeskEnv): DeskConfig | undefined {
  if (!env.DESK_TOKEN) return undefined
  return {
    editorToken: env.DESK_TOKEN,
    ...(env.DESK_READONLY_TOKEN ? { readerToken: env.DESK_READONLY_TOKEN } : {}),
    timeZone: env.DESK_TIMEZONE,
  }
}
