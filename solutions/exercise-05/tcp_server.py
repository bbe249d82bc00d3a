"""Exercise 05 reference: a TCP line server.

    python3 tcp_server.py HOST PORT

One thread per client. Each connection's bytes are buffered until a newline, so a line may arrive in
any number of segments and several lines in one; each line is decoded on its own (a character split
across segments is whole by then). Every complete line gets one reply line, in order.
"""
import socket
import sys
import threading

MAX_LINE = 1024 * 1024  # the longest line the contract promises to serve (newline included)


def reply_for(line, state):
    """The reply (without its newline) to one request line, and whether to close afterwards."""
    state["count"] += 1
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "ERR not UTF-8", False
    if text.endswith("\r"):
        text = text[:-1]
    command, _, arg = text.partition(" ")
    if command == "ECHO":
        return "OK " + arg, False
    if command == "UPPER":
        return "OK " + arg.upper(), False
    if command == "COUNT" and arg == "" and " " not in text:
        return "OK " + str(state["count"]), False
    if command == "QUIT" and text == "QUIT":
        return "BYE", True
    return "ERR unknown command", False


def serve(conn):
    state = {"count": 0}
    buffer = b""
    try:
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    return  # the client closed or half-closed: every complete line was answered
                buffer += data
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    reply, close = reply_for(line, state)
                    conn.sendall(reply.encode("utf-8") + b"\n")
                    if close:
                        return
                if len(buffer) > MAX_LINE:
                    conn.sendall(b"ERR line too long\n")
                    return
    except OSError:
        pass  # a client that vanished (reset) only ends its own thread


def main():
    if len(sys.argv) != 3:
        print("usage: python3 tcp_server.py HOST PORT", file=sys.stderr)
        sys.exit(2)
    host, port = sys.argv[1], int(sys.argv[2])
    family, kind, proto, _, sockaddr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    server = socket.socket(family, kind, proto)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(sockaddr)
    server.listen(64)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
