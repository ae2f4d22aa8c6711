"""Runs a command in a pseudo-terminal, as if a person typed into it, for the e2e tests.

Usage: python3 in_terminal.py COMMAND [ARG...]

The command's stdin, stdout and stderr are the terminal, so it behaves as it does at a
prompt (curl -T . reads the terminal, the terminal echoes what is typed). What arrives
on this program's stdin is typed into the terminal (Enter is "\\r", Ctrl-D is "\\x04");
what the terminal shows is copied to stdout. When the command exits, this program
prints {"exitCode": N, "cpuSeconds": S, "wallSeconds": S} on stderr and exits with N.
"""
import json
import os
import pty
import select
import sys
import time


def main(argv):
    started = time.monotonic()
    pid, terminal = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    stdin = sys.stdin.fileno()
    watched = [terminal, stdin]
    while True:
        ready, _, _ = select.select(watched, [], [])
        if terminal in ready:
            try:
                shown = os.read(terminal, 65536)
            except OSError:  # EIO: the command has exited and closed the terminal.
                break
            if not shown:
                break
            os.write(sys.stdout.fileno(), shown)
        if stdin in ready:
            typed = os.read(stdin, 65536)
            if typed:
                os.write(terminal, typed)
            else:
                watched.remove(stdin)  # Nothing more to type; keep showing output.
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    report = {
        'exitCode': code,
        'cpuSeconds': usage.ru_utime + usage.ru_stime,
        'wallSeconds': time.monotonic() - started,
    }
    print(json.dumps(report), file=sys.stderr)
    return code if code >= 0 else 128 - code


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
