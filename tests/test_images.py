"""Images as Lumen published them: found beside the post as gatsby-remark-images found them,
and served as responsive copies (a `<picture>` with WebP and the original format, widths as
Gatsby chose them, width and height, lazy loading, a link to the original). Every image that
cannot be made into copies is published as it is, with one warning naming it."""

from __future__ import annotations

import io
import re

import feedparser
import pytest
from conftest import build_in_process, image_bytes, post, write_site
from PIL import Image, ImageCms, features

from mkdocs_perceptual.build import images as build_images
from mkdocs_perceptual.lumen.urls import beside
from mkdocs_perceptual.markdown import imaging
from mkdocs_perceptual.site.pictures import Candidates, Picture, pictures, plain_images

# -- pure: Gatsby's rule, the widths, the markup -------------------------------------------


@pytest.mark.parametrize(
    ("url", "src_uri", "expected"),
    [
        ("/image.jpg", "posts/a/index.md", "posts/a/image.jpg"),  # the 2024 starter's posts
        ("./image.jpg", "posts/a/index.md", "posts/a/image.jpg"),
        ("image.jpg", "posts/a/index.md", "posts/a/image.jpg"),
        ("../b/x.png", "posts/a/index.md", "posts/b/x.png"),
        ("/media/x.jpg", "posts/x.md", "posts/media/x.jpg"),  # not there: the site root's
        ("/my%20photo.jpg?v=2#top", "posts/a/index.md", "posts/a/my photo.jpg"),
        ("/x.jpg", "index.md", "x.jpg"),
        ("../../../x.jpg", "posts/a/index.md", None),  # leaves the content folder
        ("https://example.org/x.jpg", "posts/a/index.md", None),
        ("//cdn.example.org/x.jpg", "posts/a/index.md", None),
        ("data:image/png;base64,AAAA", "posts/a/index.md", None),
        ("", "posts/a/index.md", None),
    ],
)
def test_images_are_looked_for_beside_the_file_as_gatsby_did(url, src_uri, expected):
    assert beside(url, src_uri) == expected


@pytest.mark.parametrize(
    ("original", "max_width", "expected"),
    [
        (4000, 960, [240, 480, 960, 1440, 1920, 2880]),
        (2880, 960, [240, 480, 960, 1440, 1920, 2880]),
        (3000, 960, [240, 480, 960, 1440, 1920, 2880]),
        (1000, 960, [240, 480, 960, 1000]),
        (960, 960, [240, 480, 960]),
        (500, 960, [240, 480, 500]),
        (200, 960, [200]),
        (1, 960, [1]),
        (1200, 400, [100, 200, 400, 600, 800, 1200]),
    ],
)
def test_widths_as_gatsby_chose_them_never_upscaled(original, max_width, expected):
    assert imaging.widths(original, max_width) == expected


PICTURE = Picture(
    src="c/x-960.jpg",
    fallback=Candidates("image/jpeg", (("c/x-240.jpg", 240), ("c/x-960.jpg", 960))),
    sources=(Candidates("image/webp", (("c/x-240.webp", 240), ("c/x-960.webp", 960))),),
    width=960,
    height=640,
    original="x.jpg",
)


def find(src: str) -> Picture | None:
    return PICTURE if src == "x.jpg" else None


def test_a_picture_keeps_the_images_attributes_and_links_the_original():
    html, made = pictures(
        '<p><img alt="A &amp; B" src="x.jpg" title="T" id="i"></p>', find, link=True
    )
    assert len(made) == 1
    assert html == (
        '<p><a class="perceptual-image" href="x.jpg" target="_blank" rel="noopener"><picture>'
        '<source type="image/webp" srcset="c/x-240.webp 240w, c/x-960.webp 960w" '
        'sizes="(max-width: 960px) 100vw, 960px">'
        '<img alt="A &amp; B" src="c/x-960.jpg" title="T" id="i" '
        'srcset="c/x-240.jpg 240w, c/x-960.jpg 960w" sizes="(max-width: 960px) 100vw, 960px" '
        'width="960" height="640" loading="lazy" decoding="async"></picture></a></p>'
    )


