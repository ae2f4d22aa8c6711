/** Debian's Chromium, headless, driven by playwright-core: never a downloaded browser. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_MISSING = 'Debian package chromium is missing (apt-get install chromium)'

/** Why the browser tests cannot run here, or `undefined` if they can. */
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM_PATH) ? undefined : CHROMIUM_MISSING

export interface HeadlessChromium {
  context: BrowserContext
  close(): Promise<void>
}

/** Starts Chromium with a fresh profile; `close()` ends it and deletes the profile. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {}
): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'context-echo-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: options.viewport ?? { width: 720, height: 480 },
    timeout: 20_000,
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
