"""The tables behind texcompat.py: CSS colour names as KaTeX reads them, and the commands
math-core does not know, written as LaTeX it does. Data only."""

from __future__ import annotations


# The 148 CSS named colours (CSS Color 4), which KaTeX hands to the browser unchanged.
# math-core reads names as xcolor's, and xcolor's green, purple, orange... are other colours.
def _table(text: str) -> dict[str, str]:
    return {name: rgb for name, rgb in (item.split("=") for item in text.split())}


CSS_COLOURS: dict[str, str] = _table(
    """
aliceblue=F0F8FF antiquewhite=FAEBD7 aqua=00FFFF aquamarine=7FFFD4 azure=F0FFFF beige=F5F5DC
bisque=FFE4C4 black=000000 blanchedalmond=FFEBCD blue=0000FF blueviolet=8A2BE2 brown=A52A2A
burlywood=DEB887 cadetblue=5F9EA0 chartreuse=7FFF00 chocolate=D2691E coral=FF7F50
cornflowerblue=6495ED cornsilk=FFF8DC crimson=DC143C cyan=00FFFF darkblue=00008B
darkcyan=008B8B darkgoldenrod=B8860B darkgray=A9A9A9 darkgreen=006400 darkgrey=A9A9A9
darkkhaki=BDB76B darkmagenta=8B008B darkolivegreen=556B2F darkorange=FF8C00 darkorchid=9932CC
darkred=8B0000 darksalmon=E9967A darkseagreen=8FBC8F darkslateblue=483D8B darkslategray=2F4F4F
darkslategrey=2F4F4F darkturquoise=00CED1 darkviolet=9400D3 deeppink=FF1493 deepskyblue=00BFFF
dimgray=696969 dimgrey=696969 dodgerblue=1E90FF firebrick=B22222 floralwhite=FFFAF0
forestgreen=228B22 fuchsia=FF00FF gainsboro=DCDCDC ghostwhite=F8F8FF gold=FFD700
goldenrod=DAA520 gray=808080 green=008000 greenyellow=ADFF2F grey=808080 honeydew=F0FFF0
hotpink=FF69B4 indianred=CD5C5C indigo=4B0082 ivory=FFFFF0 khaki=F0E68C lavender=E6E6FA
lavenderblush=FFF0F5 lawngreen=7CFC00 lemonchiffon=FFFACD lightblue=ADD8E6 lightcoral=F08080
lightcyan=E0FFFF lightgoldenrodyellow=FAFAD2 lightgray=D3D3D3 lightgreen=90EE90
lightgrey=D3D3D3 lightpink=FFB6C1 lightsalmon=FFA07A lightseagreen=20B2AA lightskyblue=87CEFA
lightslategray=778899 lightslategrey=778899 lightsteelblue=B0C4DE lightyellow=FFFFE0
lime=00FF00 limegreen=32CD32 linen=FAF0E6 magenta=FF00FF maroon=800000
mediumaquamarine=66CDAA mediumblue=0000CD mediumorchid=BA55D3 mediumpurple=9370DB
mediumseagreen=3CB371 mediumslateblue=7B68EE mediumspringgreen=00FA9A mediumturquoise=48D1CC
mediumvioletred=C71585 midnightblue=191970 mintcream=F5FFFA mistyrose=FFE4E1 moccasin=FFE4B5
navajowhite=FFDEAD navy=000080 oldlace=FDF5E6 olive=808000 olivedrab=6B8E23 orange=FFA500
orangered=FF4500 orchid=DA70D6 palegoldenrod=EEE8AA palegreen=98FB98 paleturquoise=AFEEEE
palevioletred=DB7093 papayawhip=FFEFD5 peachpuff=FFDAB9 peru=CD853F pink=FFC0CB plum=DDA0DD
powderblue=B0E0E6 purple=800080 rebeccapurple=663399 red=FF0000 rosybrown=BC8F8F
royalblue=4169E1 saddlebrown=8B4513 salmon=FA8072 sandybrown=F4A460 seagreen=2E8B57
seashell=FFF5EE sienna=A0522D silver=C0C0C0 skyblue=87CEEB slateblue=6A5ACD slategray=708090
slategrey=708090 snow=FFFAFA springgreen=00FF7F steelblue=4682B4 tan=D2B48C teal=008080
thistle=D8BFD8 tomato=FF6347 turquoise=40E0D0 violet=EE82EE wheat=F5DEB3 white=FFFFFF
whitesmoke=F5F5F5 yellow=FFFF00 yellowgreen=9ACD32
"""
)

