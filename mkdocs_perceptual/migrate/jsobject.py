"""A reader of the JavaScript object literals Lumen's `config.js` exported: strings, template
literals without `${}`, numbers, booleans, null, nested objects and arrays, comments, trailing
commas, unquoted keys. JavaScript is never run: a value only running it would give (a variable,
`process.env.X`, `require(...)`, `a || b`, a function) is kept as an `Expression`, so the reader
can say which field it could not read and carry on with the others."""

from __future__ import annotations

import dataclasses
import re

_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
    |(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<template>`(?:[^`\\]|\\.)*`)
    |(?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+
        |(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?)
    |(?P<name>[A-Za-z_$\u00a0-\uffff][\w$\u00a0-\uffff]*)
    |(?P<punct>\.\.\.|=>|[{}\[\](),:;])
    |(?P<op>[^\s\w'"`{}\[\](),:;])""",
    re.VERBOSE | re.DOTALL,
)
# A `/` after one of these starts a regular expression literal, not a division.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"=>", "return", "typeof", None}
_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
_OPERANDS = {"string", "template", "number", "name", "regex"}
# Words that stand between or before values, unlike names and literals.
_KEYWORDS = {"typeof", "new", "void", "await", "delete", "in", "instanceof", "of", "return"}
_KEYWORDS |= {"async", "function", "yield", "class", "extends"}
_END = {",", "}", "]", ")", ";", None}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.DOTALL)


class JsSyntaxError(ValueError):
    """Text that is no object literal; `line` counts from 1."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclasses.dataclass(frozen=True)
class Expression:
    """A value that only running JavaScript would give, as written."""

    text: str
    line: int


@dataclasses.dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    pos: int


@dataclasses.dataclass
class Reading:
    """An object literal read: its value (Expressions left in place) and where each
    Expression is, by field path such as `author.contacts.email` or `menu[1].path`."""

    value: dict[str, object]
    expressions: list[tuple[str, Expression]] = dataclasses.field(default_factory=list)


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def tokens(source: str) -> list[_Token]:
    """The tokens of `source`, without spaces and comments."""
    found: list[_Token] = []
    pos = 0
    while pos < len(source):
        previous = found[-1].text if found else None
        slash = source[pos] == "/" and source[pos : pos + 2] not in ("//", "/*")
        if slash and previous in _REGEX_AFTER and (regex := _REGEX.match(source, pos)):
            found.append(_Token("regex", regex.group(), pos))
            pos = regex.end()
            continue
        match = _TOKEN.match(source, pos)
        unclosed = source.startswith("/*", pos) and match is not None and match.lastgroup == "op"
        if match is None or match.lastgroup is None or unclosed:
            what = {"'": "string", '"': "string", "`": "template literal", "/": "comment"}
            kind = what.get(source[pos], "text")
            raise JsSyntaxError(f"unterminated {kind}", _line(source, pos))
        if match.lastgroup != "space":
            found.append(_Token(match.lastgroup, match.group(), pos))
        pos = match.end()
    return found


def _unescape(body: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code.strip("u{}x"), 16))
        if code in ("\n", "\r\n", "\u2028", "\u2029"):
            return ""  # a line continuation
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, body)


def _has_substitution(token: _Token) -> bool:
    return re.search(r"(?<!\\)\$\{", token.text) is not None


def _number(text: str) -> int | float:
    text = text.replace("_", "").rstrip("n")
    if text[:2].lower() in ("0x", "0o", "0b"):
        return int(text, 0)
    value = float(text)
    return int(value) if value.is_integer() and not re.search(r"[.eE]", text) else value


