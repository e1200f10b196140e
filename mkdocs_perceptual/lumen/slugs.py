"""The names Lumen's JavaScript gave: category and tag URLs, heading ids. Pure functions.

Lumen made category and tag URLs with lodash 4.17 `kebabCase` and heading ids with
github-slugger 1.2.1 (through gatsby-remark-autolink-headers). A migrated blog keeps its
readers' links only if both are reproduced exactly, so the rules below follow those two
libraries to the character, including where they are odd (`word2vec` -> `word-2-vec`,
`C++` -> `c`, `ộ` kept while `ố` loses its accent). JavaScript regular expressions without
the `u` flag see UTF-16 code units; the patterns here are written for code points so that
they match what the JavaScript matched.
"""

from __future__ import annotations

import re

# lodash `deburr`: its own table for Latin-1 Supplement and Latin Extended-A, and nothing
# else (Vietnamese letters from Latin Extended Additional keep their marks).
_DEBURR_GROUPS = {
    "ÀÁÂÃÄÅĀĂĄ": "A",
    "àáâãäåāăą": "a",
    "ÇĆĈĊČ": "C",
    "çćĉċč": "c",
    "ÐĎĐ": "D",
    "ðďđ": "d",
    "ÈÉÊËĒĔĖĘĚ": "E",
    "èéêëēĕėęě": "e",
    "ĜĞĠĢ": "G",
    "ĝğġģ": "g",
    "ĤĦ": "H",
    "ĥħ": "h",
    "ÌÍÎÏĨĪĬĮİ": "I",
    "ìíîïĩīĭįı": "i",
    "Ĵ": "J",
    "ĵ": "j",
    "Ķ": "K",
    "ķĸ": "k",
    "ĹĻĽĿŁ": "L",
    "ĺļľŀł": "l",
    "ÑŃŅŇŊ": "N",
    "ñńņňŋ": "n",
    "ÒÓÔÕÖØŌŎŐ": "O",
    "òóôõöøōŏő": "o",
    "ŔŖŘ": "R",
    "ŕŗř": "r",
    "ŚŜŞŠ": "S",
    "śŝşšſ": "s",
    "ŢŤŦ": "T",
    "ţťŧ": "t",
    "ÙÚÛÜŨŪŬŮŰŲ": "U",
    "ùúûüũūŭůűų": "u",
    "Ŵ": "W",
    "ŵ": "w",
    "ÝŶŸ": "Y",
    "ýÿŷ": "y",
    "ŹŻŽ": "Z",
    "źżž": "z",
    "Æ": "Ae",
    "æ": "ae",
    "Þ": "Th",
    "þ": "th",
    "ß": "ss",
    "Ĳ": "IJ",
    "ĳ": "ij",
    "Œ": "Oe",
    "œ": "oe",
    "ŉ": "'n",
}
_DEBURR = str.maketrans({ch: out for chars, out in _DEBURR_GROUPS.items() for ch in chars})

# Character classes of lodash's word splitter, as code point ranges.
_COMBO = r"\u0300-\u036f\ufe20-\ufe2f\u20d0-\u20ff"
_DINGBAT = r"\u2700-\u27bf"
_LOWER = r"a-z\xdf-\xf6\xf8-\xff"
_UPPER = r"A-Z\xc0-\xd6\xd8-\xde"
_VARIATION = r"\ufe0e\ufe0f"
_BREAK = (
    r"\xac\xb1\xd7\xf7"  # math operators
    r"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xbf"  # ASCII and Latin-1 non-letters
    r"\u2000-\u206f"  # general punctuation
    r" \t\x0b\f\xa0\ufeff\n\r\u2028\u2029\u1680\u180e\u2000-\u200a\u202f\u205f\u3000"
)
# In JavaScript an astral character is two surrogates, which lodash's negated classes exclude.
_ASTRAL = r"\ud800-\udfff\U00010000-\U0010ffff"

