/** Who is asking, as far as the core needs to know. */
export interface Requester {
  platform: 'slack' | 'discord' | 'console' | 'cli'
  /** Platform user id; used only for fair use and (hashed) statistics, never shown. */
  userId?: string
  /** Platform locale such as "fr" or "en-US"; answers are in French either way. */
  locale?: string
}
