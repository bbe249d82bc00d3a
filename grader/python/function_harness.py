"""Calls a student's Python functions for the grader, one request at a time.

Protocol: the grader writes one JSON request per line on fd 3 and this harness answers with one JSON
line on fd 4. Each answer carries the nonce of its request, which the student's code never sees before
the call, so a record written by the student (on stdout, stderr or any fd) is never taken for an answer.
The student's prints go to stdout/stderr as usual and are also captured per call for feedback.

Requests:
  {"op": "init", "nonce", "dir", "module", "functions": [...]}   import the module
  {"op": "call", "nonce", "fn", "args": [...], "trackSockets": bool}
Runs with -I -S: no site.py, so exit()/quit() are restored here.
"""
import ast
import builtins
import io
import json
import os
import sys
import time
import traceback

REQUEST_FD, ANSWER_FD = 3, 4
TEXT_CAP = 4000
REPR_CAP = 600

# Kept before any student code runs, so a module that patches json or os cannot break the protocol.
_write = os.write
_dumps = json.dumps
_loads = json.loads
_requests = os.fdopen(REQUEST_FD, "rb")


class _Quitter:
    """What site.py would install as exit() and quit()."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Use %s() or Ctrl-D (i.e. EOF) to exit" % self.name

    def __call__(self, code=None):
        raise SystemExit(code)


builtins.exit = _Quitter("exit")
builtins.quit = _Quitter("quit")


class _CappedText(io.TextIOBase):
    """A stdout/stderr stand-in that keeps the first TEXT_CAP characters and counts the rest."""

    def __init__(self, real):
        self.parts = []
        self.size = 0
        self.dropped = 0
        self.real = real

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        room = TEXT_CAP - self.size
        if room > 0:
            self.parts.append(s[:room])
            self.size += min(len(s), room)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def flush(self):
        pass

    @property
    def encoding(self):
        return "utf-8"

    def text(self):
        out = "".join(self.parts)
        if self.dropped:
            out += "\n...[%d more characters]" % self.dropped
        return out


def _answer(record):
    # The leading newline ends any partial line the student wrote to this fd.
    data = ("\n" + _dumps(record, ensure_ascii=True) + "\n").encode("ascii")
    while data:
        n = _write(ANSWER_FD, data)
        data = data[n:]


def _safe_repr(value, cap=REPR_CAP):
    try:
        r = repr(value)
    except BaseException as e:  # a student's __repr__ can raise anything
        r = "<%s object (repr() raised %s)>" % (type(value).__name__, type(e).__name__)
    return r if len(r) <= cap else r[:cap] + "..."


def _marker(value):
    return {"$pyType": type(value).__name__, "$repr": _safe_repr(value, 200)}


def encode(value, depth=0):
    """A JSON view of a return value; anything JSON would blur (80.0 vs 80, bytes, sets) becomes a marker."""
    if depth > 30:
        return _marker(value)
    if value is None or isinstance(value, bool):
        return value if type(value) is bool or value is None else _marker(value)
    if isinstance(value, int):
        return int(value) if abs(value) < 2 ** 53 else _marker(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or value.is_integer():
            return _marker(value)
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return _marker(value)
        return {str(k): encode(v, depth + 1) for k, v in list(value.items())[:1000]}
    if isinstance(value, (list, tuple)):
        return [encode(v, depth + 1) for v in list(value)[:1000]]
    return _marker(value)


def decode(value):
    """Arguments: {"$py": "<literal>"} stands for a Python value JSON cannot express."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("$py"), str):
            return ast.literal_eval(value["$py"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _socket_fds():
    """Open socket fds of this process (Linux); None where /proc is not available."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return None
    found = set()
    for name in names:
        try:
            if os.readlink("/proc/self/fd/" + name).startswith("socket:"):
                found.add(int(name))
        except OSError:
            pass
    return found


def _describe_exception(exc, base_dir):
    info = {
        "type": type(exc).__name__,
        "mro": [c.__name__ for c in type(exc).__mro__],
        "message": _safe_repr(exc, 300) if not str(exc) else str(exc)[:300],
    }
    if isinstance(exc, SyntaxError):
        info["where"] = "%s:%s" % (os.path.basename(exc.filename or "?"), exc.lineno)
        info["line"] = (exc.text or "").rstrip("\n")[:200]
        info["offset"] = exc.offset or 0
        info["message"] = exc.msg
        return info
    # Only the student's own frames: the harness and the standard library are noise to a student.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(base_dir)]
    if frames:
        last = frames[-1]
        info["where"] = "%s:%d" % (os.path.relpath(last.filename, base_dir), last.lineno)
        info["line"] = (last.line or "")[:200]
        info["traceback"] = "".join(traceback.format_list(frames[-5:]))[-1500:]
    return info


def _run(fn):
    """Runs fn() with stdout/stderr captured; returns (ok, value_or_exception, out, err, seconds)."""
    out, err = _CappedText(sys.stdout), _CappedText(sys.stderr)
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    start = time.perf_counter()
    try:
        value = fn()
        ok = True
    except BaseException as e:  # SystemExit and KeyboardInterrupt included: they are the student's doing
        value = e
        ok = False
    finally:
        seconds = time.perf_counter() - start
        sys.stdout, sys.stderr = real_out, real_err
    return ok, value, out.text(), err.text(), seconds


def handle_init(req):
    directory = os.path.join(req["dir"], "")
    handle_init.dir = directory
    sys.path.insert(0, directory)
    os.chdir(directory)
    import importlib

    def load():
        try:
            return importlib.import_module(req["module"])
        except ModuleNotFoundError as e:
            # Run without site.py for speed; a module that needs site-packages gets them on a second try.
            if e.name and e.name.split(".")[0] != req["module"] and not getattr(sys, "_grader_site", False):
                sys._grader_site = True
                import site

                site.main()
                return importlib.import_module(req["module"])
            raise

    ok, value, out, err, seconds = _run(load)
    record = {"nonce": req["nonce"], "ok": ok, "stdout": out, "stderr": err, "seconds": seconds}
    if ok:
        record["missing"] = [name for name in req["functions"] if not callable(getattr(value, name, None))]
        handle_init.module = value
    else:
        record["error"] = _describe_exception(value, directory)
    _answer(record)


def handle_call(req):
    fn = getattr(handle_init.module, req["fn"])
    args = decode(req["args"])
    track = req.get("trackSockets")
    before = _socket_fds() if track else None
    ok, value, out, err, seconds = _run(lambda: fn(*args))
    record = {"nonce": req["nonce"], "ok": ok, "stdout": out, "stderr": err, "seconds": seconds}
    if track and before is not None:
        after = _socket_fds()
        record["leakedSockets"] = len(after - before) if after is not None else None
    if ok:
        record["value"] = encode(value)
        record["repr"] = _safe_repr(value)
    else:
        record["raised"] = _describe_exception(value, handle_init.dir)
    _answer(record)


def main():
    while True:
        line = _requests.readline()
        if not line:
            return  # the grader closed the pipe: we are done
        line = line.strip()
        if not line:
            continue
        req = _loads(line.decode("utf-8"))
        if req["op"] == "init":
            handle_init(req)
        elif req["op"] == "call":
            handle_call(req)


if __name__ == "__main__":
    main()
