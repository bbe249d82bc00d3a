#!/usr/bin/env python3
"""Reference solution for exercise-06: a reliable request over a lossy link.

Usage: python3 reliable_client.py HOST PORT TEXT

Stop-and-wait: send {"seq": N, "text": TEXT, "sum": CRC32}, resend the same
datagram every 0.5 s (8 sends at most) until a valid reply comes (from the
server, checksum right, same seq), print its text once and exit 0; no valid
reply 5 s after the first send: message on stderr, exit 2.

Python 3.8+, standard library only.
"""
import json
import random
import socket
import sys
import time
import zlib

RETRY = 0.5        # seconds between two sends of the request
DEADLINE = 5.0     # seconds in all, from the first send
BUDGET = 8         # datagrams sent at most, the first included
BUFFER_SIZE = 65535


def checksum(fields) -> int:
    """CRC-32 of the canonical JSON of a message without its "sum"."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return zlib.crc32(canonical.encode("utf-8"))


def valid_reply(data: bytes, seq: int):
    """The reply's text if the datagram is the valid reply to request `seq`, else None."""
    try:
        reply = json.loads(data.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are both ValueErrors
        return None
    if not isinstance(reply, dict):
        return None
    fields = {k: v for k, v in reply.items() if k != "sum"}
    got = reply.get("sum")
    if type(got) is not int or got != checksum(fields):
        return None  # changed on the way
    if reply.get("seq") != seq or type(reply.get("seq")) is not int:
        return None  # a stale reply, to another request
    text = reply.get("text")
    return text if isinstance(text, str) else None


def main(argv) -> int:
    if len(argv) != 4:
        print("usage: python3 reliable_client.py HOST PORT TEXT", file=sys.stderr)
        return 2
    host, port_text, text = argv[1], argv[2], argv[3]
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        print("PORT must be a number from 1 to 65535", file=sys.stderr)
        return 2
    try:
        family, kind, proto, _, server = socket.getaddrinfo(host, int(port_text), type=socket.SOCK_DGRAM)[0]
    except OSError as e:
        print(f"cannot resolve {host}: {e}", file=sys.stderr)
        return 2

    seq = random.randrange(2**31)
    request = {"seq": seq, "text": text}
    request["sum"] = checksum(request)
    data = json.dumps(request).encode("utf-8")  # every copy is this same datagram

    with socket.socket(family, kind, proto) as sock:
        start = time.monotonic()
        deadline = start + DEADLINE
        sock.sendto(data, server)
        sends, next_send = 1, start + RETRY
        while True:
            now = time.monotonic()
            if now >= deadline:
                break
            if now >= next_send:
                if sends < BUDGET:
                    sock.sendto(data, server)
                    sends += 1
                # The timer counts from now: a late wake-up never brings two sends closer than RETRY.
                next_send = now + RETRY if sends < BUDGET else deadline
                continue
            sock.settimeout(max(0.001, min(next_send, deadline) - now))
            try:
                reply, addr = sock.recvfrom(BUFFER_SIZE)
            except socket.timeout:
                continue
            except OSError:
                continue  # e.g. ICMP port unreachable on some systems: the link lost it
            if addr[:2] != server[:2]:
                continue
            answer = valid_reply(reply, seq)
            if answer is None:
                continue
            sys.stdout.buffer.write(answer.encode("utf-8", "surrogateescape") + b"\n")
            sys.stdout.flush()
            return 0

    print(f"no valid reply from {host} port {port_text} within {DEADLINE:g} seconds ({sends} requests sent)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
