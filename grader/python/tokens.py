"""Python tokens of student files, for the similarity report (grade batch --similarity).

Reads a JSON list of file paths on stdin; prints one JSON list per file: [[token, row, col, end_row,
end_col], ...] with 0-based rows. Identifiers and literals are masked (ID, NUM, STR), so renaming
variables or changing constants changes nothing; comments and blank lines are dropped. This only lexes
the files (the tokenize module): no student code is imported or run.
"""
import io
import json
import keyword
import sys
import tokenize

MAX_BYTES = 1 << 20
SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
FSTRING_PARTS = {getattr(tokenize, n) for n in ("FSTRING_MIDDLE", "FSTRING_END", "TSTRING_MIDDLE", "TSTRING_END") if hasattr(tokenize, n)}
FSTRING_START = {getattr(tokenize, n) for n in ("FSTRING_START", "TSTRING_START") if hasattr(tokenize, n)}


def kind(tok):
    if tok.type == tokenize.NAME:
        return tok.string if keyword.iskeyword(tok.string) else "ID"
    if tok.type == tokenize.NUMBER:
        return "NUM"
    if tok.type == tokenize.STRING or tok.type in FSTRING_START:
        return "STR"
    if tok.type == tokenize.NEWLINE:
        return "NEWLINE"
    if tok.type == tokenize.INDENT:
        return "INDENT"
    if tok.type == tokenize.DEDENT:
        return "DEDENT"
    return tok.string  # operators and punctuation as they are


def tokens(path):
    out = []
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES)
        for tok in tokenize.tokenize(io.BytesIO(data).readline):
            if tok.type in SKIP or tok.type in FSTRING_PARTS:
                continue
            out.append([kind(tok), tok.start[0] - 1, tok.start[1], tok.end[0] - 1, tok.end[1]])
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, OSError, ValueError):
        pass  # a file that does not lex to its end: the tokens up to there
    return out


def main():
    paths = json.load(sys.stdin)
    json.dump([tokens(p) for p in paths], sys.stdout)


main()
