"""The tokens of JavaScript source, as `jsobject` reads object literals from them: strings,
template literals (a literal with `${}` substitutions, nested ones included, is one token),
numbers, names, punctuation, operators and regular expression literals; and the values of the
literal ones. Line numbers come from the line starts, found once, so reading is linear."""

from __future__ import annotations

import bisect
import math
import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
    |(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+
        |(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?)n?)
    |(?P<name>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)
    |(?P<punct>\.\.\.|=>|[{}\[\](),:;])
    |(?P<op>[^\s\w'"`{}\[\](),:;])""",
    re.VERBOSE | re.DOTALL,
)
# A template literal's text from its opening "`" (or a substitution's closing "}") up to its
# closing "`" or the next substitution's "${". `\${` is an escaped "$": no substitution.
_TEMPLATE_PART = re.compile(r"(?:[^`\\$]|\\.|\$(?!\{))*(`|\$\{)", re.DOTALL)
# A `/` after one of these starts a regular expression literal, not a division.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"=>", "${", "return", "typeof", None}
_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
# The largest number a JavaScript number holds is below 2**1024.
_MAX_BITS = 1024

# A template literal with `${}` substitutions: only running JavaScript gives its value.
TEMPLATE_EXPRESSION = "template_expression"


class JsSyntaxError(ValueError):
    """Text that is no object literal; `line` counts from 1."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


class Lines:
    """The line (from 1) of each position in a text, by bisection over its line starts."""

    def __init__(self, source: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer("\n", source)]

    def __call__(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)


class Token(NamedTuple):
    kind: str
    text: str
    pos: int


def _template(source: str, at: int, lines: Lines, begin: int) -> re.Match[str]:
    part = _TEMPLATE_PART.match(source, at)
    if part is None:
        raise JsSyntaxError("unterminated template literal", lines(begin))
    return part


def tokens(source: str, lines: Lines | None = None) -> list[Token]:
    """The tokens of `source`, without spaces and comments."""
    lines = lines or Lines(source)
    found: list[Token] = []
    # For each `{` or `${` not closed yet: None, or where its template literal began (its
    # index in `found`, its position); the `}` closing a `${` carries on with the template.
    opened: list[tuple[int, int] | None] = []
    pos, no_regex_before = 0, -1
    while pos < len(source):
        char = source[pos]
        if char == "`" or (char == "}" and opened and opened[-1] is not None):
            begin = (len(found), pos) if char == "`" else opened.pop()
            assert begin is not None
            part = _template(source, pos + 1, lines, begin[1])
            if part.group(1) == "${":
                opened.append(begin)
                found.append(Token("punct", "${", part.end() - 2))
            else:  # the tokens of its substitutions become part of the one token
                kind = "template" if char == "`" else TEMPLATE_EXPRESSION
                del found[begin[0] :]
                found.append(Token(kind, source[begin[1] : part.end()], begin[1]))
            pos = part.end()
            continue
        slash = char == "/" and source[pos : pos + 2] not in ("//", "/*")
        previous = found[-1].text if slash and found else None
        if slash and pos > no_regex_before and previous in _REGEX_AFTER:
            regex = _REGEX.match(source, pos)
            if regex:
                found.append(Token("regex", regex.group(), pos))
                pos = regex.end()
                continue
            # None starts before the line's end: each failed try reads the line only once.
            end = source.find("\n", pos)
            no_regex_before = len(source) if end < 0 else end
        match = _TOKEN.match(source, pos)
        unclosed = char == "/" and match is not None and match.lastgroup == "op"
        unclosed = unclosed and source.startswith("/*", pos)
        if match is None or match.lastgroup is None or unclosed:
            what = {"'": "string", '"': "string", "/": "comment"}
            raise JsSyntaxError(f"unterminated {what.get(char, 'text')}", lines(pos))
        if match.lastgroup != "space":
            text = match.group()
            found.append(Token(match.lastgroup, text, pos))
            if text == "{":
                opened.append(None)
            elif text == "}" and opened:
                opened.pop()
        pos = match.end()
    if any(begin is not None for begin in opened):
        begin = next(begin for begin in opened if begin is not None)
        raise JsSyntaxError("unterminated template literal", lines(begin[1]))
    return found


def cooked(token: Token, lines: Lines) -> str:
    """The text a string or template literal token stands for."""
    body = token.text[1:-1]
    if token.kind == "template":  # a template's line breaks are "\n", whatever was written
        body = body.replace("\r\n", "\n").replace("\r", "\n")

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            number = int(code.strip("u{}x"), 16)
            if number > 0x10FFFF:
                line = lines(token.pos) + body.count("\n", 0, match.start())
                raise JsSyntaxError(f"\\{code} is beyond Unicode (at most \\u{{10FFFF}})", line)
            return chr(number)
        if code in ("\n", "\r\n", "\u2028", "\u2029"):
            return ""  # a line continuation
        return _ESCAPES.get(code, code)

    text = _ESCAPE.sub(one, body)
    if _SURROGATE.search(text):
        # JavaScript's text is UTF-16: "\ud83d\ude00" is one character. A lone half stays.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


def number(token: Token, lines: Lines) -> int | float:
    """The value of a number token; JsSyntaxError for one no JavaScript number holds."""
    text = token.text.replace("_", "").rstrip("n")
    shown = token.text if len(token.text) <= 40 else token.text[:37] + "..."
    try:
        if text[:2].lower() in ("0x", "0o", "0b"):
            value: int | float = int(text, 0)
        else:
            value = float(text)
    except ValueError as e:
        raise JsSyntaxError(f"{shown} is not a number", lines(token.pos)) from e
    if (isinstance(value, int) and value.bit_length() > _MAX_BITS) or not math.isfinite(value):
        raise JsSyntaxError(f"{shown} is beyond the largest JavaScript number", lines(token.pos))
    if isinstance(value, float) and value.is_integer() and not re.search(r"[.eE]", text):
        return int(value)
    return value
