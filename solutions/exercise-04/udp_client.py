#!/usr/bin/env python3
"""Reference solution for exercise-04: a UDP client for the exercise-03 server.

Usage: python3 udp_client.py HOST PORT TEXT     e.g.  python3 udp_client.py 127.0.0.1 50123 hello

Sends one datagram {"op": "echo", "text": TEXT} to (HOST, PORT) from a port
chosen by the system, then waits at most 2 seconds in all for the reply.
Datagrams from any other address are ignored.

    reply is a JSON object with "ok": true   -> print it (one line), exit 0
    reply is any other JSON value            -> print it (one line), exit 1
    reply from the server is not JSON at all -> message on stderr,  exit 1
    no reply within 2 seconds                -> message on stderr,  exit 2

Python 3.8+, standard library only.
"""
import json
import socket
import sys
import time

TIMEOUT = 2.0          # seconds, for the whole wait, not per datagram
BUFFER_SIZE = 65535    # any UDP datagram fits (see exercise-03)


def encode_json(value) -> bytes:
    """UTF-8 JSON. ensure_ascii=False keeps non-ASCII text readable; a lone
    surrogate cannot be encoded as UTF-8, so then fall back to \\u escapes."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("utf-8")


def main(argv) -> int:
    # Read sys.argv directly: with argparse a TEXT such as "-x" would be
    # taken for an option.
    if len(argv) != 4:
        print("usage: python3 udp_client.py HOST PORT TEXT", file=sys.stderr)
        return 2
    host, port_text, text = argv[1], argv[2], argv[3]
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        print("PORT must be a number from 1 to 65535", file=sys.stderr)
        return 2

    try:
        # getaddrinfo picks the family (AF_INET6 for ::1) and gives the
        # server's address in the same form recvfrom() will report it.
        family, kind, proto, _, server = socket.getaddrinfo(
            host, int(port_text), type=socket.SOCK_DGRAM)[0]
    except OSError as exc:
        print("cannot resolve %s: %s" % (host, exc), file=sys.stderr)
        return 2

    with socket.socket(family, kind, proto) as sock:
        # No bind(): the first sendto() binds an ephemeral port for us.
        try:
            sock.sendto(encode_json({"op": "echo", "text": text}), server)
        except OSError as exc:
            print("cannot send to %s: %s" % (host, exc), file=sys.stderr)
            return 2

        deadline = time.monotonic() + TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                print("no reply from %s port %s within %g seconds"
                      % (host, port_text, TIMEOUT), file=sys.stderr)
                return 2
            sock.settimeout(remaining)  # only what is left of the 2 seconds
            try:
                data, addr = sock.recvfrom(BUFFER_SIZE)
            except socket.timeout:
                continue  # the loop condition reports the time-out
            except OSError:
                continue  # e.g. "port unreachable" on Windows: not a reply
            if addr[:2] != server[:2]:  # (ip, port); IPv6 addresses have 4 items
                continue  # not from the server: ignore it, keep waiting
            break

    try:
        reply = json.loads(data.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        print("the reply is not UTF-8 JSON: %r" % data[:200], file=sys.stderr)
        return 1
    # One line: json.dumps writes a newline inside a string as \n.
    # Write UTF-8 bytes ourselves: print() would use the console's encoding,
    # which on some systems (e.g. Windows) cannot show every character.
    sys.stdout.buffer.write(encode_json(reply) + b"\n")
    sys.stdout.buffer.flush()
    if isinstance(reply, dict) and reply.get("ok") is True:
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
