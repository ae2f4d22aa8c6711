/** The browser page: page.html with this request's script nonce and client address filled in. */
import { clientAddress } from '../context/context-storage'
import page from './page.html'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string)

/**
 * Renders the page. Like `renderGoodbye()`, it reads the address from the context,
 * not from a parameter: the page shows what the context says about this request.
 */
export function renderPage(nonce: string): string {
  return page
    .replaceAll('{{nonce}}', escapeHtml(nonce))
    .replaceAll('{{address}}', escapeHtml(clientAddress()))
}
