#!/usr/bin/env python3
"""exercise-03: UDP JSON 服务器 / a UDP JSON server.

用法 / usage:  python3 udp_server.py HOST PORT      例 / e.g.  python3 udp_server.py 127.0.0.1 50123

先读 README.md（English: README.en.md）。把每个 TODO 换成你的代码。
Read README.en.md first, then replace every TODO with your code.

这个起步代码已经能运行：它对每个数据报都回复 {"ok": false, "error": "not implemented"}。
This starter already runs: it answers every datagram with {"ok": false, "error": "not implemented"}.
"""
import json
import socket
import sys

# TODO(1): 1024 太小了！一个 UDP 数据报最长 65,507 字节（IPv4），缓冲区更小的话，
#          多出来的部分会被悄悄丢掉。见 README「数据报有多大」。
#          1024 is too small! A UDP datagram can be 65,507 bytes long (IPv4); with a
#          smaller buffer the rest is silently lost. See README "How big is a datagram".
BUFFER_SIZE = 1024

# 每个发送方 (ip, port) 发来了多少个数据报（合法的、不合法的都算）。
# How many datagrams each sender (ip, port) has sent, valid or not.
counts = {}


def client_string(addr) -> str:
    """("127.0.0.1", 5000) -> "127.0.0.1:5000";  ("::1", 5000, 0, 0) -> "[::1]:5000"."""
    # TODO(2): IPv6 地址要加方括号 / IPv6 addresses go in square brackets.
    return "%s:%d" % (addr[0], addr[1])


def handle(data: bytes, addr) -> dict:
    """把一个请求数据报变成回复对象；任何输入都不要抛出异常。
    Turn one request datagram into the reply object; never raise, whatever the input."""
    # TODO(3): 按顺序检查 / check, in this order:
    #   - 空数据报 / empty datagram                      -> {"ok": False, "error": "..."}
    #   - data.decode("utf-8") 失败 / is not UTF-8       -> {"ok": False, "error": "..."}
    #   - json.loads 失败 / is not JSON                  -> {"ok": False, "error": "..."}
    #   - 不是 dict / not a JSON object                  -> {"ok": False, "error": "..."}
    #   - 没有 "op" / no "op"                            -> {"ok": False, "error": "..."}
    #   - op == "echo"：text 必须是 str / must be a str
    #       -> {"ok": True, "op": "echo", "text": ..., "client": client_string(addr)}
    #   - op == "count"
    #       -> {"ok": True, "op": "count", "count": counts[addr[:2]]}
    #   - 其他 op / any other op                         -> {"ok": False, "error": "..."}
    return {"ok": False, "error": "not implemented"}


def serve(host: str, port: int) -> None:
    # TODO(4): 这样只支持 IPv4。用 socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    #          选地址族（::1 需要 AF_INET6），并用它给出的 sockaddr 来 bind。
    #          This works for IPv4 only. Use socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    #          to choose the family (::1 needs AF_INET6) and bind the sockaddr it returns.
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # 绑定给定的 HOST，不要用 "" 或 "0.0.0.0"。/ Bind the given HOST, not "" or "0.0.0.0".
    sock.bind((host, port))
    print("listening on %s port %d" % (host, port), file=sys.stderr, flush=True)

    while True:
        data, addr = sock.recvfrom(BUFFER_SIZE)
        # TODO(5): 给这个发送方计数：键是 addr[:2]（IPv6 的 addr 有 4 项）。
        #          Count this datagram for its sender: the key is addr[:2] (an IPv6 addr has 4 items).

        # TODO(6): 一个坏数据报绝不能让服务器崩溃：用 try/except Exception 保护 handle()，
        #          出错时也要回复 {"ok": False, "error": "..."}。
        #          One bad datagram must never stop the server: guard handle() with
        #          try/except Exception and still reply {"ok": False, "error": "..."}.
        reply = handle(data, addr)

        # 用同一个 socket 回复到 addr，这样回复来自 (HOST, PORT)。
        # Reply with the same socket, to addr, so the reply comes from (HOST, PORT).
        sock.sendto(json.dumps(reply, ensure_ascii=False).encode("utf-8"), addr)


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
    except KeyboardInterrupt:  # Ctrl+C
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