_R_LOWER = f"[{_LOWER}]"
_R_UPPER = f"[{_UPPER}]"
_R_BREAK = f"[{_BREAK}]"
_R_MISC = f"[^{_ASTRAL}{_BREAK}0-9{_DINGBAT}{_LOWER}{_UPPER}]"
_R_MISC_LOWER = f"(?:{_R_LOWER}|{_R_MISC})"
_R_MISC_UPPER = f"(?:{_R_UPPER}|{_R_MISC})"
_R_CONTR_LOWER = r"(?:['\u2019](?:d|ll|m|re|s|t|ve))?"
_R_CONTR_UPPER = r"(?:['\u2019](?:D|LL|M|RE|S|T|VE))?"
_R_FITZ = r"[\U0001f3fb-\U0001f3ff]"
_R_MODIFIER = f"(?:[{_COMBO}]|{_R_FITZ})"
_R_REGIONAL = r"[\U0001f1e6-\U0001f1ff]{2}"
_R_ASTRAL = r"[\U00010000-\U0010ffff]"
_R_BMP = r"[^\ud800-\udfff\U00010000-\U0010ffff]"
_R_JOIN = rf"(?:\u200d(?:{_R_BMP}|{_R_REGIONAL}|{_R_ASTRAL})[{_VARIATION}]?{_R_MODIFIER}?)*"
_R_SEQ = f"[{_VARIATION}]?{_R_MODIFIER}?{_R_JOIN}"
_R_END = r"\Z"  # JavaScript's `$` without the m flag: the end of the string only

_UNICODE_WORD = re.compile(
    "|".join(
        [
            f"{_R_UPPER}?{_R_LOWER}+{_R_CONTR_LOWER}(?={_R_BREAK}|{_R_UPPER}|{_R_END})",
            f"{_R_MISC_UPPER}+{_R_CONTR_UPPER}(?={_R_BREAK}|{_R_UPPER}{_R_MISC_LOWER}|{_R_END})",
            f"{_R_UPPER}?{_R_MISC_LOWER}+{_R_CONTR_LOWER}",
            f"{_R_UPPER}+{_R_CONTR_UPPER}",
            r"[0-9]*(?:1ST|2ND|3RD|(?![123])[0-9]TH)(?=\b|[a-z_])",
            r"[0-9]*(?:1st|2nd|3rd|(?![123])[0-9]th)(?=\b|[A-Z_])",
            "[0-9]+",
            f"(?:[{_DINGBAT}]|{_R_REGIONAL}|{_R_ASTRAL}){_R_SEQ}",
        ]
    ),
    re.ASCII,  # for `\b`, which JavaScript defines on ASCII word characters
)
# Plain ASCII text takes lodash's simpler splitter; this decides which one applies.
_HAS_UNICODE_WORD = re.compile(
    r"[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]"
)
_ASCII_WORD = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
_COMBO_MARK = re.compile(f"[{_COMBO}]")
_APOSTROPHE = re.compile(r"['\u2019]")


def deburr(text: str) -> str:
    """lodash `deburr`: Latin-1 and Latin Extended-A letters to ASCII, combining marks removed."""
    return _COMBO_MARK.sub("", text.translate(_DEBURR))


def words(text: str) -> list[str]:
    """lodash `words` without a pattern."""
    if _HAS_UNICODE_WORD.search(text):
        return _UNICODE_WORD.findall(text)
    return _ASCII_WORD.findall(text)


def kebab_case(name: str) -> str:
    """lodash 4.17.21 `kebabCase`, the URL name of a Lumen category or tag.

    "Deep Learning" -> "deep-learning", "word2vec" -> "word-2-vec", "Łódź" -> "lodz".
    """
    return "-".join(word.lower() for word in words(_APOSTROPHE.sub("", deburr(name))))


