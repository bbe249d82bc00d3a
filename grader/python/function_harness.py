"""Calls a student's Python functions for the grader, one request at a time.

Protocol: the grader writes one JSON line per request on fd 3; this harness answers on fd 4.
  {"op": "init", "id", "dir", "module", "functions": [...]}   import the module
  {"op": "call", "id", "fn", "args": [...]}                   call one function
  {"op": "calls", "id", "fn", "argsList": [[...], ...]}       call it once per argument list (generated
                                                               cases): one record with a "batch" of records,
                                                               and {"progress": id} after each call but the last
On start, before reading any request, the harness writes {"ready": true}: the grader's import limit
counts from then, so a slow interpreter start (a loaded machine) is not charged to the student's import.
For each, the harness does the work, keeps its record, and writes {"returned": id}. The grader then
looks at this process from outside (/proc: its threads, processes and open sockets) and only then sends
  {"op": "report", "key": K}
with a fresh random key; the harness writes its record with "key": K, and the grader takes only that one.
The student's prints go to stdout/stderr as usual and are also captured per call for feedback.

What this protects, and what it cannot (README.md, "What the harness protects"):
- The key for a record exists nowhere while the student's code runs: not in a request, a frame, a global
  or the pipe. Code that reads the harness's frames (sys._getframe, gc.get_referrers) or the request pipe
  during the call learns only the call's id, and a record it writes then is never taken. A thread or
  child process left running when the call returns could wait for the key, so the grader refuses to send
  it while the program runs more than this one thread (it counts them in /proc), and the case is an error.
- Everything the grader judges beyond the returned value is observed from outside this process: the
  sockets left open (in /proc, once the module is imported and again when the record with the key
  arrives, so a "returned" written early by the student's code shows nothing), the bind check of a
  returned port (by the grader's own sockets), time limits and crashes. Nothing here counts sockets: a
  module that replaces functions of this file or patches os.listdir/os.readlink changes nothing judged.
- It cannot stop code that runs in this same process from taking it over: the student's function may
  rewrite this file's functions, read the pipe itself, or never return and answer requests in its place.
  That gains next to nothing: whatever such code writes as a "value" is only what the function could have
  returned, every other judgement is made outside, and a record it writes while a thread of its own is
  still alive is never taken. (Its one reach: a socket it opens only after writing a record in the
  harness's place is counted at the next socket check, since they compare with the import, not that one.) For the report step the harness clears trace/profile hooks, blocks
  signals and pauses the garbage collector, so that no student code runs between the key and the record
  by accident; a module that takes the process over on purpose is judged on what it returns all the same.
Runs with -I -S: no site.py, so exit()/quit() are restored here.
"""
import _signal
import ast
import builtins
import gc
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
_settrace, _setprofile = sys.settrace, sys.setprofile
_gc_enable, _gc_disable = gc.enable, gc.disable
_sigmask = getattr(_signal, "pthread_sigmask", None)
_ALL_SIGNALS = set(_signal.valid_signals()) - {_signal.SIGKILL, getattr(_signal, "SIGSTOP", 19)} if _sigmask else set()


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
    record = {"ok": ok, "stdout": out, "stderr": err, "seconds": seconds}
    if ok:
        record["missing"] = [name for name in req["functions"] if not callable(getattr(value, name, None))]
        handle_init.module = value
    else:
        record["error"] = _describe_exception(value, directory)
    return record


def handle_call(req):
    fn = getattr(handle_init.module, req["fn"])
    args = decode(req["args"])
    ok, value, out, err, seconds = _run(lambda: fn(*args))
    record = {"ok": ok, "stdout": out, "stderr": err, "seconds": seconds}
    if ok:
        record["value"] = encode(value)
        record["repr"] = _safe_repr(value)
    else:
        record["raised"] = _describe_exception(value, handle_init.dir)
    # Kept alive until the record is written: dropping the student's objects could run their __del__.
    return record, value, args


def handle_calls(req):
    """Many calls of one function in one request (generated cases): one record each, in order, sent together.

    After each call but the last it writes {"progress": id}: the grader's limit then times each call, not the
    batch as a whole (a batch that floods its output is slow in total on a loaded machine, not per call)."""
    records, kept = [], []
    last = len(req["argsList"]) - 1
    for i, args in enumerate(req["argsList"]):
        record, value, decoded = handle_call({"fn": req["fn"], "args": args})
        records.append(record)
        kept.append((value, decoded))
        if i < last:
            _answer({"progress": req["id"]})
    return {"ok": True, "batch": records, "stdout": "", "stderr": "", "seconds": sum(r["seconds"] for r in records)}, kept


def _read_request():
    while True:
        line = _requests.readline()
        if not line:
            return None  # the grader closed the pipe: we are done
        line = line.strip()
        if line:
            return _loads(line.decode("utf-8"))


def report(req_id, record):
    """Says the work is done, waits for the grader's key (sent once it has looked from outside), answers with it."""
    _settrace(None)
    _setprofile(None)
    _gc_disable()
    if _sigmask:
        _sigmask(_signal.SIG_BLOCK, _ALL_SIGNALS)
    try:
        _answer({"returned": req_id})
        req = _read_request()
        if req is None:
            return False
        if req.get("op") == "report":
            record["key"] = req["key"]
            _answer(record)
        return True
    finally:
        if _sigmask:
            _sigmask(_signal.SIG_UNBLOCK, _ALL_SIGNALS)
        _gc_enable()


def main():
    # Before any student code: the grader times the import from here, not from the interpreter's start.
    _answer({"ready": True})
    while True:
        req = _read_request()
        if req is None:
            return
        if req["op"] == "init":
            done = report(req["id"], handle_init(req))
        elif req["op"] == "call":
            record, value, args = handle_call(req)
            done = report(req["id"], record)
            del record, value, args
        elif req["op"] == "calls":
            record, kept = handle_calls(req)
            done = report(req["id"], record)
            del record, kept
        else:
            continue
        if not done:
            return


if __name__ == "__main__":
    main()
