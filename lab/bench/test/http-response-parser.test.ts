import { describe, expect, it } from 'vitest'
import { HttpResponseParser } from '../load/http-response-parser.ts'

const parse = (pieces: string[]) => {
  const events: string[] = []
  const parser = new HttpResponseParser({
    onHead: (status) => events.push(`head ${status}`),
    onBody: (bytes) => events.push(`body ${bytes.toString()}`),
    onEnd: () => events.push('end'),
  })
  for (const piece of pieces) parser.push(Buffer.from(piece))
  return events
}

describe('HttpResponseParser', () => {
  it('reads a chunked body as its chunks arrive, wherever the socket splits it', () => {
    const response =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\na\nb\r\n2\r\nc\n\r\n0\r\n\r\n'
    const whole = parse([response]).join('').replaceAll('body ', '')
    const split = parse(response.split('')).join('').replaceAll('body ', '')
    expect(split).toBe(whole)
    expect(whole).toBe('head 200a\nbc\nend')
  })

  it('reads sized responses one after another on a kept-alive connection', () => {
    const one = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi'
    expect(parse([one + one])).toEqual(['head 200', 'body hi', 'end', 'head 200', 'body hi', 'end'])
  })
})
