import { describe, expect, it } from 'vitest'
import { workerdConfig } from '../workerd-config.ts'

const settings = {
  compatibilityDate: '2026-11-01',
  compatibilityFlags: ['web_socket_manual_reply_to_close'],
  vars: { MAX_LINE_BYTES: '65536', QUOTED: 'a "b"' },
}

describe('workerdConfig', () => {
  it("serves each Worker on its loopback port with wrangler.toml's date, flags and vars", () => {
    const config = workerdConfig(
      [
        {
          name: 'worker',
          port: 8123,
          modules: [
            { name: 'index.js', file: 'dist/index.js', type: 'esModule' },
            { name: 'abc-page.html', file: 'dist/abc-page.html', type: 'text' },
          ],
        },
      ],
      settings
    )
    expect(config).toBe(`using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "worker", worker = .workerWorker)],
  sockets = [(name = "worker", address = "127.0.0.1:8123", http = (), service = "worker")],
);

const workerWorker :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "dist/index.js"), (name = "abc-page.html", text = embed "dist/abc-page.html")],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["web_socket_manual_reply_to_close"],
  bindings = [(name = "MAX_LINE_BYTES", text = "65536"), (name = "QUOTED", text = "a \\"b\\"")],
);
`)
  })

  it('binds Durable Objects as wrangler.toml does, stored in memory', () => {
    const config = workerdConfig(
      [
        {
          name: 'worker',
          port: 8123,
          modules: [{ name: 'index.js', file: 'index.js', type: 'esModule' }],
          durableObjects: [{ binding: 'ECHO', className: 'Echo' }],
        },
      ],
      { ...settings, vars: {} }
    )
    expect(config).toContain(
      `  bindings = [(name = "ECHO", durableObjectNamespace = "Echo")],
  durableObjectNamespaces = [(className = "Echo", uniqueKey = "worker-Echo", enableSql = true)],
  durableObjectStorage = (inMemory = void),
);`
    )
  })
})
