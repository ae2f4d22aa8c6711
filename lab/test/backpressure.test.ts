/**
 * Backpressure over a real socket: a client uploads 50 MB of lines while reading nothing.
 * The Worker awaits each echo write, so it stops reading too and its memory stays flat;
 * once the client reads, every byte comes back, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { waitFor } from '../../test/e2e/helpers/wait-for'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { streamedPost } from './helpers/streamed-post'
import { type MeasuredWorker, startMeasuredWorker, steadyPeak } from './helpers/workerd-memory'

const UPLOAD_BYTES = 50 * 1024 * 1024
const PIECE_BYTES = 64 * 1024
// Seen here: about +30 MiB while stalled (socket buffers). Writing echoes without
// awaiting them makes workerd hold the whole upload instead.
const MAX_GROWTH_BYTES = 64 * 1024 * 1024
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** Numbered lines, so that a lost or reordered line shows where. */
function numberedLines(totalBytes: number): { data: Buffer; lines: number } {
  const lines: string[] = []
  let size = 0
  while (size < totalBytes) {
    const line = `line ${String(lines.length).padStart(8, '0')} ${'0123456789'.repeat(9)}\n`
    lines.push(line)
    size += line.length
  }
  return { data: Buffer.from(lines.join('')), lines: lines.length }
}

function firstDifference(a: Buffer, b: Buffer): string {
  const length = Math.min(a.length, b.length)
  let i = 0
  while (i < length && a[i] === b[i]) i++
  return `first difference at byte ${i} of ${a.length} sent / ${b.length} received: sent ${JSON.stringify(
    a.subarray(i, i + 40).toString('latin1')
  )}, got ${JSON.stringify(b.subarray(i, i + 40).toString('latin1'))}`
}

describe('backpressure', () => {
  // A Worker of its own: after the load test the shared one holds a gigabyte of freed
  // but resident memory, which would hide any growth measured here.
  let worker: MeasuredWorker
  beforeAll(async () => {
    worker = await startMeasuredWorker()
  }, 70_000)
  afterAll(() => worker?.close())

  it('keeps workerd memory bounded while a client uploads 50 MB and reads nothing, then returns every byte in order', async () => {
    const since = logMark(worker)
    const { data, lines } = numberedLines(UPLOAD_BYTES)
    const baseline = worker.rss()
    let peak = baseline
    const sample = () => {
      peak = Math.max(peak, worker.rss())
    }

    const post = streamedPost(`${worker.url}/echo`, { clientIp: '198.51.100.50' })
    post.pauseReading()
    let sent = 0
    const uploading = (async () => {
      while (sent < data.length) {
        const piece = data.subarray(sent, sent + PIECE_BYTES)
        await post.write(piece)
        sent += piece.length
      }
      post.end()
    })()

    // Not reading: wait until the upload stops making progress (or ends), sampling memory.
    let last = -1
    let still = 0
    await waitFor(
      () => {
        sample()
        still = sent === last ? still + 1 : 0
        last = sent
        return still >= 10 || sent === data.length ? true : undefined
      },
      'the upload to stall or end while the client reads nothing',
      { timeoutMs: 30_000, intervalMs: 100, describe: () => `; sent ${MiB(sent)}` }
    )
    const sentWhileNotReading = sent
    // Keep not reading until memory stops growing: it must settle within the bound.
    peak = Math.max(peak, await steadyPeak(() => worker.rss(), baseline + MAX_GROWTH_BYTES))
    const growthWhileNotReading = peak - baseline

    post.resumeReading()
    const received = await post.finished(60_000)
    await uploading
    console.log(
      `sent ${MiB(sentWhileNotReading)} of ${MiB(data.length)} while not reading; workerd RSS ${MiB(baseline)} + at most ${MiB(growthWhileNotReading)} while the client read nothing`
    )
    expect(
      growthWhileNotReading,
      'workerd memory growth while the client read nothing'
    ).toBeLessThan(MAX_GROWTH_BYTES)
    const goodbye = 'Good bye, client @ 198.51.100.50\n'
    expect(received.length, 'bytes received').toBe(data.length + goodbye.length)
    if (!received.subarray(0, data.length).equals(data)) {
      expect.fail(firstDifference(data, received))
    }
    expect(received.subarray(data.length).toString('utf8')).toBe(goodbye)
    expect(
      await waitForSessionLogs(since, 1, (log) => log.client === '198.51.100.50', {
        from: worker,
      })
    ).toMatchObject([{ transport: 'http', lines, bytes: data.length, end: 'end-of-input' }])
  }, 120_000)
})
