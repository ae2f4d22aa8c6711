import { describe, expect, it } from 'vitest'
import { renderHeadline } from '../headline.ts'
import type { Report } from '../report-table.ts'

const report = (met: boolean[]): Report =>
  ({
    date: '2026-11-25 10:15 UTC',
    machine: { cpu: 'AMD EPYC', cores: 2 },
    targets: met.map((ok, i) => ({ target: `target ${i}`, measured: `${i}x`, met: ok })),
  }) as unknown as Report

describe('renderHeadline', () => {
  it('counts the targets met and lists each one missed with what was measured', () => {
    expect(renderHeadline(report([true, false, true]), 'docs/benchmark.md')).toBe(
      'Measured 2026-11-25 10:15 UTC on AMD EPYC, 2 cores, by `npm run bench`: 2 of 3 targets met.\n' +
        '- not met: target 1; measured 1x\n\n' +
        'The whole report, its method and what each change bought: [docs/benchmark.md](docs/benchmark.md).'
    )
  })

  it('lists nothing when every target is met', () => {
    expect(renderHeadline(report([true]), 'docs/benchmark.md')).not.toContain('not met')
  })
})
