import { describe, expect, it } from 'vitest'
import { percentile, Samples, spreadOf } from '../samples.ts'

describe('percentile', () => {
  it('takes the nearest rank of sorted values', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect([0, 10, 50, 99, 100].map((p) => percentile(sorted, p))).toEqual([1, 1, 5, 10, 10])
  })

  it('is NaN without values', () => {
    expect(percentile([], 50)).toBeNaN()
  })
})

describe('Samples', () => {
  it('grows past its first buffer and sorts before ranking', () => {
    const samples = new Samples()
    for (let i = 3000; i >= 1; i--) samples.push(i)
    expect(samples.count).toBe(3000)
    expect([samples.percentile(50), samples.percentile(99)]).toEqual([1500, 2970])
  })
})

describe('spreadOf', () => {
  it('reports the best rate and how far the worst fell below it', () => {
    expect(spreadOf([80, 100, 90])).toEqual({ best: 100, worst: 80, spread: 0.2 })
  })

  it('ignores failed rounds', () => {
    expect(spreadOf([Number.NaN, 50])).toEqual({ best: 50, worst: 50, spread: 0 })
  })
})
