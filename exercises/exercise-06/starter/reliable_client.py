#!/usr/bin/env python3
"""exercise-06: 有损链路上的可靠请求 / a reliable request over a lossy link.

用法 / usage:  python3 reliable_client.py HOST PORT TEXT

先读 README.md（English: README.en.md）。把每个 TODO 换成你的代码。
Read README.en.md first, then replace every TODO with your code.

退出码 / exit codes:
    0  收到有效回复，打印了它的 text            / a valid reply came, its text was printed
    2  5 秒内没有有效回复（stdout 上什么都不写） / no valid reply within 5 s (nothing on stdout)

这个起步代码能运行，但什么都还没做：它总是以 2 退出。
This starter runs but does nothing yet: it always exits with 2.
"""
import json
import random
import socket
import sys
import time
import zlib

RETRY = 0.5        # 两次发送之间的间隔 / seconds between two sends
DEADLINE = 5.0     # 从第一次发送算起的总期限 / seconds in all, from the first send
BUDGET = 8         # 最多发送的数据报数 / datagrams sent at most
BUFFER_SIZE = 65535


def checksum(fields) -> int:
    """不含 "sum" 的消息的规范 JSON 的 CRC-32 / CRC-32 of the canonical JSON of a message without "sum"."""
    # TODO(1): json.dumps(fields, sort_keys=True, separators=(",", ":")) -> zlib.crc32(....encode("utf-8"))
    return 0


def main(argv) -> int:
    if len(argv) != 4:
        print("usage: python3 reliable_client.py HOST PORT TEXT", file=sys.stderr)
        return 2
    host, port_text, text = argv[1], argv[2], argv[3]

    # TODO(2): getaddrinfo(host, int(port_text), type=socket.SOCK_DGRAM) -> family, server; 创建 socket / make the socket
    # TODO(3): seq = random.randrange(2**31)；request = {"seq": seq, "text": text}；request["sum"] = checksum(request)
    #          data = json.dumps(request).encode("utf-8")：每次重发都发这同一个 data / resend this same data every time
    # TODO(4): 循环 / loop: 等到 min(下次重发, 期限) / wait until min(next resend, deadline)
    #          - 有效回复（来自服务器、UTF-8 JSON 对象、sum 正确、seq 相同、text 是字符串）-> 打印 text，返回 0
    #            a valid reply (from the server, a UTF-8 JSON object, sum right, same seq, text a string) -> print text, return 0
    #          - 其他数据报：忽略 / anything else: ignore it
    #          - 到了重发时间且发送次数 < 8：重发 / resend time reached and fewer than 8 sent: resend
    #          - 到了期限：跳出 / deadline reached: stop

    print("no valid reply (not implemented yet)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
