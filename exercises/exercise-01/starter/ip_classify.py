"""练习 01：IPv4 地址分类 / Exercise 01: classify IPv4 addresses.

先读 README.md（中文）或 README.en.md（English），再把下面的 TODO 填好。
Read README.md (Chinese) or README.en.md (English) first, then fill in the TODOs.

在本文件所在的文件夹里运行 / run in this file's folder:
    npx grade exercise-01 .

Python 3.8+，只用标准库 / standard library only.
classify_ip 对任何输入都要返回一个 dict，不能抛出异常。
classify_ip must return a dict for any input; it must never raise.
"""

ASCII_DIGITS = "0123456789"


def parse_octets(address):
    """合法时返回四个字节组成的 int 列表，否则返回 None。
    Return the four octets as a list of ints if `address` is valid, else None.

    parse_octets("192.168.43.143") -> [192, 168, 43, 143]
    parse_octets("256.1.1.1")      -> None
    """
    # TODO 1: address 不是 str 时返回 None。
    #         Not a str (None, int, bytes...)? Return None.
    # TODO 2: 用 "." 切分，必须恰好 4 个字段。
    #         Split on "."; there must be exactly 4 fields.
    # TODO 3: 每个字段是 1-3 个字符，且每个字符都在 ASCII_DIGITS 里。
    #         注意：str.isdigit() 也接受 "５"、"١"，int() 也接受 " 7"、"+7"。
    #         Each field is 1-3 characters, each one in ASCII_DIGITS.
    #         Careful: str.isdigit() accepts "５" and "١"; int() accepts " 7" and "+7".
    # TODO 4: 不允许前导零（"01"、"00"），但 "0" 本身可以。
    #         No leading zero ("01", "00"), but "0" itself is fine.
    # TODO 5: 值在 0-255 之间（不是课程笔记写的 1-256）。
    #         Value 0-255 (not 1-256 as the course notes say).
    return None


def address_class(first_octet):
    """返回首字节对应的类别 "A"-"E"。Return the class, "A" to "E", of a first octet.

    address_class(10) -> "A"    address_class(192) -> "C"
    """
    # TODO: A 0-127, B 128-191, C 192-223, D 224-239, E 240-255.
    return None


def is_private(octets):
    """RFC 1918：10.0.0.0/8、172.16.0.0/12、192.168.0.0/16，仅此三段。
    RFC 1918 only: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16.
    """
    # TODO: 172.16.0.0/12 是 172.16.0.0 - 172.31.255.255。
    #       172.16.0.0/12 is 172.16.0.0 - 172.31.255.255.
    return False


def is_loopback(octets):
    """127.0.0.0/8。"""
    # TODO
    return False


def split_network_host(octets, cls):
    """按有类默认掩码拆分，返回 (network, host) 两个点分字符串；D、E 类返回 (None, None)。
    Split by the classful default mask (A /8, B /16, C /24) and return
    (network, host) as dotted strings; (None, None) for classes D and E.

    split_network_host([192, 168, 43, 143], "C") -> ("192.168.43.0", "0.0.0.143")
    """
    # TODO: A 类网络部分占 1 个字节，B 类 2 个，C 类 3 个。
    #       The network part is 1 octet for A, 2 for B, 3 for C.
    return None, None


def classify_ip(address):
    """Classify an IPv4 address.

    合法 / valid:
        {"valid": True, "class": "C", "private": True, "loopback": False,
         "network": "192.168.43.0", "host": "0.0.0.143"}
    无效 / invalid:
        {"valid": False, "error": "为什么无效 / why it is invalid"}
    """
    # TODO: 调用上面的函数组装结果。Use the helpers above to build the result.
    return {"valid": False, "error": "not implemented"}
