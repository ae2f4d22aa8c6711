"""The tutorial's asyncio + contextvars line echo, as the benchmark's reference server.

Same protocol as the tutorial: echo each line until a blank one (or end of input), then
say goodbye from the context. It listens on a port the system picks and reports it on
fd 3, as workerd's --control-fd does; the bench discards stdout, where the tutorial prints
every line it receives.
"""
import asyncio
import contextvars
import json
import os

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


async def main():
    server = await asyncio.start_server(handle_request, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    os.write(3, (json.dumps({'event': 'listen', 'port': port}) + '\n').encode())
    async with server:
        await server.serve_forever()


asyncio.run(main())
