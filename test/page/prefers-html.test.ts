import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { prefersHtml } from '../../src/page/prefers-html'

const CHROMIUM_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'
const FIREFOX_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

const app = new Hono().get('/', (c) => c.text(prefersHtml(c) ? 'html' : 'text'))
const choice = async (accept: string | undefined) =>
  (await app.request('/', { headers: accept === undefined ? {} : { accept } })).text()

describe('prefersHtml', () => {
  it.each([
    ['Chromium navigating', CHROMIUM_ACCEPT],
    ['Firefox navigating', FIREFOX_ACCEPT],
    ['text/html alone', 'text/html'],
    ['any letter case and spacing', ' Text/HTML ; q=0.9 , text/plain;q=0.5'],
    ['a tie, text/html first', 'text/html, text/plain'],
  ])('chooses HTML for %s', async (_name, accept) => {
    expect(await choice(accept)).toBe('html')
  })

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['curl (*/*)', '*/*'],
    ['text/*', 'text/*'],
    ['a tie, text/plain first', 'text/plain, text/html'],
    ['text/plain ranked higher', 'text/plain, text/html;q=0.5'],
    ['text/* ranked higher', 'text/*, text/html;q=0.5'],
    ['text/html refused with q=0', 'text/html;q=0, */*'],
    ['JSON clients', 'application/json'],
  ])('chooses plain text for %s', async (_name, accept) => {
    expect(await choice(accept)).toBe('text')
  })
})
