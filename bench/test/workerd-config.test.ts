import { describe, expect, it } from 'vitest'
import { workerdConfig } from '../workerd-config.ts'

describe('workerdConfig', () => {
  it("serves each Worker on its loopback port with wrangler.toml's date, flags and vars", () => {
    const config = workerdConfig([{ name: 'worker', module: 'worker.js', port: 8123 }], {
      compatibilityDate: '2026-11-01',
      compatibilityFlags: ['web_socket_manual_reply_to_close'],
      vars: { MAX_LINE_BYTES: '65536', QUOTED: 'a "b"' },
    })
    expect(config).toBe(`using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "worker", worker = .workerWorker)],
  sockets = [(name = "worker", address = "127.0.0.1:8123", http = (), service = "worker")],
);

const workerWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["web_socket_manual_reply_to_close"],
  bindings = [(name = "MAX_LINE_BYTES", text = "65536"), (name = "QUOTED", text = "a \\"b\\"")],
);
`)
  })
})
