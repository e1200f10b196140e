"""A reader of the JavaScript object literals Lumen's `config.js` exported: strings, template
literals without `${}`, numbers, booleans, null, nested objects and arrays, comments, trailing
commas, unquoted keys. JavaScript is never run: a value only running it would give (a variable,
`process.env.X`, `require(...)`, `a || b`, a template literal with `${}`, a function, a getter)
is kept as an `Expression`, so the reader can say which field it could not read and carry on
with the others. Objects and arrays nest at most `MAX_DEPTH` deep."""

from __future__ import annotations

import dataclasses

from mkdocs_perceptual.migrate.jstokens import (
    TEMPLATE_EXPRESSION,
    JsSyntaxError,
    Lines,
    Token,
    cooked,
    number,
    tokens,
)

__all__ = ["MAX_DEPTH", "Expression", "JsSyntaxError", "Reading", "read_exports", "read_object"]

_OPERANDS = {"string", "template", TEMPLATE_EXPRESSION, "number", "name", "regex"}
# Words that stand between or before values, unlike names and literals.
_KEYWORDS = {"typeof", "new", "void", "await", "delete", "in", "instanceof", "of", "return"}
_KEYWORDS |= {"async", "function", "yield", "class", "extends"}
_END = {",", "}", "]", ")", ";", None}
# `get title() {...}`, `set title(v) {...}`, `async title() {...}`: the field is the next word.
_METHOD_PREFIXES = {"get", "set", "async"}
# Lumen's settings nest four deep; far deeper is no configuration (and would exhaust the stack).
MAX_DEPTH = 100


@dataclasses.dataclass(frozen=True)
class Expression:
    """A value that only running JavaScript would give, as written."""

    text: str
    line: int


@dataclasses.dataclass
class Reading:
    """An object literal read: its value (Expressions left in place) and where each
    Expression is, by field path such as `author.contacts.email` or `menu[1].path`."""

    value: dict[str, object]
    expressions: list[tuple[str, Expression]] = dataclasses.field(default_factory=list)


class _Parser:
    def __init__(self, source: str, toks: list[Token], at: int, lines: Lines) -> None:
        self.source = source
        self.toks = toks
        self.i = at
        self.lines = lines
        self.depth = 0
        self.expressions: list[tuple[str, Expression]] = []

    def peek(self, ahead: int = 0) -> str | None:
        i = self.i + ahead
        return self.toks[i].text if i < len(self.toks) else None

    def line(self) -> int:
        pos = self.toks[self.i].pos if self.i < len(self.toks) else len(self.source)
        return self.lines(pos)

    def expect(self, *texts: str) -> str:
        got = self.peek()
        if got not in texts:
            found = "the end of the file" if got is None else f"{got!r}"
            wanted = " or ".join(repr(t) for t in texts)
            raise JsSyntaxError(f"expected {wanted}, found {found}", self.line())
        self.i += 1
        return got

    def skip_expression(self, start: int, path: str, begin: int | None = None) -> Expression:
        """Step over a value that is no literal, up to the `,` or bracket that ends it; its
        text starts at token `begin` (a getter's `get`), or else at `start`."""
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
        first, last = self.toks[start if begin is None else begin], self.toks[self.i - 1]
        text = self.source[first.pos : last.pos + len(last.text)]
        found = Expression(text, self.lines(first.pos))
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
        elif token.kind in ("string", "template"):
            value, self.i = cooked(token, self.lines), start + 1
        elif token.kind == "number":
            value, self.i = number(token, self.lines), start + 1
        elif token.text in ("-", "+") and self.i + 1 < len(self.toks):
            if self.toks[start + 1].kind == "number":
                sign = -1 if token.text == "-" else 1
                value, self.i = sign * number(self.toks[start + 1], self.lines), start + 2
        elif token.kind == "name" and token.text in ("true", "false", "null", "undefined"):
            value, self.i = {"true": True, "false": False}.get(token.text), start + 1
        if self.i == start or self.peek() not in _END:
            return self.skip_expression(start, path)
        return value

    def nest(self, what: str) -> int:
        opened = self.line()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise JsSyntaxError(f"{what} nested more than {MAX_DEPTH} deep", opened)
        return opened

    def an_object(self, path: str) -> dict[str, object]:
        opened = self.nest("objects and arrays")
        self.expect("{")
        found: dict[str, object] = {}
        while self.peek() != "}":
            if self.peek() is None:
                raise JsSyntaxError(f"the object opened on line {opened} is not closed", opened)
            token = self.toks[self.i]
            named = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
            if token.text in _METHOD_PREFIXES and named and named.kind in ("name", "string"):
                key = cooked(named, self.lines) if named.kind == "string" else named.text
                where = f"{path}.{key}" if path else key
                found[key] = self.skip_expression(self.i + 1, where, begin=self.i)
            elif token.kind in ("name", "number", "string"):
                key = cooked(token, self.lines) if token.kind == "string" else token.text
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
        self.depth -= 1
        return found

    def an_array(self, path: str) -> list[object]:
        opened = self.nest("objects and arrays")
        self.expect("[")
        found: list[object] = []
        while self.peek() != "]":
            if self.peek() is None:
                raise JsSyntaxError(f"the array opened on line {opened} is not closed", opened)
            found.append(None if self.peek() == "," else self.value(f"{path}[{len(found)}]"))
            if self.peek() != "]":
                self.expect(",", "]")
        self.i += 1
        self.depth -= 1
        return found


def read_object(source: str) -> Reading:
    """The object literal that is the whole of `source` (JSON-like text)."""
    lines = Lines(source)
    parser = _Parser(source, tokens(source, lines), 0, lines)
    value = parser.an_object("")
    if parser.peek() not in (None, ";"):
        raise JsSyntaxError(f"unexpected {parser.peek()!r} after the object", parser.line())
    return Reading(value, parser.expressions)


def read_exports(source: str) -> Reading:
    """The object a CommonJS module exports (`module.exports = {...}`, `export default {...}`,
    or a `const config = {...}` exported by name)."""
    lines = Lines(source)
    toks = tokens(source, lines)
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
        end = source.find("\n", target.pos)
        written = source[target.pos : end if end >= 0 else None].strip().rstrip(";")
        written = written if len(written) <= 80 else written[:77] + "..."
        raise JsSyntaxError(
            f"module.exports is not an object literal: {written}", lines(target.pos)
        )
    parser = _Parser(source, toks, at, lines)
    return Reading(parser.an_object(""), parser.expressions)
