"""Reference solution for exercise-02: pick valid ports (ports.py).

Two functions:

* classify_port(value) -> dict
      Is `value` a valid port number? If so, which RFC 6335 range is it in and
      which well-known service (from a small table) uses it?
* pick_free_port(host, low, high) -> int | None
      The first port in [low, high] on which a UDP socket can be bound on
      `host` right now, or None.

Python 3.8+, standard library only.
"""

import socket
from typing import Optional

# The largest port number: ports are 16-bit unsigned integers (2**16 - 1).
MAX_PORT = 65535

# Port ranges of RFC 6335, section 6.
WELL_KNOWN_MAX = 1023   # 0-1023: well-known (system) ports
REGISTERED_MAX = 49151  # 1024-49151: registered (user) ports
                        # 49152-65535: dynamic (private, ephemeral) ports

# The services this exercise knows about. Any other port has service None.
SERVICES = {
    20: "ftp-data",
    21: "ftp",
    22: "ssh",
    23: "telnet",
    25: "smtp",
    53: "dns",
    80: "http",
    110: "pop3",
    143: "imap",
    443: "https",
}

ASCII_DIGITS = "0123456789"
MAX_DIGITS = 5  # "65535" has five digits


def _invalid(reason: str) -> dict:
    """The answer for anything that is not a port."""
    return {"valid": False, "error": reason}


def _range_name(port: int) -> str:
    """RFC 6335 range of a port already known to be in 0-65535."""
    if port <= WELL_KNOWN_MAX:
        return "well-known"
    if port <= REGISTERED_MAX:
        return "registered"
    return "dynamic"


def classify_port(value) -> dict:
    """Classify `value` (an int or a str) as a port number.

    Valid:   {"valid": True, "port": 80, "range": "well-known", "service": "http"}
    Invalid: {"valid": False, "error": "<why>"}

    Never raises, whatever `value` is.
    """
    # bool is a subclass of int (True == 1, isinstance(True, int) is True),
    # so it must be ruled out before the int test.
    if isinstance(value, bool):
        return _invalid("a bool is not a port number")

    if isinstance(value, int):
        port = int(value)  # int() turns int subclasses (e.g. IntEnum) into a plain int
    elif isinstance(value, str):
        if not 1 <= len(value) <= MAX_DIGITS:
            return _invalid("a port string has 1 to 5 digits, got %d characters" % len(value))
        # Test each character against the ten ASCII digits. str.isdigit() is
        # not enough: it is also true for '５' (fullwidth), '٥' (Arabic-Indic),
        # '²' (superscript) and more, and int() would reject some of those.
        if not all(ch in ASCII_DIGITS for ch in value):
            return _invalid("a port string may contain only the ASCII digits 0-9")
        port = int(value)  # leading zeros are fine: "00080" -> 80
    else:
        # float, bytes, None, list, ...: not a port, even if it looks like one.
        return _invalid("expected an int or a str, got %s" % type(value).__name__)

    if port < 0:
        return _invalid("a port cannot be negative")
    if port > MAX_PORT:
        # (The number itself is left out of the message on purpose: Python
        # refuses to turn ints of more than 4300 digits into text.)
        return _invalid("a port is at most 65535")

    return {
        "valid": True,
        "port": port,
        "range": _range_name(port),
        "service": SERVICES.get(port),
    }


def _check_bound(name: str, value) -> None:
    """Raise unless `value` is an int in 1-65535 (a bool counts as an int)."""
    if not isinstance(value, int):
        raise TypeError("%s must be an int, got %s" % (name, type(value).__name__))
    if not 1 <= value <= MAX_PORT:
        raise ValueError("%s must be in 1-65535, got %d" % (name, value))


def _udp_bindable(family: int, host: str, port: int) -> bool:
    """Can a UDP socket be bound to (host, port) right now?

    The probing socket is always closed (the `with` block closes it, also
    when bind() raises), so the port is released again at once.
    SO_REUSEADDR is deliberately NOT set: with it, bind() may succeed on a
    port that another socket is using (on Windows always; on Linux when that
    socket set SO_REUSEADDR too), and we would report a busy port as free.
    """
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            # EADDRINUSE (someone holds it), EACCES (privileged port and we
            # are not allowed), EADDRNOTAVAIL (host is not an address of this
            # machine), ...: in every case no UDP socket can be bound there.
            return False
    return True


def pick_free_port(host: str, low: int, high: int) -> Optional[int]:
    """Return the first port in [low, high] (both included) on which a UDP
    socket can be bound on `host`, or None if there is none.

    Raises ValueError if low > high or if low or high is outside 1-65535.

    The answer is only true at the moment the function returns: any other
    program may take the port right after. Code that needs a port for itself
    should bind port 0 (the system then picks a free one) and keep the socket.
    """
    _check_bound("low", low)
    _check_bound("high", high)
    if low > high:
        raise ValueError("low (%d) is greater than high (%d)" % (low, high))

    # IPv6 addresses contain ':' ("::1", "fe80::1%eth0"); IPv4 addresses and
    # host names do not. A UDP socket of the wrong family cannot bind the host.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET

    # UDP and TCP have separate port spaces: a port held by a TCP socket may
    # still be free for UDP, so probe with SOCK_DGRAM, never SOCK_STREAM.
    for port in range(low, high + 1):  # + 1: high is included
        if _udp_bindable(family, host, port):
            return port
    return None
