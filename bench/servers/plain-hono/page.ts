/** Plain Hono's browser page: the template's page.html, filled with an address passed in. */
import type { Handler } from 'hono'
import page from '../../../src/page/page.html'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string)

export const browserPage = (): Handler => {
  return function browserPage(c) {
    const nonce = c.get('secureHeadersNonce')
    if (nonce === undefined) throw new Error('browserPage() must run after pageSecurityHeaders()')
    c.header('cache-control', 'no-store')
    const html = page
      .replaceAll('{{nonce}}', escapeHtml(nonce))
      .replaceAll('{{address}}', escapeHtml(c.get('requestInfo').client))
    return c.html(html)
  }
}