# github-slugger 1.2.1 deletes these, then what its emoji-regex (6.1.1, Unicode 9 era)
# matches, then turns each remaining JavaScript whitespace character into '-'.
_SPECIALS = re.compile(r"[\u2000-\u206f\u2e00-\u2e7f\\'!\"#$%&()*+,./:;<=>?@\[\]^`{|}~]")
_JS_SPACE = r"\t\n\x0b\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_WHITESPACE = re.compile(f"[{_JS_SPACE}]")
_JS_TRIM = re.compile(rf"\A[{_JS_SPACE}]+|[{_JS_SPACE}]+\Z")
_EMOJI_CODE_POINTS = (
    "A9 AE 203C 2049 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 23CF 23E9-23F3 23F8-23FA "
    "24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2604 260E 2611 2614-2615 2618 261D 2620 "
    "2622-2623 2626 262A 262E-262F 2638-263A 2648-2653 2660 2663 2665-2666 2668 267B 267F "
    "2692-2694 2696-2697 2699 269B-269C 26A0-26A1 26AA-26AB 26B0-26B1 26BD-26BE 26C4-26C5 "
    "26C8 26CE-26CF 26D1 26D3-26D4 26E9-26EA 26F0-26F5 26F7-26FA 26FD 2702 2705 2708-270D "
    "270F 2712 2714 2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757 "
    "2763-2764 2795-2797 27A1 27B0 27BF 2934-2935 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D "
    "3297 3299 1F004 1F0CF 1F170-1F171 1F17E-1F17F 1F18E 1F191-1F19A 1F201-1F202 1F21A "
    "1F22F 1F232-1F23A 1F250-1F251 1F300-1F321 1F324-1F393 1F396-1F397 1F399-1F39B "
    "1F39E-1F3F0 1F3F3-1F3F5 1F3F7-1F4FD 1F4FF-1F53D 1F549-1F54E 1F550-1F567 1F56F-1F570 "
    "1F573-1F579 1F587 1F58A-1F58D 1F590 1F595-1F596 1F5A5 1F5A8 1F5B1-1F5B2 1F5BC "
    "1F5C2-1F5C4 1F5D1-1F5D3 1F5DC-1F5DE 1F5E1 1F5E3 1F5EF 1F5F3 1F5FA-1F64F 1F680-1F6C5 "
    "1F6CB-1F6D0 1F6E0-1F6E5 1F6E9 1F6EB-1F6EC 1F6F0 1F6F3 1F910-1F918 1F980-1F984 1F9C0"
)
# Flags are removed only for these regions; other pairs of regional indicators stay.
_EMOJI_FLAGS = (
    "AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
    "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX CY CZ DE DG "
    "DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM "
    "GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK "
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM "
    "SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US "
    "UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
)


def _code_point_class(ranges: str) -> str:
    parts = []
    for item in ranges.split():
        first, _, last = item.partition("-")
        parts.append(re.escape(chr(int(first, 16))))
        if last:
            parts.append("-" + re.escape(chr(int(last, 16))))
    return "[" + "".join(parts) + "]"


def _flag(region: str) -> str:
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in region)


_EMOJI = re.compile(
    "|".join(
        [
            _code_point_class(_EMOJI_CODE_POINTS),
            *(_flag(region) for region in _EMOJI_FLAGS.split()),
            r"[#*0-9]\u20e3",
        ]
    )
)


def github_slug(text: str) -> str:
    """github-slugger 1.2.1's slug of one heading text, without the count for repeats.

    "About the Dataset" -> "about-the-dataset", "Spark → Graphite" -> "spark-→-graphite".
    """
    slug = _SPECIALS.sub("", _JS_TRIM.sub("", text.lower()))
    if not slug.isascii():  # every emoji holds a character beyond ASCII (16 us a call saved)
        slug = _EMOJI.sub("", slug)
    return _JS_WHITESPACE.sub("-", slug)


def title_slug(title: str) -> str:
    """The github-slugger id of a post's title, for the <h1> the plugin adds."""
    return github_slug(title)


class GithubSlugger:
    """github-slugger 1.2.1's `slug` with its count of repeats, for one page at a time."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def reset(self) -> None:
        self.occurrences = {}

    def slug(self, text: str) -> str:
        """ "x", then "x-1", "x-2"; a generated "x-1" that is taken already is skipped."""
        original = github_slug(text)
        slug = original
        while slug in self.occurrences:
            self.occurrences[original] += 1
            slug = f"{original}-{self.occurrences[original]}"
        self.occurrences[slug] = 0
        return slug
