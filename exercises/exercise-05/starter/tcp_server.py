#!/usr/bin/env python3
"""exercise-05: TCP 行服务器 / a TCP line server.

用法 / usage:  python3 tcp_server.py HOST PORT      例 / e.g.  python3 tcp_server.py 127.0.0.1 50123

先读 README.md（English: README.en.md）。把每个 TODO 换成你的代码。
Read README.en.md first, then replace every TODO with your code.

这个起步代码已经能运行：它一次为一个客户端服务，把每次 recv 收到的字节当作一行，
并回复 "ERR not implemented"。
This starter already runs: it serves one client at a time, takes whatever one recv returns
as one line, and answers "ERR not implemented".
"""
import socket
import sys


def reply_for(line: bytes, state: dict) -> str:
    """一行请求（不含换行符）-> 回复（不含换行符）。任何输入都不要抛出异常。
    One request line (without its newline) -> the reply (without its newline). Never raise."""
    # TODO(1): state["count"] 加一（每一行都算）/ add one to state["count"] (every line counts).
    # TODO(2): line.decode("utf-8")，失败时回复 ERR / reply ERR when it is not UTF-8;
    #          去掉结尾的 "\r" / drop a trailing "\r".
    # TODO(3): command, _, arg = text.partition(" ")
    #   ECHO <text>  -> "OK <text>"
    #   UPPER <text> -> "OK <TEXT>"        (arg.upper())
    #   COUNT        -> "OK <n>"           (n = state["count"])
    #   QUIT         -> "BYE"，然后关闭连接 / then close the connection
    #   其他 / else  -> "ERR <message>"
    return "ERR not implemented"


def serve_client(conn: socket.socket) -> None:
    state = {"count": 0}
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:  # 对方关闭了（或 shutdown 了）写方向 / the client closed (or shut down) its side
                return
            # TODO(4): TCP 是字节流，不是消息：一次 recv 可能只有半行，也可能有好几行。
            #          用一个 bytes 缓冲区攒字节，每遇到一个 b"\n" 取出一整行再处理。
            #          TCP is a byte stream, not messages: one recv may hold half a line, or several.
            #          Collect bytes in a buffer and take out one whole line at every b"\n".
            # TODO(5): 一个崩溃的客户端（ConnectionResetError）只能结束这个连接。
            #          A crashed client (ConnectionResetError) must end this connection only.
            reply = reply_for(data, state)
            conn.sendall(reply.encode("utf-8") + b"\n")


def serve(host: str, port: int) -> None:
    # TODO(6): 这样只支持 IPv4。用 socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    #          选地址族（::1 需要 AF_INET6），并用它给出的 sockaddr 来 bind。
    #          This works for IPv4 only. Use socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    #          to choose the family (::1 needs AF_INET6) and bind the sockaddr it returns.
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # 绑定给定的 HOST，不要用 "" 或 "0.0.0.0"。/ Listen on the given HOST, not "" or "0.0.0.0".
    server.bind((host, port))
    server.listen(64)
    print("listening on %s port %d" % (host, port), file=sys.stderr, flush=True)
    while True:
        conn, addr = server.accept()
        # TODO(7): 一次只服务一个客户端：别的客户端都要等。为每个连接启动一个线程
        #          （threading.Thread(target=serve_client, args=(conn,), daemon=True).start()）。
        #          One client at a time: everyone else waits. Start one thread per connection.
        serve_client(conn)


def main(argv) -> int:
    if len(argv) != 3:
        print("usage: python3 tcp_server.py HOST PORT", file=sys.stderr)
        return 2
    host, port_text = argv[1], argv[2]
    if not (port_text.isascii() and port_text.isdigit()) or int(port_text) > 65535:
        print("PORT must be a number from 0 to 65535", file=sys.stderr)
        return 2
    try:
        serve(host, int(port_text))
    except KeyboardInterrupt:  # Ctrl+C
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
