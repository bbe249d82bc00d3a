#!/usr/bin/env python3
"""Reference solution for exercise-03: a UDP JSON server.

Usage: python3 udp_server.py HOST PORT     e.g.  python3 udp_server.py 127.0.0.1 50123

For every datagram received it sends exactly one reply, to the address the
datagram came from:

    {"op": "echo", "text": T} -> {"ok": true, "op": "echo", "text": T, "client": "IP:PORT"}
    {"op": "count"}           -> {"ok": true, "op": "count", "count": N}
    anything else             -> {"ok": false, "error": "<why>"}

It serves until it is killed (SIGTERM's default action ends the process,
which is all we need). Python 3.8+, standard library only.
"""
import json
import socket
import sys

# The largest UDP payload is 65,507 bytes over IPv4 (65,535 - 20 IPv4 header
# - 8 UDP header) and 65,527 over IPv6. A buffer of 65,535 holds either whole;
# with a smaller buffer the end of a long datagram would be silently lost.
BUFFER_SIZE = 65535

# How many datagrams each sender (ip, port) has sent us, valid or not.
counts = {}


def encode_json(value) -> bytes:
    """UTF-8 JSON. ensure_ascii=False keeps non-ASCII text (e.g. Chinese)
    readable; a lone surrogate (possible via a "\\ud800" escape in the request)
    cannot be encoded as UTF-8, so then fall back to \\u escapes (pure ASCII)."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("utf-8")


def client_string(addr) -> str:
    """("127.0.0.1", 5000) -> "127.0.0.1:5000"; ("::1", 5000, 0, 0) -> "[::1]:5000"."""
    ip, port = addr[0], addr[1]
    if ":" in ip:  # an IPv6 address: brackets separate it from the port
        return "[%s]:%d" % (ip, port)
    return "%s:%d" % (ip, port)


def error(message: str) -> dict:
    return {"ok": False, "error": message}


def handle(data: bytes, addr) -> dict:
    """Turn one request datagram into the reply object (never raises for bad input)."""
    if not data:
        return error("empty datagram")
    try:
        # Decode explicitly: json.loads(bytes) would also accept UTF-16/UTF-32.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return error("request is not valid UTF-8")
    try:
        request = json.loads(text)
    except ValueError:  # json.JSONDecodeError is a ValueError
        return error("request is not valid JSON")
    if not isinstance(request, dict):
        return error("request must be a JSON object")
    if "op" not in request:
        return error("missing 'op'")
    op = request["op"]
    if op == "echo":
        if not isinstance(request.get("text"), str):
            return error("echo needs a string 'text'")
        return {"ok": True, "op": "echo", "text": request["text"],
                "client": client_string(addr)}
    if op == "count":
        return {"ok": True, "op": "count", "count": counts.get(addr[:2], 0)}
    return error('unknown op (expected "echo" or "count")')


def serve(host: str, port: int) -> None:
    # getaddrinfo picks the address family: AF_INET for 127.0.0.1,
    # AF_INET6 for ::1. Its sockaddr is exactly what bind() expects.
    family, kind, proto, _, sockaddr = socket.getaddrinfo(
        host, port, type=socket.SOCK_DGRAM)[0]
    with socket.socket(family, kind, proto) as sock:
        # Bind the given host, not "" / 0.0.0.0: we answer only on HOST.
        sock.bind(sockaddr)
        print("listening on %s" % client_string(sock.getsockname()),
              file=sys.stderr, flush=True)
        while True:
            try:
                data, addr = sock.recvfrom(BUFFER_SIZE)
            except OSError:
                # Windows reports an earlier "port unreachable" here
                # (ConnectionResetError); nothing was received, keep going.
                continue
            key = addr[:2]  # (ip, port); an IPv6 addr has 4 items
            counts[key] = counts.get(key, 0) + 1
            try:
                reply = handle(data, addr)
            except Exception as exc:  # a bug must not stop the server
                reply = error("internal error: %s" % type(exc).__name__)
            try:
                # Reply from the bound socket, so it comes from (HOST, PORT).
                sock.sendto(encode_json(reply), addr)
            except OSError:
                # e.g. the echo of a 65,507-byte request is too big for one
                # datagram: still send exactly one (short) reply.
                try:
                    sock.sendto(encode_json(error("reply too large to send")), addr)
                except OSError:
                    pass


def main(argv) -> int:
    if len(argv) != 3:
        print("usage: python3 udp_server.py HOST PORT", file=sys.stderr)
        return 2
    host, port_text = argv[1], argv[2]
    if not (port_text.isascii() and port_text.isdigit()) or int(port_text) > 65535:
        print("PORT must be a number from 0 to 65535", file=sys.stderr)
        return 2
    try:
        serve(host, int(port_text))
    except OSError as exc:  # bad host, or address already in use
        print("cannot serve on %s %s: %s" % (host, port_text, exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