class _Parser:
    def __init__(self, source: str, toks: list[_Token], at: int) -> None:
        self.source = source
        self.toks = toks
        self.i = at
        self.expressions: list[tuple[str, Expression]] = []

    def peek(self, ahead: int = 0) -> str | None:
        i = self.i + ahead
        return self.toks[i].text if i < len(self.toks) else None

    def line(self) -> int:
        pos = self.toks[self.i].pos if self.i < len(self.toks) else len(self.source)
        return _line(self.source, pos)

    def expect(self, *texts: str) -> str:
        got = self.peek()
        if got not in texts:
            found = "the end of the file" if got is None else f"{got!r}"
            wanted = " or ".join(repr(t) for t in texts)
            raise JsSyntaxError(f"expected {wanted}, found {found}", self.line())
        self.i += 1
        return got

    def skip_expression(self, start: int, path: str) -> Expression:
        """Step over a value that is no literal, up to the `,` or bracket that ends it."""
        self.i, depth, operand = start, 0, False
        while (text := self.peek()) is not None and not (depth == 0 and text in _END):
            kind = self.toks[self.i].kind
            is_operand = kind in _OPERANDS and text not in _KEYWORDS
            if depth == 0 and operand and is_operand:
                # Two values side by side: in an object literal, a forgotten comma.
                raise JsSyntaxError(f"expected ',' before {text!r}", self.line())
            depth += (text in "([{") - (text in ")]}") if len(text) == 1 else 0
            operand = is_operand or text in (")", "]", "}")
            self.i += 1
        if self.i == start:
            raise JsSyntaxError(f"expected a value, found {self.peek()!r}", self.line())
        first, last = self.toks[start], self.toks[self.i - 1]
        found = Expression(
            self.source[first.pos : last.pos + len(last.text)], _line(self.source, first.pos)
        )
        self.expressions.append((path, found))
        return found

    def value(self, path: str) -> object:
        start = self.i
        token = self.toks[start] if start < len(self.toks) else None
        value: object = None
        if token is None:
            raise JsSyntaxError("unexpected end of the file", self.line())
        if token.text == "{":
            value = self.an_object(path)
        elif token.text == "[":
            value = self.an_array(path)
        elif token.kind == "string" or (token.kind == "template" and not _has_substitution(token)):
            value, self.i = _unescape(token.text[1:-1]), start + 1
        elif token.kind == "number":
            value, self.i = _number(token.text), start + 1
        elif token.text in ("-", "+") and self.i + 1 < len(self.toks):
            if self.toks[start + 1].kind == "number":
                sign = -1 if token.text == "-" else 1
                value, self.i = sign * _number(self.toks[start + 1].text), start + 2
        elif token.kind == "name" and token.text in ("true", "false", "null", "undefined"):
            value, self.i = {"true": True, "false": False}.get(token.text), start + 1
        if self.i == start or self.peek() not in _END:
            return self.skip_expression(start, path)
        return value

    def an_object(self, path: str) -> dict[str, object]:
        opened = self.line()
        self.expect("{")
        found: dict[str, object] = {}
        while self.peek() != "}":
            if self.peek() is None:
                raise JsSyntaxError(f"the object opened on line {opened} is not closed", opened)
            token = self.toks[self.i]
            if token.kind in ("name", "number", "string"):
                key = _unescape(token.text[1:-1]) if token.kind == "string" else token.text
                where = f"{path}.{key}" if path else key
                self.i += 1
                if self.peek() == ":":
                    self.i += 1
                    found[key] = self.value(where)
                else:  # shorthand `{ title }` or a method `title() {}`
                    found[key] = self.skip_expression(self.i - 1, where)
            else:  # a spread `...other` or a computed key `[name]: value`
                skipped = self.skip_expression(self.i, path)
                prefix = f"{path}." if path else ""
                self.expressions[-1] = (prefix + skipped.text, skipped)
            if self.peek() != "}":
                self.expect(",", "}")
        self.i += 1
        return found

    def an_array(self, path: str) -> list[object]:
        opened = self.line()
        self.expect("[")
        found: list[object] = []
        while self.peek() != "]":
            if self.peek() is None:
                raise JsSyntaxError(f"the array opened on line {opened} is not closed", opened)
            found.append(None if self.peek() == "," else self.value(f"{path}[{len(found)}]"))
            if self.peek() != "]":
                self.expect(",", "]")
        self.i += 1
        return found


def read_object(source: str) -> Reading:
    """The object literal that is the whole of `source` (JSON-like text)."""
    parser = _Parser(source, tokens(source), 0)
    value = parser.an_object("")
    if parser.peek() not in (None, ";"):
        raise JsSyntaxError(f"unexpected {parser.peek()!r} after the object", parser.line())
    return Reading(value, parser.expressions)


def read_exports(source: str) -> Reading:
    """The object a CommonJS module exports (`module.exports = {...}`, `export default {...}`,
    or a `const config = {...}` exported by name)."""
    toks = tokens(source)
    texts = [t.text for t in toks]
    at = None
    for i in range(len(toks)):
        if texts[i : i + 4] == ["module", ".", "exports", "="]:
            at = i + 4
        elif texts[i : i + 2] == ["export", "default"]:
            at = i + 2
    if at is None or at >= len(toks):
        raise JsSyntaxError("no `module.exports = { ... }` found", 1)
    target = toks[at]
    if target.kind == "name" and texts[at + 1 : at + 2] in ([], [";"]):
        # `const config = { ... }; module.exports = config;`
        for i in range(len(toks) - 3):
            if texts[i] in ("const", "let", "var") and texts[i + 1 : i + 4] == [
                target.text,
                "=",
                "{",
            ]:
                at, target = i + 3, toks[i + 3]
                break
    if target.text != "{":
        line = _line(source, target.pos)
        end = source.find("\n", target.pos)
        written = source[target.pos : end if end >= 0 else None].strip().rstrip(";")
        raise JsSyntaxError(f"module.exports is not an object literal: {written}", line)
    parser = _Parser(source, toks, at)
    return Reading(parser.an_object(""), parser.expressions)
