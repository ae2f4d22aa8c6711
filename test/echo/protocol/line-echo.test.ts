import { describe, expect, it } from 'vitest'
import { type EchoStep, LineEcho } from '../../../src/echo/protocol'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Runs chunks through a LineEcho: what it echoes, why it ended, and its counters. */
function run(chunks: (string | Uint8Array)[], maxLineBytes = 16) {
  const echo = new LineEcho(maxLineBytes)
  const out: Uint8Array[] = []
  let step: EchoStep = { echo: new Uint8Array() }
  for (const chunk of chunks) {
    step = echo.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
    out.push(step.echo)
    if (step.end) break
  }
  if (!step.end) {
    step = echo.finish()
    out.push(step.echo)
  }
  const echoed = Buffer.concat(out)
  return {
    text: decoder.decode(echoed),
    raw: echoed,
    end: step.end,
    lines: echo.lines,
    bytes: echo.bytes,
  }
}

describe('LineEcho', () => {
  it('echoes lines with their own terminators until a blank line', () => {
    expect(run(['one\r\ntwo\n', '\r\nthree\n'])).toMatchObject({
      text: 'one\r\ntwo\n',
      end: 'blank-line',
      lines: 2,
      bytes: 9,
    })
  })

  it('ends at a whitespace-only line and echoes nothing after it', () => {
    expect(run(['a\n \t\r\nb\n'])).toMatchObject({ text: 'a\n', end: 'blank-line' })
  })

  it('echoes a last line without terminator followed by a newline at end of input', () => {
    expect(run(['a\nlast'])).toMatchObject({ text: 'a\nlast\n', end: 'end-of-input', bytes: 7 })
  })

  it('does not echo a last whitespace-only line at end of input', () => {
    expect(run(['a\n  '])).toMatchObject({ text: 'a\n', end: 'blank-line' })
  })

  it('echoes nothing for empty input', () => {
    expect(run([])).toMatchObject({ text: '', end: 'end-of-input', lines: 0 })
  })

  it('echoes the lines before an over-long line and none of it', () => {
    expect(run(['ok\n', 'x'.repeat(16), '\nmore\n'])).toMatchObject({
      text: 'ok\n',
      end: 'line-too-long',
    })
  })

  it('writes all lines of a chunk as one buffer', () => {
    const echo = new LineEcho(64)
    const chunk = encoder.encode('a\nb\nc\npartial')
    const step = echo.push(chunk)
    expect(decoder.decode(step.echo)).toBe('a\nb\nc\n')
    expect(step.echo.buffer).toBe(chunk.buffer)
  })

  it('echoes invalid UTF-8 byte for byte', () => {
    const input = Uint8Array.from([0xff, 0xc3, 0x28, 0x0a, 0xed, 0xa0, 0x80, 0x0a])
    expect([...run([input.subarray(0, 2), input.subarray(2)]).raw]).toEqual([...input])
  })
})