@pytest.mark.parametrize(
    ("html", "linked"),
    [
        ('<a href="https://e.org"><img src="x.jpg"></a>', False),  # no link inside a link
        ('<A HREF="/y"><IMG SRC="x.jpg" /></A> <img src="x.jpg">', True),
        ("<img src='x.jpg'/>", True),
    ],
)
def test_an_image_in_a_link_is_not_linked_again(html, linked):
    out, _ = pictures(html, find, link=True)
    assert out.count("<picture>") == html.lower().count("<img")
    assert ('class="perceptual-image"' in out) is linked
    assert out.count("<a ") + out.count("<A ") == html.lower().count("<a ") + linked


def test_what_is_not_ours_is_left_alone():
    for html in [
        '<picture><source srcset="a.webp"><img src="x.jpg"></picture>',  # the author's own
        '<img src="other.png">',
        "<p>No image here</p>",
        '<code>&lt;img src="x.jpg"&gt;</code>',
    ]:
        assert pictures(html, find, link=True) == (html, [])


def test_the_authors_own_size_is_kept():
    out, _ = pictures('<img src="x.jpg" width="300">', find, link=False)
    assert 'width="300"' in out
    assert 'height="640"' not in out


def test_the_feed_carries_plain_images_of_the_fallback_copy():
    out, _ = pictures('<p><img src="x.jpg" alt="a"></p>', find, link=True)
    plain = plain_images(out)
    assert "<picture" not in plain
    assert "<source" not in plain
    assert "srcset" not in plain
    assert '<img src="c/x-960.jpg" alt="a" width="960" height="640">' in plain


# -- Pillow: the kinds of image, each converted right or refused with a reason ---------------


def save(path, image: Image.Image, fmt: str, **options) -> str:
    image.save(path, format=fmt, **options)
    return str(path)


def photo(width: int = 600, height: int = 400, mode: str = "RGB") -> Image.Image:
    return Image.open(io.BytesIO(image_bytes(width, height))).convert(mode)


def made(tmp_path, source: str, width: int, fmt: str = "WEBP") -> Image.Image:
    out = str(tmp_path / f"copy.{fmt.lower()}")
    assert imaging.make(source, [imaging.Copy(width, fmt, out)], 50) is None
    return Image.open(out)


@pytest.mark.parametrize(
    ("name", "image", "fmt", "options"),
    [
        ("cmyk.jpg", photo(mode="CMYK"), "JPEG", {}),
        ("gray.jpg", photo(mode="L"), "JPEG", {}),
        ("rgb.png", photo(), "PNG", {}),
        ("sixteen.png", photo(mode="L").point(lambda v: v * 257).convert("I;16"), "PNG", {}),
        ("rgba.png", photo(mode="RGBA"), "PNG", {}),
        ("rgb.webp", photo(), "WEBP", {}),
    ],
)
@pytest.mark.parametrize("fmt_out", ["WEBP", "JPEG", "PNG"])
def test_every_kind_of_image_converts(tmp_path, name, image, fmt, options, fmt_out):
    source = save(tmp_path / name, image, fmt, **options)
    probe = imaging.probe(source)
    assert (probe.width, probe.height, probe.animated) == (600, 400, False)
    copy = made(tmp_path, source, 240, fmt_out)
    assert copy.size == (240, 160)
    assert copy.mode in ("RGB", "RGBA", "L", "LA")


