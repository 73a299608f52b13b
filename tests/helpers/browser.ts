import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'

/**
 * A real Chromium from npm alone: @sparticuz/chromium ships the binary (brotli-compressed, unpacked into the
 * temporary folder on first use) and puppeteer-core drives it. Linux x64 only: elsewhere the browser tests
 * are skipped, saying why; on Linux x64 a browser that does not start is a failure.
 */
export const NO_BROWSER =
  process.platform !== 'linux' || process.arch !== 'x64'
    ? `browser test skipped: @sparticuz/chromium ships Chromium for linux-x64 only, this is ${process.platform}-${process.arch}`
    : false
if (NO_BROWSER) console.warn(NO_BROWSER)

// Its serverless defaults turn web security off; the desk's tests want the browser as users have it (CSP,
// same-origin), and nothing reaching out: this machine has no network, so every background call would fail.
const UNWANTED = new Set(['--disable-web-security', '--allow-running-insecure-content', '--headless'])
const QUIET = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--disable-dev-shm-usage',
]

export interface DeskBrowser {
  newPage(): Promise<Page>
  /** What went wrong in the pages: script errors, CSP refusals, failed loads other than the 401 of a login. */
  problems(): string[]
  close(): Promise<void>
}

export async function launchDeskBrowser(): Promise<DeskBrowser> {
  const { default: chromium } = await import('@sparticuz/chromium')
  const { default: puppeteer } = await import('puppeteer-core')
  const profile = mkdtempSync(path.join(tmpdir(), 'ia-cinema-chromium-'))
  const args = [...chromium.args.filter((arg) => !UNWANTED.has(arg.split('=')[0] as string)), ...QUIET]
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath: await chromium.executablePath(),
      args: [...new Set(args)],
      headless: 'shell',
      userDataDir: profile,
    })
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  const problems: string[] = []
  return {
    async newPage() {
      const page = await browser.newPage()
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`))
      page.on('console', (message) => {
        const text = message.text()
        if (message.type() === 'error' && !text.includes('status of 401')) problems.push(text)
      })
      return page
    },
    problems: () => [...problems],
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
