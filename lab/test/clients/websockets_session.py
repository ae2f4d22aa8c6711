"""A WebSocket session driven by Debian's python3-websockets, for the end-to-end tests.

Usage: /usr/bin/python3 websockets_session.py URL [CLIENT_IP] < lines

Sends each stdin line (terminator kept) as one text message, then prints every message
the server sends and finally the close, one JSON object per line, until the server
closes or 10 seconds pass.
"""
import asyncio
import json
import sys

import websockets


def connect(url, client_ip):
    headers = {'cf-connecting-ip': client_ip} if client_ip else {}
    # websockets 14 renamed extra_headers (Debian 12 ships 10.4).
    if int(websockets.__version__.split('.')[0]) >= 14:
        return websockets.connect(url, additional_headers=headers)
    return websockets.connect(url, extra_headers=headers)


def report(**fields):
    print(json.dumps(fields), flush=True)


async def session(url, client_ip, lines):
    async with connect(url, client_ip) as socket:
        for line in lines:
            await socket.send(line)
        try:
            async for message in socket:
                if isinstance(message, bytes):
                    report(binary=message.hex())
                else:
                    report(text=message)
        except websockets.ConnectionClosed:
            pass
    report(close=socket.close_code, reason=socket.close_reason)


def main():
    url = sys.argv[1]
    client_ip = sys.argv[2] if len(sys.argv) > 2 else None
    lines = sys.stdin.buffer.read().decode('utf-8').splitlines(keepends=True)
    asyncio.run(asyncio.wait_for(session(url, client_ip, lines), timeout=10))


if __name__ == '__main__':
    main()