def test_a_palette_png_keeps_its_transparency(tmp_path):
    image = Image.new("P", (400, 200), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(1, (200, 0, 400, 200))
    source = save(tmp_path / "palette.png", image, "PNG", transparency=0)
    copy = made(tmp_path, source, 200, "WEBP").convert("RGBA")
    assert copy.getpixel((10, 10))[3] == 0  # transparent where the original was
    assert copy.getpixel((190, 10))[3] == 255


def test_exif_orientation_is_applied_and_metadata_but_the_colour_profile_stripped(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: shown 400 wide, 600 tall
    exif[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS latitude
    exif[0x010F] = "A camera maker"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = save(tmp_path / "rotated.jpg", photo(), "JPEG", exif=exif, icc_profile=profile)
    probe = imaging.probe(source)
    assert (probe.width, probe.height) == (400, 600)
    for fmt in ("JPEG", "WEBP"):
        copy = made(tmp_path, source, 200, fmt)
        assert copy.size == (200, 300)
        assert dict(copy.getexif()) == {}
        assert copy.info.get("icc_profile") == profile
        assert b"A camera maker" not in (tmp_path / f"copy.{fmt.lower()}").read_bytes()


def test_an_animated_webp_is_published_as_it_is(tmp_path):
    frames = [photo(300, 200), photo(300, 200).rotate(180)]
    source = str(tmp_path / "animated.webp")
    frames[0].save(source, format="WEBP", save_all=True, append_images=frames[1:], duration=100)
    assert imaging.probe(source).animated


@pytest.mark.parametrize(
    "damage",
    ["truncated", "garbage", "empty", "header only"],
)
def test_a_broken_image_is_refused_with_a_reason(tmp_path, damage):
    good = image_bytes(1200, 800, "JPEG")
    data = {
        "truncated": good[: len(good) // 3],
        "garbage": b"\xff\xd8\xff\xe0" + b"not a jpeg" * 100,
        "empty": b"",
        "header only": good[:200],
    }[damage]
    source = tmp_path / "broken.jpg"
    source.write_bytes(data)
    try:
        imaging.probe(str(source))
    except imaging.ImageProblem as e:
        reason: str | None = str(e)
    else:  # the header reads: decoding fails
        copy = imaging.Copy(480, "WEBP", str(tmp_path / "c.webp"))
        reason = imaging.make(str(source), [copy], 50)
    assert reason is not None
    assert "Pillow" in reason


def test_a_decompression_bomb_is_refused(tmp_path, monkeypatch):
    source = save(tmp_path / "bomb.png", photo(), "PNG")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 600 * 400 // 3)  # over twice the limit
    with pytest.raises(imaging.ImageProblem, match="over Pillow's limit"):
        imaging.probe(source)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 600 * 400 - 1)  # just over: a warning
    reason = imaging.make(source, [imaging.Copy(480, "WEBP", str(tmp_path / "c.webp"))], 50)
    assert reason is not None
    assert "over Pillow's limit" in reason


# -- real builds ------------------------------------------------------------------------------

FOLDER_POST = post(
    title="A folder post",
    slug="/posts/folder-slug",
    category="Photos",
    socialImage='"/photo.jpg"',
    body=(
        'A photo: ![A photo](/photo.jpg "Its title")\n\n'
        '<img src="/small.png" alt="A small one">\n\n'
        "[![Linked elsewhere](./photo.jpg)](https://example.org/)\n\n"
        "![From the site root](/media/site.jpg)\n\n"
        "![Nowhere](/nowhere.jpg)\n"
    ),
)


def folder_blog(
    tmp_path, use_directory_urls: bool = True, options: dict | None = None, **images
) -> None:
    files = {
        "posts/folder/index.md": FOLDER_POST,
        "posts/folder/photo.jpg": image_bytes(1500, 1125, "JPEG", quality=90),
        "posts/folder/small.png": image_bytes(300, 200),
    }
    static = tmp_path / "static" / "media"
    static.mkdir(parents=True, exist_ok=True)
    (static / "site.jpg").write_bytes(image_bytes(1200, 800, "JPEG", seed=2))
    plugin: dict = {"perceptual": {"static_dir": "static", **(options or {})}}
    if images:
        plugin["perceptual"]["images"] = images
    write_site(
        tmp_path,
        files,
        {"use_directory_urls": use_directory_urls, "plugins": ["search", plugin]},
    )


def figure(built, page: str, alt: str):
    img = built.html(page).find("img", alt=alt)
    assert img is not None, alt
    return img


@pytest.mark.parametrize("directory_urls", [True, False])
def test_images_beside_a_folder_post_are_responsive_pictures(tmp_path, directory_urls):
    folder_blog(tmp_path, directory_urls)
    built = build_in_process(tmp_path, strict=False)
    assert built.returncode == 0, built.output
    page = "posts/folder-slug/index.html" if directory_urls else "posts/folder-slug.html"
    base = (built.site / page).parent

    img = figure(built, page, "A photo")
    assert img["title"] == "Its title"
    assert (img["width"], img["height"], img["loading"], img["decoding"]) == (
        "960",
        "720",
        "lazy",
        "async",
    )
    assert img["sizes"] == "(max-width: 960px) 100vw, 960px"
    picture = img.find_parent("picture")
    (source,) = picture.find_all("source")
    assert source["type"] == "image/webp"
    for srcset, fmt in ((img["srcset"], "JPEG"), (source["srcset"], "WEBP")):
        candidates = [c.strip().split(" ") for c in srcset.split(",")]
        assert [w for _, w in candidates] == ["240w", "480w", "960w", "1440w", "1500w"]
        for url, width in candidates:
            with Image.open(base / url) as copy:
                assert (copy.format, copy.width) == (fmt, int(width[:-1]))
    with Image.open(base / img["src"]) as fallback:
        assert (fallback.format, fallback.size) == ("JPEG", (960, 720))
    link = picture.find_parent("a")
    assert link["class"] == ["perceptual-image"]
    assert (base / link["href"]).read_bytes() == (
        tmp_path / "docs/posts/folder/photo.jpg"
    ).read_bytes()

    raw = figure(built, page, "A small one")  # raw HTML, its root path beside the post
    assert raw["srcset"].count("w,") == 1  # 240 and its own 300
    assert raw.find_parent("picture") is not None

    linked = figure(built, page, "Linked elsewhere")
    assert linked.find_parent("a")["href"] == "https://example.org/"

    site_root = figure(built, page, "From the site root")  # not beside: as Gatsby left it
    assert site_root.find_parent("picture") is None
    assert (base / site_root["src"]).resolve() == (built.site / "media/site.jpg").resolve()
    assert "'/nowhere.jpg' points at nothing in the site" in built.output
    assert "posts/folder/index.md" in built.output

    og = built.html(page).find("meta", property="og:image")["content"]
    assert og == "https://example.org/posts/folder/photo.jpg"


def test_the_feed_carries_the_largest_copy_up_to_max_width(tmp_path):
    folder_blog(tmp_path)
    built = build_in_process(tmp_path, strict=False)
    entry = feedparser.parse((built.site / "rss.xml").read_bytes()).entries[0]
    html = entry.content[0].value
    assert "<picture" not in html
    assert "srcset" not in html
    srcs = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert srcs[0].startswith("https://example.org/perceptual/images/")
    assert srcs[0].endswith("/photo-960.jpg")


def test_a_second_build_does_no_image_work(tmp_path):
    folder_blog(tmp_path)
    first = build_in_process(tmp_path, strict=False)
    assert "responsive copies of 2 images" in first.output
    copies = {p: p.stat().st_mtime_ns for p in (tmp_path / ".cache").rglob("*.*")}
    assert copies
    second = build_in_process(tmp_path, strict=False)
    assert "responsive copies" not in second.output
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / ".cache").rglob("*.*")} == copies
    assert first.outputs() == second.outputs() or set(first.outputs()) == set(second.outputs())


@pytest.mark.parametrize(
    ("workers", "pools"),
    [
        (1, []),
        # Pools of processes: in the whole suite, not the fast tier.
        pytest.param(2, [2], marks=pytest.mark.slow),
        pytest.param(8, [2], marks=pytest.mark.slow),
    ],
)
def test_the_copies_are_made_in_as_many_processes_as_the_workers_option_says(
    tmp_path, monkeypatch, workers, pools
):
    # `workers: 1` (a shared CI runner, a small machine) starts no process for the images
    # either; more workers than images start one per image.
    started = []
    real = build_images.Pool.__init__

    def counted(self, count, *args, **kwargs):
        started.append(count)
        real(self, count, *args, **kwargs)

    monkeypatch.setattr(build_images.Pool, "__init__", counted)
    folder_blog(tmp_path, options={"workers": workers})
    built = build_in_process(tmp_path, strict=False)
    assert built.returncode == 0, built.output
    assert "responsive copies of 2 images" in built.output
    assert started == pools
    assert figure(built, "posts/folder-slug/index.html", "A photo").find_parent("picture")


def test_images_off_publishes_the_originals(tmp_path):
    folder_blog(tmp_path, enabled=False)
    built = build_in_process(tmp_path, strict=False)
    img = figure(built, "posts/folder-slug/index.html", "A photo")
    assert img["src"] == "../folder/photo.jpg"
    assert img.find_parent("picture") is None
    assert not (built.site / "perceptual/images").exists()
    assert not (tmp_path / ".cache").exists()


def test_a_broken_image_is_published_as_it_is_with_one_warning(tmp_path):
    good = image_bytes(1200, 800, "JPEG")
    write_site(
        tmp_path,
        {
            "posts/a/index.md": post(slug="/posts/a", body="![Broken](./broken.jpg)\n"),
            "posts/a/broken.jpg": good[: len(good) // 2],
        },
    )
    built = build_in_process(tmp_path, strict=False)
    assert built.returncode == 0, built.output
    warnings = [line for line in built.output.splitlines() if "broken.jpg" in line]
    assert len(warnings) == 1, warnings
    assert "posts/a/broken.jpg is published as it is" in warnings[0] or (
        "posts/a/broken.jpg: the image is published as it is" in warnings[0]
    )
    img = figure(built, "posts/a/index.html", "Broken")
    assert img.find_parent("picture") is None
    assert (built.site / "posts/a" / img["src"]).read_bytes() == good[: len(good) // 2]
    assert not list((built.site / "perceptual").rglob("broken*"))
    # The next build says it again (no silent pass the second time), and still builds.
    again = build_in_process(tmp_path, strict=False)
    assert sum("broken.jpg" in line for line in again.output.splitlines()) == 1


def test_a_gif_and_an_svg_are_published_as_they_are(tmp_path):
    gif = io.BytesIO()
    photo(300, 200).convert("P").save(gif, format="GIF")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    write_site(
        tmp_path,
        {
            "posts/a/index.md": post(slug="/posts/a", body="![G](./a.gif)\n\n![S](./s.svg)\n"),
            "posts/a/a.gif": gif.getvalue(),
            "posts/a/s.svg": svg,
        },
    )
    built = build_in_process(tmp_path)
    assert built.returncode == 0, built.output
    for alt in ("G", "S"):
        assert figure(built, "posts/a/index.html", alt).find_parent("picture") is None


def test_a_drafts_images_are_neither_processed_nor_published(tmp_path):
    """A draft folder post's own files (its images, an attachment, a subfolder's) stay out
    of the published site, and so does its folder's name (issue 24)."""
    write_site(
        tmp_path,
        {
            "posts/secret-project/index.md": post(
                slug="/posts/a", draft="true", body="![D](./secret-diagram.png)\n"
            ),
            "posts/secret-project/secret-diagram.png": image_bytes(800, 600),
            "posts/secret-project/notes.pdf": b"%PDF-1.4 secret",
            "posts/secret-project/raw/secret-photo.jpg": image_bytes(300, 200, "JPEG"),
            "posts/b.md": post(title="Published"),
            "posts/shared/index.md": post(title="Also published", slug="/posts/shared"),
            "posts/shared/kept.png": image_bytes(300, 200),
        },
    )
    built = build_in_process(tmp_path)
    assert built.returncode == 0, built.output
    assert not (built.site / "perceptual/images").exists() or not list(
        (built.site / "perceptual/images").rglob("secret*")
    )
    outputs = built.outputs()
    assert [name for name in outputs if "secret" in name] == []
    assert [name for name, data in outputs.items() if b"secret-project" in data] == []
    assert "posts/shared/kept.png" in outputs


def test_formats_and_quality_are_validated(tmp_path):
    for images, message in [
        ({"formats": ["jpeg2000"]}, "expected a list of 'webp' and 'avif'"),
        ({"quality": 0}, "expected a whole number from 1 to 100"),
        ({"max_width": -5}, "expected a whole number of at least 1"),
        ({"size": 3}, "size"),
    ]:
        write_site(
            tmp_path, {"posts/a.md": post()}, {"plugins": [{"perceptual": {"images": images}}]}
        )
        built = build_in_process(tmp_path)
        assert built.returncode == 1
        assert message in built.output, built.output


def test_avif_where_pillow_writes_it(tmp_path):
    if not features.check("avif"):
        pytest.skip("this Pillow writes no AVIF")
    write_site(
        tmp_path,
        {
            "posts/a/index.md": post(slug="/posts/a", body="![A](./a.png)\n"),
            "posts/a/a.png": image_bytes(300, 200),
        },
        {"plugins": [{"perceptual": {"images": {"formats": ["avif", "webp"]}}}]},
    )
    built = build_in_process(tmp_path)
    assert built.returncode == 0, built.output
    picture = figure(built, "posts/a/index.html", "A").find_parent("picture")
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]


@pytest.mark.slow  # mkdocs serve's rebuilds
def test_serve_rebuilds_and_dirty_builds_give_a_clean_builds_images(tmp_path, monkeypatch):
    """`mkdocs serve` keeps the originals' probes in memory and the copies in cache_dir: a
    rebuild makes and probes nothing again, and gives what a clean build gives; so do
    `mkdocs build --dirty` runs. An image edited in place gets new copies at new URLs."""
    from conftest import serve_build, site_differences, site_outputs

    from mkdocs_perceptual.build import images

    folder_blog(tmp_path)
    probes: list[str] = []
    real_probe = imaging.probe
    monkeypatch.setattr(imaging, "probe", lambda path: probes.append(path) or real_probe(path))
    kept: dict[str, object] = {}
    serve_build(tmp_path, kept, start=True)
    first = site_outputs(tmp_path / "site")
    assert len(probes) == 2
    made: list[int] = []
    monkeypatch.setattr(images, "_run", lambda jobs, *a: made.append(len(jobs)) or [])
    serve_build(tmp_path, kept, start=False)
    assert site_outputs(tmp_path / "site") == first
    assert (len(probes), made) == (2, [])

    photo_path = tmp_path / "docs/posts/folder/photo.jpg"
    photo_path.write_bytes(image_bytes(1500, 1125, "JPEG", seed=9))
    monkeypatch.undo()
    serve_build(tmp_path, kept, start=False)
    edited = site_outputs(tmp_path / "site")
    clean_root = tmp_path / "clean"
    clean_root.mkdir()
    for name in ("docs", "static", "mkdocs.yml"):
        source = tmp_path / name
        target = clean_root / name
        if source.is_dir():
            import shutil

            shutil.copytree(source, target)
        else:
            target.write_bytes(source.read_bytes())
    clean = build_in_process(clean_root, strict=False)
    assert clean.returncode == 0, clean.output
    assert site_differences(edited, site_outputs(clean_root / "site")) == ""
    assert {n for n in edited if n.startswith("perceptual/images/")} != {
        n for n in first if n.startswith("perceptual/images/")
    }

    for _ in range(2):
        dirty = build_in_process(tmp_path, strict=False, dirty=True)
        assert dirty.returncode == 0, dirty.output
        ours = site_outputs(tmp_path / "site")
        assert site_differences(ours, site_outputs(clean_root / "site")) == ""


MEMORY_SCRIPT = """
import resource, sys
from mkdocs_perceptual.markdown import imaging
from PIL import Image
source, out = sys.argv[1], sys.argv[2]
# Warm: the encoders loaded, and the peak so far is the process as it stands.
small = f"{out}/small.jpg"
Image.new("RGB", (64, 48)).save(small)
assert imaging.make(small, [imaging.Copy(32, f, f"{out}/s.{f}") for f in ("JPEG", "WEBP")], 50) is None
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
widths = imaging.widths(imaging.probe(source).width, 960)
copies = [imaging.Copy(w, f, f"{out}/{w}.{f}") for w in widths for f in ("JPEG", "WEBP")]
assert imaging.make(source, copies, 50) is None
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
def test_making_copies_holds_at_most_twice_the_decoded_image(tmp_path):
    """A 4,000 x 3,000 photograph (48 MB decoded, as Pillow holds RGB: 4 bytes a pixel) and
    its twelve copies: the worker's peak memory grows by at most twice the decoded image
    (1.65 times, measured)."""
    import subprocess
    import sys

    source = tmp_path / "big.jpg"
    source.write_bytes(image_bytes(4000, 3000, "JPEG", quality=85))
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(source), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = map(int, result.stdout.split())
    decoded_kib = 4000 * 3000 * 4 // 1024
    assert (after - before) <= 2 * decoded_kib, (after - before) / decoded_kib
