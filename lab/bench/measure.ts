/** Runs one cell against one server and reduces it to a rate and latency percentiles. */
import { bulk, chunkedFile, messageFile } from './load/bulk.ts'
import { hello } from './load/hello.ts'
import { pingPong } from './load/ping-pong.ts'
import type { Cell, ServerId } from './plan.ts'
import { transportOf } from './plan.ts'
import { cpuSeconds } from './process-stats.ts'
import type { Samples } from './samples.ts'

export interface Measurement {
  /** Lines per second (echo cells) or requests per second (hello). */
  readonly rate: number
  readonly p50Ms: number
  readonly p99Ms: number
  /**
   * CPU time the serving process spent during the load, per line echoed (per request for
   * hello), in microseconds: from its own accounting, so steadier than rates on a busy machine.
   */
  readonly cpuUsPerLine: number
}

export interface LoadShape {
  readonly clients: number
  readonly timedMs: number
  readonly bulkLines: number
  /** Messages each client sends in WebSocket bulk: one line per message is far slower. */
  readonly bulkMessages: number
  /** What one send() of the bulk file over HTTP or TCP carries. */
  readonly bulkChunkBytes: number
  readonly bulkTimeoutMs: number
}

const summary = (count: number, seconds: number, latencyMs: Samples, cpu: number) => ({
  rate: count / seconds,
  p50Ms: latencyMs.percentile(50),
  p99Ms: latencyMs.percentile(99),
  cpuUsPerLine: (cpu / count) * 1e6,
})

/** Runs `cell` against `server` at `port`, reading the CPU time of process `pid` around it. */
export async function measure(
  cell: Cell,
  server: ServerId,
  port: number,
  pid: number,
  shape: LoadShape
): Promise<Measurement> {
  const transport = transportOf(cell, server)
  const target = { port, transport }
  const cpuBefore = cpuSeconds(pid)
  if (cell.mode === 'hello') {
    const result = await hello(port, shape.clients, shape.timedMs)
    return summary(result.requests, result.seconds, result.latencyMs, cpuSeconds(pid) - cpuBefore)
  }
  const result =
    cell.mode === 'ping-pong'
      ? await pingPong(target, shape.clients, shape.timedMs)
      : await bulk(
          target,
          shape.clients,
          transport === 'websocket'
            ? messageFile(shape.bulkMessages)
            : chunkedFile(shape.bulkLines, shape.bulkChunkBytes),
          shape.bulkTimeoutMs
        )
  return summary(result.lines, result.seconds, result.latencyMs, cpuSeconds(pid) - cpuBefore)
}
