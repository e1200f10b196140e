"""Read a built page's main navigation as nested tuples, on Material and the mkdocs theme."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

Nav = list  # (title, href) a page, (title, [children]) a section, (title, None) a pruned section


def nav_tree(soup: BeautifulSoup) -> Nav:
    material = soup.select_one("nav.md-nav--primary > ul.md-nav__list")
    if material is not None:
        return _material(material)
    navbar = soup.select_one("ul.navbar-nav")
    assert navbar is not None, "no navigation found on the page"
    return _bootstrap(navbar)


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def _material(ul: Tag) -> Nav:
    items = []
    for li in ul.find_all("li", recursive=False):
        if "md-nav__item--pruned" in li.get("class", []):
            # Material's navigation.prune: a section away from the current page, children left out.
            items.append((_text(li.find("a", class_="md-nav__link")), None))
        elif "md-nav__item--nested" in li.get("class", []):
            label = li.find("label", class_="md-nav__link", recursive=False) or li.find("a")
            children = li.find("nav", recursive=False).find("ul", recursive=False)
            items.append((_text(label), _material(children)))
        else:
            a = li.find("a", class_="md-nav__link")
            items.append((_text(a), a["href"]))
    return items


def _bootstrap(ul: Tag) -> Nav:
    items = []
    for li in ul.find_all("li", recursive=False):
        menu = li.find("ul", class_="dropdown-menu", recursive=False)
        if menu is not None:
            toggle = li.find("a", recursive=False)
            items.append((_text(toggle), _bootstrap(menu)))
        else:
            a = li.find("a")
            items.append((_text(a), a["href"]))
    return items


def titles(nav: Nav) -> list:
    """The nav without its links: titles of pages, (title, [...]) for sections and
    (title, None) for pruned sections."""
    return [
        (t, titles(v)) if isinstance(v, list) else (t, None) if v is None else t for t, v in nav
    ]
