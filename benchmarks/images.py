"""The images benchmark: a blog of folder posts (the December 2024 starter's layout), each with
photographs of 3,000 to 4,000 pixels beside it, built with responsive copies and without, and
then looked at in Chromium.

    python benchmarks/images.py                          # 100 posts, 3 images each, 3 runs
    python benchmarks/images.py --posts 4 --runs 1       # the smoke test CI runs

It reports the median wall time of a cold build (no copies in cache_dir yet), a warm build
(the copies kept from the cold one) and a build with `images: {enabled: false}` (the
originals, as before), each with its ratio to the last; then, in headless Chromium at
1280 x 800 (device pixel ratio 1) and 390 x 844 (ratio 3), the bytes of the image files the
browser chose for the posts' images (`img.currentSrc`) over the bytes of their originals.
The photographs are made here, reproducibly, with Pillow alone: crops of smooth colour noise
in five octaves with film grain, saved as JPEG at quality 90 (a flat gradient would compress
as no photograph does).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from PIL import Image, ImageEnhance

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"1280x800, DPR 1": (1280, 800, 1), "390x844, DPR 3": (390, 844, 3)}


def texture(seed: int, width: int = 4400, height: int = 3400) -> Image.Image:
    """Smooth colour noise in five octaves, each finer one blended in more faintly."""
    rng = random.Random(seed)
    made: Image.Image | None = None
    for octave, cells in enumerate((4, 16, 64, 256, 1024)):
        size = (cells, max(2, cells * height // width))
        layer = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
        layer = layer.resize((width, height), Image.Resampling.BICUBIC)
        made = layer if made is None else Image.blend(made, layer, 0.45 / (octave + 1))
    assert made is not None
    return made


def photographs(count: int, folder: Path) -> list[Path]:
    """`count` distinct photographs, 3,000 to 4,000 pixels wide (4:3), from a few textures:
    each a crop at its own place and brightness, with grain of its own."""
    rng = random.Random(960)
    textures = [texture(seed) for seed in range(min(4, count))]
    made = []
    for i in range(count):
        width = rng.randrange(3000, 4001)
        height = width * 3 // 4
        base = textures[i % len(textures)]
        top, left = rng.randrange(base.height - height), rng.randrange(base.width - width)
        crop = base.crop((left, top, left + width, top + height))
        crop = ImageEnhance.Brightness(crop).enhance(rng.uniform(0.75, 1.1))
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        photo = Image.blend(crop, grain.convert("RGB"), 0.08)
        path = folder / f"photo-{i}.jpg"
        photo.save(path, quality=90)
        made.append(path)
    return made


def generate(root: Path, posts: int, per_post: int) -> None:
    """root/docs (folder posts with their photographs), and two configurations beside it:
    root/on (responsive copies) and root/off (the originals)."""
    stock = root / "stock"
    stock.mkdir(parents=True)
    photos = photographs(posts * per_post, stock)
    for i in range(posts):
        folder = root / "docs" / "posts" / f"post-{i}"
        folder.mkdir(parents=True)
        body = []
        for k in range(per_post):
            (stock / f"photo-{i * per_post + k}.jpg").rename(folder / f"photo-{k}.jpg")
            body.append(f"Paragraph {k} of post {i}, before a photograph.\n")
            body.append(f"![Photograph {k} of post {i}](/photo-{k}.jpg)\n")
        front = {
            "title": f"Post {i}",
            "date": f"2024-01-{1 + i % 28:02d} 10:00:00",
            "template": "post",
            "slug": f"/posts/post-{i}",
            "category": "Photographs",
        }
        (folder / "index.md").write_text(
            "---\n" + yaml.safe_dump(front) + "---\n\n" + "\n".join(body), encoding="utf-8"
        )
    assert len(photos) == posts * per_post
    for name, enabled in (("on", True), ("off", False)):
        settings = {
            "site_name": "Images benchmark",
            "site_url": "https://example.org/",
            "docs_dir": str(root / "docs"),
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"perceptual": {"images": {"enabled": enabled}}}],
        }
        (root / name).mkdir()
        (root / name / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


def measure(folder: Path, *flags: str) -> float:
    args = [sys.executable, str(HERE / "measure_build.py"), str(folder), *flags]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["wall"])


def builds(root: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"cold": [], "warm": [], "off": []}
    for _ in range(runs):  # in turn, so that drift hits all three alike
        times["cold"].append(measure(root / "on", "--cold"))
        times["warm"].append(measure(root / "on"))
        times["off"].append(measure(root / "off"))
    return times


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def chosen_bytes(site: Path, pages: list[str]) -> dict[str, float]:
    """For each viewport: the bytes of the files Chromium chose for the posts' images, over
    the bytes of their originals."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

    def size(url: str) -> int:
        return (site / unquote(urlsplit(url).path).lstrip("/")).stat().st_size

    ratios = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
            for label, (width, height, ratio) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=ratio
                )
                page = context.new_page()
                chosen = originals = 0
                for path in pages:
                    page.goto(base + path, wait_until="load")
                    for img in page.locator("article img").all():
                        img.scroll_into_view_if_needed()
                    page.wait_for_function(
                        "[...document.querySelectorAll('article img')].every(i => i.complete)"
                    )
                    found = page.eval_on_selector_all(
                        "article img",
                        "els => els.map(i => [i.currentSrc, i.closest('a') && i.closest('a').href])",
                    )
                    for current, original in found:
                        chosen += size(current)
                        originals += size(original or current)
                ratios[label] = chosen / originals
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return ratios


def report(times: dict[str, list[float]], ratios: dict[str, float], posts: int, per: int) -> str:
    off = statistics.median(times["off"])
    lines = [
        f"{posts} posts, {posts * per} photographs of 3,000 to 4,000 pixels; medians of "
        f"{len(times['off'])} runs",
        "",
        "| build | median wall time | runs | ratio to images off |",
        "|---|---|---|---|",
    ]
    labels = {
        "cold": "images on, cold (every copy made)",
        "warm": "images on, warm (copies kept in cache_dir)",
        "off": "images off (the originals)",
    }
    for key in ("cold", "warm", "off"):
        median = statistics.median(times[key])
        runs = ", ".join(f"{t:.1f}" for t in times[key])
        lines.append(f"| {labels[key]} | {median:.2f} s | {runs} | {median / off:.2f}x |")
    if ratios:
        lines += ["", "| viewport | bytes chosen / bytes of the originals |", "|---|---|"]
        lines += [f"| {label} | {ratio:.3f} |" for label, ratio in ratios.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--images", type=int, default=3, help="photographs a post")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=10, help="posts looked at in Chromium")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, required=True, help="where the blog is made")
    args = parser.parse_args()
    root = args.out
    if not (root / "docs").is_dir():
        generate(root, args.posts, args.images)
    times = builds(root, args.runs)
    pages = [f"posts/post-{i}/" for i in range(min(args.pages, args.posts))]
    ratios = {} if args.no_browser else chosen_bytes(root / "on" / "site", pages)
    text = report(times, ratios, args.posts, args.images)
    (root / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
