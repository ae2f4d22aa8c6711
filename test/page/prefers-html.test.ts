import { describe, expect, it } from 'vitest'
import { prefersHtml } from '../../src/page/prefers-html'

const CHROMIUM_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'
const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('prefersHtml', () => {
  it.each([
    ['Chromium navigating', CHROMIUM_ACCEPT],
    ['Firefox navigating', FIREFOX_ACCEPT],
    ['text/html alone', 'text/html'],
    ['any letter case and spacing', ' Text/HTML ; Q=0.9 , text/plain;q=0.5'],
    ['a tie with text/plain', 'text/plain, text/html'],
  ])('chooses HTML for %s', (_name, accept) => {
    expect(prefersHtml(accept)).toBe(true)
  })

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['curl (*/*)', '*/*'],
    ['text/*', 'text/*'],
    ['text/plain ranked higher', 'text/plain, text/html;q=0.5'],
    ['text/* ranked higher', 'text/*, text/html;q=0.5'],
    ['text/html refused with q=0', 'text/html;q=0, */*'],
    ['an unreadable q-value', 'text/html;q=high'],
    ['JSON clients', 'application/json'],
  ])('chooses plain text for %s', (_name, accept) => {
    expect(prefersHtml(accept)).toBe(false)
  })
})
