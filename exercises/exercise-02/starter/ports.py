"""exercise-02: pick valid ports / 练习 02：合法端口与空闲端口

Write two functions (see README.md / README.en.md for the full rules):
实现两个函数（完整规则见 README.md / README.en.md）：

    classify_port(value) -> dict
    pick_free_port(host, low, high) -> int | None

Check your work with / 用下面的命令自测：

    npx grade exercise-02 .

Standard library only, Python 3.8+. / 只用标准库，Python 3.8 及以上。
"""

import socket  # needed by pick_free_port / pick_free_port 会用到

# Ports are 16-bit numbers: 0 .. 2**16 - 1.
# 端口号是 16 位无符号整数：0 到 2**16 - 1。
MAX_PORT = 65535

# TODO: the RFC 6335 ranges (see the README):
#       "well-known" 0-1023, "registered" 1024-49151, "dynamic" 49152-65535.
#       Note: the course notes say "dynamic 1024-65535"; that is wrong here.
# TODO：RFC 6335 的三个范围（见 README）：
#       "well-known" 0-1023、"registered" 1024-49151、"dynamic" 49152-65535。
#       注意：课堂笔记写的“动态端口 1024-65535”在本练习中是错的。

# TODO: complete the table with the ten services listed in the README.
# TODO：按 README 补全服务表（共 10 项）。
SERVICES = {
    80: "http",
}


def classify_port(value) -> dict:
    """Classify `value` (an int or a str) as a port number.
    判断 value（int 或 str）是不是合法端口号。

    Valid / 合法:
        {"valid": True, "port": 80, "range": "well-known", "service": "http"}
    Invalid / 不合法:
        {"valid": False, "error": "<why / 原因>"}

    Must never raise, whatever `value` is. / 无论 value 是什么都不能抛出异常。
    """
    # TODO 1: bool is a subclass of int (isinstance(True, int) is True):
    #         reject True and False first.
    # TODO 1：bool 是 int 的子类（isinstance(True, int) 为 True），先拒绝 True/False。

    # TODO 2: an int: keep it as the port.
    # TODO 2：int：直接作为端口号。

    # TODO 3: a str: 1 to 5 characters, each one of "0123456789" (not
    #         str.isdigit(): it accepts '８' and '²'), then int(value).
    # TODO 3：str：长度 1-5，每个字符都在 "0123456789" 中（不要用
    #         str.isdigit()：它接受 '８' 和 '²'），然后 int(value)。

    # TODO 4: anything else (float, bytes, None, list, ...) is invalid.
    # TODO 4：其他类型（float、bytes、None、list……）一律不合法。

    # TODO 5: check 0 <= port <= MAX_PORT, then build the answer with the
    #         port as an int, its range and SERVICES.get(port).
    # TODO 5：检查 0 <= port <= MAX_PORT，再返回整数端口、所属范围和
    #         SERVICES.get(port)。
    return {"valid": False, "error": "not implemented"}


def pick_free_port(host: str, low: int, high: int):
    """Return a port in [low, high] (both included) on which a UDP socket can
    be bound on `host` right now, or None if there is none.
    返回 [low, high]（两端都包含）中此刻能在 host 上绑定 UDP 套接字的端口；
    一个都没有时返回 None。

    Raises ValueError if low > high or if low or high is outside 1-65535.
    low > high，或 low、high 不在 1-65535 之内时，抛出 ValueError。
    """
    # TODO 1: validate low and high (raise ValueError).
    # TODO 1：检查 low 和 high（不合法就 raise ValueError）。

    # TODO 2: choose the address family: socket.AF_INET6 if ":" in host,
    #         else socket.AF_INET.
    # TODO 2：选择地址族：host 中含 ":" 用 socket.AF_INET6，否则用 socket.AF_INET。

    # TODO 3: for each port from low to high INCLUDED (range(low, high + 1)):
    #             with socket.socket(family, socket.SOCK_DGRAM) as s:
    #                 try s.bind((host, port)); OSError means "taken".
    #         Use UDP (SOCK_DGRAM), bind `host` itself (not "" or "0.0.0.0"),
    #         and do not set SO_REUSEADDR.
    # TODO 3：对 low 到 high（包含 high，即 range(low, high + 1)）的每个端口：
    #             with socket.socket(family, socket.SOCK_DGRAM) as s:
    #                 尝试 s.bind((host, port))；OSError 表示已被占用。
    #         要用 UDP（SOCK_DGRAM），绑定 host 本身（不是 "" 或 "0.0.0.0"），
    #         不要设置 SO_REUSEADDR。

    # TODO 4: return the first port that could be bound, or None.
    # TODO 4：返回第一个能绑定的端口；都不行就返回 None。
    return None
