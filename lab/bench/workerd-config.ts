/** The capnp config that serves built Workers on `workerd serve`, with wrangler.toml's settings. */

export interface WorkerSettings {
  readonly compatibilityDate: string
  readonly compatibilityFlags: readonly string[]
  /** Plain-text vars, as `[vars]` declares them. */
  readonly vars: Readonly<Record<string, string>>
}

export interface WorkerModule {
  /** The name the bundle imports it by; the entry comes first. */
  readonly name: string
  /** Its file, relative to the config file (capnp embeds resolve from there). */
  readonly file: string
  readonly type: 'esModule' | 'text' | 'data' | 'wasm'
}

export interface ServedWorker {
  readonly name: string
  readonly modules: readonly WorkerModule[]
  readonly port: number
  /** Durable Object classes the module exports, bound as wrangler.toml binds them. */
  readonly durableObjects?: readonly { readonly binding: string; readonly className: string }[]
}

const quote = (text: string): string => JSON.stringify(text)

/** One workerd config serving each Worker on its own loopback port, with V8 flags if any. */
export function workerdConfig(
  workers: readonly ServedWorker[],
  settings: WorkerSettings,
  v8Flags: readonly string[] = []
): string {
  const flags = settings.compatibilityFlags.map(quote).join(', ')
  const vars = Object.entries(settings.vars).map(
    ([name, value]) => `(name = ${quote(name)}, text = ${quote(value)})`
  )
  const services = workers.map((w) => `(name = ${quote(w.name)}, worker = .${w.name}Worker)`)
  const sockets = workers.map(
    (w) =>
      `(name = ${quote(w.name)}, address = "127.0.0.1:${w.port}", http = (), service = ${quote(w.name)})`
  )
  const definitions = workers.map((w) => {
    const objects = w.durableObjects ?? []
    const bindings = [
      ...vars,
      ...objects.map(
        (o) => `(name = ${quote(o.binding)}, durableObjectNamespace = ${quote(o.className)})`
      ),
    ]
    // In memory: the bench keeps nothing, and workerd needs no storage directory.
    const storage = objects.length
      ? `
  durableObjectNamespaces = [${objects.map((o) => `(className = ${quote(o.className)}, uniqueKey = ${quote(`${w.name}-${o.className}`)}, enableSql = true)`).join(', ')}],
  durableObjectStorage = (inMemory = void),`
      : ''
    return `const ${w.name}Worker :Workerd.Worker = (
  modules = [${w.modules.map((m) => `(name = ${quote(m.name)}, ${m.type} = embed ${quote(m.file)})`).join(', ')}],
  compatibilityDate = ${quote(settings.compatibilityDate)},
  compatibilityFlags = [${flags}],
  bindings = [${bindings.join(', ')}],${storage}
);`
  })
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [${services.join(', ')}],
  sockets = [${sockets.join(', ')}],${v8Flags.length ? `\n  v8Flags = [${v8Flags.map(quote).join(', ')}],` : ''}
);

${definitions.join('\n\n')}
`
}
