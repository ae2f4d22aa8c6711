import { describe, expect, it } from 'vitest'
import { evaluateTargets, median, pairedRatio, summarize } from '../summarize.ts'

const m = (rate: number, p50Ms = 1, p99Ms = 2) => ({ rate, p50Ms, p99Ms })

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN])
  })
})

describe('pairedRatio', () => {
  it('divides round by round and takes the median, skipping failed rounds', () => {
    const a = [m(90), 'timed out', m(100), m(50)]
    const b = [m(100), m(100), m(100), m(100)]
    expect(pairedRatio(a, b, (x) => x.rate)).toBe(0.9)
  })
})

describe('summarize', () => {
  it('keeps the best rate, its spread, and the latency of the best round', () => {
    const cells = summarize({
      'http-ping-pong': { worker: [m(80, 3, 9), m(100, 2, 5)] },
    } as never)
    expect(cells['http-ping-pong']?.worker).toMatchObject({
      best: 100,
      spread: 0.2,
      p50Ms: 2,
      p99Ms: 5,
    })
  })
})

describe('evaluateTargets', () => {
  it('checks each ratio against the issue, and the bundle size', () => {
    const cells = summarize({
      'http-bulk': {
        worker: [m(960), m(1000)],
        bare: [m(1000), m(1000)],
        node: [m(5000)],
        asyncio: [m(100)],
      },
    } as never)
    expect(evaluateTargets(cells, { gzipBytes: 20 * 1024 })).toEqual([
      {
        target: "http-bulk: Hono + context ≥ 0.95x the bare Worker's rate",
        measured: '0.98x (median of paired rounds; bests 1.00x)',
        met: true,
      },
      {
        target: 'http-bulk: load client outruns the Workers (Node floor is faster)',
        measured: 'floor 5.00x the faster Worker',
        met: true,
      },
      { target: 'http-bulk: ≥ 8x the asyncio server', measured: '10.00x', met: true },
      { target: 'bundle < 20 KiB gzip', measured: '20.00 KiB', met: false },
    ])
  })
})