# KaTeX's colour macros (`\blueA{x}`...), from Khan Academy's palette.
_KATEX_COLOURS = _table(
    """
blue=6495ED orange=FFA500 pink=FF00AF red=DF0030 green=28AE7B gray=808080 purple=9D38BD
blueA=CCFAFF blueB=80F6FF blueC=63D9EA blueD=11ACCD blueE=0C7F99 tealA=94FFF5 tealB=26EDD5
tealC=01D1C1 tealD=01A995 tealE=208170 greenA=B6FFB0 greenB=8AF281 greenC=74CF70
greenD=1FAB54 greenE=0D923F goldA=FFD0A9 goldB=FFBB71 goldC=FF9C39 goldD=E07D10 goldE=A75A05
redA=FCA9A9 redB=FF8482 redC=F9685D redD=E84D39 redE=BC2612 maroonA=FFBDE0 maroonB=FF92C6
maroonC=ED5FA6 maroonD=CA337C maroonE=9E034E purpleA=DDD7FF purpleB=C6B9FC purpleC=AA87FF
purpleD=7854AB purpleE=543B78 mintA=F5F9E8 mintB=EDF2DF mintC=E0E5CC grayA=F6F7F7
grayB=F0F1F2 grayC=E3E5E6 grayD=D6D8DA grayE=BABEC2 grayF=888D93 grayG=626569 grayH=3B3E40
grayI=21242C kaBlue=314453 kaGreen=71B307
"""
)

# Commands math-core does not know, as LaTeX it does. Only unknown names are listed, so a
# formula that converted without them still converts to the same MathML (tested).
MACROS: dict[str, str] = {
    "dotsb": r"\cdots",
    "dotsi": r"\!\cdots",
    "dotsm": r"\cdots",
    "dotsc": r"\ldots",
    "dotso": r"\ldots",
    "dotsx": r"\ldots\,",
    "mathellipsis": r"\ldots",
    "DOTSB": r"\relax",
    "DOTSI": r"\relax",
    "DOTSX": r"\relax",
    "allowbreak": r"\relax",
    "nobreak": r"\relax",
    "enskip": r"\hspace{0.5em}",
    "varlimsup": r"\mathop{\overline{\mathrm{lim}}}",
    "varliminf": r"\mathop{\underline{\mathrm{lim}}}",
    "varinjlim": r"\mathop{\underrightarrow{\mathrm{lim}}}",
    "varprojlim": r"\mathop{\underleftarrow{\mathrm{lim}}}",
    "TeX": r"\mathrm{T\hspace{-0.1667em}\raisebox{-0.5ex}{E}\hspace{-0.125em}X}",
    "LaTeX": r"\mathrm{L\hspace{-0.36em}\raisebox{0.2em}{\small A}\hspace{-0.15em}\TeX}",
    "KaTeX": r"\mathrm{K\hspace{-0.17em}\raisebox{0.2em}{\small A}\hspace{-0.15em}\TeX}",
    "textup": r"\textrm{#1}",
    "textmd": r"\textrm{#1}",
    "textnormal": r"\textrm{#1}",
    "textcopyright": r"\text{©}",
    "mbox": r"\text{#1}",
    "hbox": r"\text{#1}",
    "vcenter": "{#1}",
    "mathnormal": "{#1}",
    "mathsfit": r"\mathsf{#1}",
    "pmb": r"\boldsymbol{#1}",
    "TextOrMath": "#2",
    "centerdot": r"\cdot",
    "sdot": r"\cdot",
    "intop": r"\int",
    "smallint": r"{\textstyle\int}",
    "thicksim": r"\sim",
    "thickapprox": r"\approx",
    "shortmid": r"\mid",
    "nshortmid": r"\nmid",
    "shortparallel": r"\parallel",
    "nshortparallel": r"\nparallel",
    "varpropto": r"\propto",
    "smallsetminus": r"\setminus",
    "smallfrown": r"\frown",
    "smallsmile": r"\smile",
    "varvdots": r"\vdots",
    "ordinarycolon": r"\mathord{:}",
    "overlinesegment": r"\overline{#1}",
    "underlinesegment": r"\underline{#1}",
    "xrightleftarrows": r"\mathrel{\overset{#1}{\rightleftarrows}}",
    "xrightequilibrium": r"\mathrel{\overset{#1}{\rightleftharpoons}}",
    "xleftequilibrium": r"\mathrel{\overset{#1}{\leftrightharpoons}}",
    # Without KaTeX's `trust` option, which Lumen never set, these draw only their content.
    "href": "{#2}",
    "url": r"\texttt{#1}",
    "htmlClass": "{#2}",
    "htmlId": "{#2}",
    "htmlStyle": "{#2}",
    "htmlData": "{#2}",
    **{name: rf"{{\color[HTML]{{{rgb}}}#1}}" for name, rgb in _KATEX_COLOURS.items()},
}
