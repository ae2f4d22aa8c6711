"""The tutorial's asyncio + contextvars line echo, as the benchmark's reference server.

Same protocol as the tutorial: echo each line until a blank one (or end of input), then
say goodbye from the context. The port comes from argv; the bench discards stdout, where
the tutorial prints every line it receives.
"""
import asyncio
import contextvars
import sys

client_addr_var = contextvars.ContextVar('client_addr')


def render_goodbye():
    return f'Good bye, client @ {client_addr_var.get()}\n'.encode()


async def handle_request(reader, writer):
    client_addr_var.set(writer.get_extra_info('peername'))
    while True:
        line = await reader.readline()
        print(line)
        if not line.strip():
            break
        writer.write(line)
    writer.write(render_goodbye())
    writer.close()


async def main(port):
    server = await asyncio.start_server(handle_request, '127.0.0.1', port)
    async with server:
        await server.serve_forever()


asyncio.run(main(int(sys.argv[1])))
