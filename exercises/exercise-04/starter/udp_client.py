#!/usr/bin/env python3
"""exercise-04: UDP 客户端 / a UDP client.

用法 / usage:  python3 udp_client.py HOST PORT TEXT      例 / e.g.  python3 udp_client.py 127.0.0.1 50123 hello

先读 README.md（English: README.en.md）。把每个 TODO 换成你的代码。
Read README.en.md first, then replace every TODO with your code.

退出码 / exit codes:
    0  收到回复，回复的 "ok" 是 true        / a reply came and its "ok" is true
    1  收到回复，但不是上面那种情况          / a reply came, but not the case above
    2  2 秒内没有回复（stdout 上什么都不写） / no reply within 2 seconds (nothing on stdout)

这个起步代码能运行，但什么都还没做：它总是以 2 退出。
This starter runs but does nothing yet: it always exits with 2.
"""
import json
import socket
import sys
import time

TIMEOUT = 2.0         # 整个等待过程总共 2 秒 / 2 seconds for the whole wait
BUFFER_SIZE = 65535   # 任何 UDP 数据报都放得下 / any UDP datagram fits


def main(argv) -> int:
    # 直接读 sys.argv：用 argparse 的话，像 "-x" 这样的 TEXT 会被当成选项。
    # Read sys.argv directly: with argparse a TEXT such as "-x" would be taken for an option.
    if len(argv) != 4:
        print("usage: python3 udp_client.py HOST PORT TEXT", file=sys.stderr)
        return 2
    host, port_text, text = argv[1], argv[2], argv[3]
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        print("PORT must be a number from 1 to 65535", file=sys.stderr)
        return 2
    port = int(port_text)

    # TODO(1): 用 socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM) 得到
    #          地址族（::1 需要 AF_INET6）和服务器地址 server（一个元组）。
    #          Use socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM) to get the
    #          family (::1 needs AF_INET6) and the server's address `server` (a tuple).

    # TODO(2): 创建 UDP socket。不要 bind：第一次 sendto() 时系统会选一个临时端口。
    #          Create the UDP socket. Do not bind: the first sendto() gets an ephemeral port.

    # TODO(3): 发送一个数据报 / send one datagram:
    #          json.dumps({"op": "echo", "text": text}, ensure_ascii=False).encode("utf-8")

    # TODO(4): deadline = time.monotonic() + TIMEOUT，然后循环 / then loop:
    #          - remaining = deadline - time.monotonic()；<= 0 就是超时 / means time is up
    #          - sock.settimeout(remaining)，然后 / then sock.recvfrom(BUFFER_SIZE)
    #          - socket.timeout -> 超时 / time is up
    #          - addr[:2] != server[:2] -> 不是服务器发来的，忽略，继续等
    #                                      not from the server: ignore it, keep waiting

    # TODO(5): 收到回复 / a reply came:
    #          - json.loads(data.decode("utf-8"))
    #          - 在 stdout 上把它打印成一行 JSON / print it on stdout as one line of JSON
    #          - 是 dict 且 reply.get("ok") is True -> return 0，否则 / otherwise -> return 1

    # 超时 / time is up: stderr 上写一句话，stdout 上什么都不写 / a message on stderr, nothing on stdout
    print("no reply (not implemented yet)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
