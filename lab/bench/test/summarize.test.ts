import { describe, expect, it } from 'vitest'
import { evaluateTargets, median, summarize, verdictOfRounds } from '../summarize.ts'

const m = (rate: number, p50Ms = 1, p99Ms = 2, cpuUsPerLine = 10) => ({
  rate,
  p50Ms,
  p99Ms,
  cpuUsPerLine,
})

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN])
  })
})

describe('summarize', () => {
  it('keeps the best rate, its spread, the latency of the best round, and the least CPU per line', () => {
    const cells = summarize({
      'http-ping-pong': { worker: [m(80, 3, 9, 12), m(100, 2, 5, 10), 'timed out'] },
    } as never)
    expect(cells['http-ping-pong']?.worker).toMatchObject({
      best: 100,
      spread: 0.2,
      p50Ms: 2,
      p99Ms: 5,
      cpuUsPerLine: 10,
      cpuSpread: 0.2,
    })
  })
})

describe('evaluateTargets', () => {
  it('judges the template on CPU per line side by side with its baselines, memory against bare, and the rest', () => {
    const cells = summarize({
      'http-bulk': {
        worker: [m(960, 1, 2, 10.4), m(1000, 1, 2, 10.6)],
        noContext: [m(1000, 1, 2, 10), m(1000, 1, 2, 10)],
        bare: [m(1000)],
        node: [m(5000)],
        asyncio: [m(100)],
      },
      'websocket-ping-pong': {
        worker: [m(100, 1, 2, 11)],
        noContext: [m(100, 1, 2, 11)],
        bare: [m(100, 1, 2, 10)],
      },
      hello: {
        worker: [m(100, 1, 2, 12)],
        noContext: [m(100, 1, 2, 10)],
      },
    } as never)
    const memory = { worker: 60 * 2 ** 20, bare: 55 * 2 ** 20 }
    const sideBySide = {
      'http-bulk': { noContext: [1.06, 0.99, 1.01] },
      'websocket-ping-pong': { noContext: [1.0], bare: [1.08, 1.1, 1.09] },
      hello: { noContext: [1.2, 1.1] },
    }
    expect(evaluateTargets(cells, { gzipBytes: 20 * 1024, sideBySide, memory })).toEqual([
      {
        target: "http-bulk: template's CPU per line ≤ 1.05x the no-context build's",
        measured:
          '1.01x (median of 3 side-by-side rounds, 0.99x–1.06x; measured alone, least of rounds: 1.04x)',
        verdict: 'inconclusive',
      },
      {
        target: "websocket-ping-pong: template's CPU per line ≤ 1.05x the no-context build's",
        measured:
          '1.00x (median of 1 side-by-side rounds, 1.00x–1.00x; measured alone, least of rounds: 1.00x)',
        verdict: 'met',
      },
      {
        target: "websocket-ping-pong: template's CPU per line ≤ 1.05x the bare Worker's",
        measured:
          '1.09x (median of 3 side-by-side rounds, 1.08x–1.10x; measured alone, least of rounds: 1.10x)',
        verdict: 'not met',
      },
      {
        target: "hello: template's CPU per request ≤ 1.05x the no-context build's",
        measured:
          '1.15x (median of 2 side-by-side rounds, 1.10x–1.20x; measured alone, least of rounds: 1.20x)',
        verdict: 'not met',
      },
      {
        target: 'memory per 1,000 idle WebSocket sessions ≤ 1.10x the bare Worker’s',
        measured: '1.09x',
        verdict: 'met',
      },
      { target: 'http-bulk: ≥ 8x the asyncio server', measured: '10.00x', verdict: 'met' },
      { target: 'bundle < 20 KiB gzip', measured: '20.00 KiB', verdict: 'not met' },
      {
        target: 'check, http-bulk: the load client outruns the Workers (the Node floor is faster)',
        measured: 'floor 5.00x the fastest Worker',
        verdict: 'met',
      },
    ])
  })
})

describe('verdictOfRounds', () => {
  it.each([
    [[0.98, 1.01, 1.05], 1.0, 'met'],
    [[1.06, 1.2, 1.08], 1.1, 'not met'],
    [[0.95, 1.16, 1.08], 1.0, 'inconclusive'],
    [[1.06, 0.94, 1.08], 1.0, 'inconclusive'],
    [[1.04], 1.04, 'met'],
    // Three runs of one target, 2026-12-07: each run's rounds agree, the runs do not.
    [[0.91, 0.96, 1.03], 1.08, 'inconclusive'],
    [[1.06, 1.08, 1.1], 0.99, 'inconclusive'],
  ])(
    'judges rounds %j, alone %s, against 1.05 as %s: by every measurement, not their median',
    (ratios, alone, verdict) => {
      expect(verdictOfRounds(ratios, 1.05, alone)).toBe(verdict)
    }
  )
})
