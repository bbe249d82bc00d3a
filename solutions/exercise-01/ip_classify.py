"""Exercise 01 reference solution: classify an IPv4 address.

    classify_ip("192.168.43.143")
    -> {"valid": True, "class": "C", "private": True, "loopback": False,
        "network": "192.168.43.0", "host": "0.0.0.143"}
    classify_ip("256.1.1.1")
    -> {"valid": False, "error": "field '256' is out of range 0-255"}

Python 3.8+, standard library only. classify_ip returns for every input;
it never raises.
"""

ASCII_DIGITS = frozenset("0123456789")


def parse_octets(address):
    """Return the four octets of a dotted-quad as ints; raise ValueError saying why not."""
    if not isinstance(address, str):
        raise ValueError("address must be a str, not " + type(address).__name__)
    fields = address.split(".")
    if len(fields) != 4:
        raise ValueError("expected 4 fields separated by dots, got %d" % len(fields))
    octets = []
    for field in fields:
        # Compare each character with "0123456789" ourselves: str.isdigit()
        # also accepts digits such as "５" or "١", and int() alone would even
        # accept " 7", "+7" or "1_0".
        if not 1 <= len(field) <= 3 or not ASCII_DIGITS.issuperset(field):
            raise ValueError("field %r is not 1 to 3 ASCII digits" % field)
        if len(field) > 1 and field[0] == "0":
            raise ValueError("field %r has a leading zero" % field)
        value = int(field)
        if value > 255:
            raise ValueError("field %r is out of range 0-255" % field)
        octets.append(value)
    return octets


def address_class(first):
    """Return (class, number of octets in the network part) for a first octet."""
    if first <= 127:
        return "A", 1  # default mask /8
    if first <= 191:
        return "B", 2  # /16
    if first <= 223:
        return "C", 3  # /24
    if first <= 239:
        return "D", None  # multicast: no network/host split
    return "E", None  # reserved: no network/host split


def is_private(first, second):
    """RFC 1918 only: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16."""
    # /12 fixes the top 4 bits of the second octet (0001xxxx), i.e. 16-31.
    return first == 10 or (first == 172 and 16 <= second <= 31) or (first == 192 and second == 168)


def dotted(octets):
    return ".".join(str(octet) for octet in octets)


def classify_ip(address):
    try:
        octets = parse_octets(address)
    except ValueError as exc:
        return {"valid": False, "error": str(exc)}

    letter, net_octets = address_class(octets[0])
    if net_octets is None:
        network = host = None
    else:
        # The default masks cover whole octets, so "address AND mask" keeps the
        # network octets and zeroes the rest; the host part is the reverse.
        network = dotted(octets[:net_octets] + [0] * (4 - net_octets))
        host = dotted([0] * net_octets + octets[net_octets:])

    return {
        "valid": True,
        "class": letter,
        "private": is_private(octets[0], octets[1]),
        "loopback": octets[0] == 127,  # 127.0.0.0/8
        "network": network,
        "host": host,
    }
