import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { workerUrl } from '../../../test/e2e/helpers/worker-under-test'
import { type EdgeProxy, startEdgeProxy } from './helpers/edge-proxy'
import { chromiumMissing, type HeadlessChromium, launchChromium } from './helpers/headless-chromium'

const missing = chromiumMissing()
const CLIENT = '203.0.113.50'
const SCREENSHOTS = 'test-results'
const WAIT = { timeout: 5000, interval: 20 }

/** The transcript as [who, text] rows. */
const transcript = (page: Page) =>
  page
    .locator('#transcript li')
    .evaluateAll((items) => items.map((li) => [li.className, li.lastElementChild?.textContent]))

const waitForTranscript = (page: Page, rows: string[][]) =>
  expect.poll(() => transcript(page), WAIT).toEqual(rows)

/** What the transcript shows for a line that came back. */
const echoed = (line: string) => [
  ['you', line],
  ['echo', line],
]

const focusedId = (page: Page) => page.locator(':focus').getAttribute('id')
const text = (page: Page, selector: string) => page.locator(selector).textContent()

async function sendLine(page: Page, line: string) {
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

describe('the page at / in headless Chromium', () => {
  let browser: HeadlessChromium | undefined
  let edge: EdgeProxy | undefined
  let page: Page
  let problems: string[]

  beforeAll(async () => {
    if (missing) return console.warn(`${missing}: the browser tests cannot run`)
    // The page and its WebSocket reach the Worker through a stand-in for Cloudflare's
    // edge, which sets cf-connecting-ip on every request as the edge does; under wrangler
    // dev the Worker would otherwise see 127.0.0.1. The address on the page and in the
    // goodbye is then proof that it came through the context, on both transports.
    edge = await startEdgeProxy(workerUrl(), CLIENT)
    browser = await launchChromium()
    mkdirSync(SCREENSHOTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await edge?.close()
  })

  beforeEach(async (context) => {
    if (!browser) {
      // CI installs Chromium (.ci/run): there a missing browser fails each test, never skips it.
      if (process.env.CI === 'true') throw new Error(missing)
      return context.skip(missing)
    }
    page = await browser.context.newPage()
    problems = []
    // CSP violations and script errors land here; every test ends with none.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.goto(`${edge?.url}/`)
    await expect.poll(() => text(page, '#status'), WAIT).toMatch(/^Connected/)
  })
  afterEach(async () => {
    if (!page) return
    expect(problems).toEqual([])
    await page.close()
  })

  it('echoes typed lines, says goodbye with the address and starts again, by keyboard only', async () => {
    expect(await text(page, '#page-address')).toBe(CLIENT)
    await page.keyboard.press('Tab')
    expect(await focusedId(page)).toBe('line')

    await sendLine(page, 'hello')
    await waitForTranscript(page, echoed('hello'))
    await sendLine(page, 'how are you?')
    await waitForTranscript(page, [...echoed('hello'), ...echoed('how are you?')])

    await sendLine(page, '')
    await waitForTranscript(page, [
      ...echoed('hello'),
      ...echoed('how are you?'),
      ['server', `Good bye, client @ ${CLIENT}`],
    ])
    await expect.poll(() => text(page, '#status'), WAIT).toMatch(/^Session ended \(close 1000\)/)
    // Over HTTP (the page) and over its WebSocket (the goodbye): one address, the edge's.
    expect(await text(page, '#goodbye-address')).toBe(await text(page, '#page-address'))
    expect(await text(page, '#goodbye-address')).toBe(CLIENT)
    await page.screenshot({ path: `${SCREENSHOTS}/page-after-goodbye.png`, fullPage: true })

    expect(await focusedId(page)).toBe('restart')
    await page.keyboard.press('Enter')
    await expect.poll(() => text(page, '#status'), WAIT).toMatch(/^Connected/)
    expect(await transcript(page)).toEqual([])
    expect(await focusedId(page)).toBe('line')
    await sendLine(page, 'again')
    await waitForTranscript(page, echoed('again'))
  })

  it('shows an echoed HTML line as its characters and runs none of it', async () => {
    const injection = '<img src=x onerror=alert(1)>'
    await page.locator('#line').focus()
    await sendLine(page, injection)
    await waitForTranscript(page, echoed(injection))
    expect(await page.locator('#transcript img').count()).toBe(0)
  })

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 640 })
    await page.locator('#line').focus()
    const long = 'a long line without spaces: '.padEnd(120, 'x')
    await sendLine(page, long)
    await waitForTranscript(page, echoed(long))
    const overflow = await page
      .locator('html')
      .evaluate((html) => html.scrollWidth - html.clientWidth)
    expect(overflow).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/page-phone.png`, fullPage: true })
  })
})
