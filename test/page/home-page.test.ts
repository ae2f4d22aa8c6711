import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

const getHome = (headers: Record<string, string> = {}, url = 'http://example.com/') =>
  exports.default.fetch(url, { headers })

const getPage = (headers: Record<string, string> = {}, url?: string) =>
  getHome({ accept: BROWSER_ACCEPT, ...headers }, url)

/** The directives of a Content-Security-Policy header, by name. */
function cspDirectives(response: Response): Record<string, string> {
  const header = response.headers.get('content-security-policy') ?? ''
  return Object.fromEntries(
    header.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/)
      return [name, values.join(' ')]
    })
  )
}

describe('GET / content negotiation', () => {
  it.each([
    ['a browser', BROWSER_ACCEPT, 'text/html'],
    ['curl', '*/*', 'text/plain'],
  ])('answers %s (Accept: %s) with %s', async (_name, accept, type) => {
    const response = await getHome({ accept })
    expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type};`))
    await response.text()
  })

  it('answers a request without Accept with the plain-text usage', async () => {
    const response = await getHome()
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8')
    expect(await response.text()).toContain('curl -sN -T . http://example.com/echo\n')
  })

  it('serves usage at / with the exact commands for this origin', async () => {
    const response = await getHome({}, 'https://echo.example.net/')
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await response.text()
    expect(text).toContain('curl -sN -T . https://echo.example.net/echo\n')
    expect(text).toContain("printf 'one\\ntwo\\n' | curl -sN -T - https://echo.example.net/echo\n")
    expect(text).toContain('npx wscat -c wss://echo.example.net/ws\n')
    expect(text).toContain('npx wscat -c wss://echo.example.net/ws/hibernating\n')
  })

  it.each([
    ['the page', BROWSER_ACCEPT],
    ['the usage', '*/*'],
  ])('marks %s as varying by Accept, for caches', async (_name, accept) => {
    const response = await getHome({ accept })
    expect(response.headers.get('vary')).toBe('Accept')
    await response.text()
  })
})

describe('GET / page security headers', () => {
  it('sends nosniff, no-store and a CSP with nothing allowed by default', async () => {
    const response = await getPage()
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(cspDirectives(response)).toMatchObject({
      'default-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    })
    await response.text()
  })

  it.each([
    ['http', 'ws'],
    ['https', 'wss'],
  ])('allows connections only to the WebSocket echo (%s page, %s socket)', async (http, ws) => {
    const response = await getPage({}, `${http}://echo.example.net/`)
    expect(cspDirectives(response)['connect-src']).toBe(`${ws}://echo.example.net/ws`)
    await response.text()
  })

  it("allows only the page's own inline script and style, by a nonce", async () => {
    const response = await getPage()
    const { 'script-src': scriptSrc, 'style-src': styleSrc } = cspDirectives(response)
    const nonce = /^'nonce-([A-Za-z0-9+/=]{20,})'$/.exec(scriptSrc ?? '')?.[1]
    expect(nonce).toBeDefined()
    expect(styleSrc).toBe(scriptSrc)
    const html = await response.text()
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script type="module" nonce="${nonce}">`])
    expect(html.match(/<style[^>]*>/g)).toEqual([`<style nonce="${nonce}">`])
  })

  it('uses a fresh nonce for every response', async () => {
    const nonces = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await getPage()
        await response.text()
        return cspDirectives(response)['script-src']
      })
    )
    expect(new Set(nonces).size).toBe(3)
  })
})

describe('GET / page content', () => {
  it('shows the address that the context holds for this request', async () => {
    const html = await (await getPage({ 'cf-connecting-ip': '198.51.100.7' })).text()
    expect(html).toContain('<dd id="page-address">198.51.100.7</dd>')
  })

  it('shows unknown for an address the context refused', async () => {
    const html = await (await getPage({ 'cf-connecting-ip': '<b>not an ip</b>' })).text()
    expect(html).toContain('<dd id="page-address">unknown</dd>')
    expect(html).not.toContain('<b>')
  })

  it('has a labelled line input, a send button and a new-session button', async () => {
    const html = await (await getPage()).text()
    expect(html).toContain('<label for="line">Line to send</label>')
    expect(html).toMatch(/<input id="line"[^>]*>/)
    expect(html).toContain('<button type="submit">Send</button>')
    expect(html).toContain('<button id="restart" type="button">New session</button>')
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
  })

  it('loads nothing from another URL', async () => {
    const html = await (await getPage()).text()
    expect(html).not.toMatch(/\b(src|href|action)=|@import|url\(/)
  })

  it('never hands server text to the HTML parser', async () => {
    const html = await (await getPage()).text()
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
    expect(html).toContain('body.textContent = text')
  })

  it('stays a few KiB', async () => {
    const html = await (await getPage()).text()
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(6 * 1024)
  })
})
