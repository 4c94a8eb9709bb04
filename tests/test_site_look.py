"""The institution's look in site.yaml (logo, brand_colour) read, checked and published by
the real command line, and the contrast arithmetic it rests on (WCAG 2.2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from build_cli import build_args, site_gen

from site_gen import colours

SAMPLE = Path(__file__).resolve().parent.parent / "content"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64  # enough of a PNG for the kind check


def _content(tmp_path: Path, extra: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return content


def _line_of(content: Path, key: str) -> int:
    lines = (content / "site.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#1d4f91", 8.14)],
)
def test_contrast_with_white_as_wcag_computes_it(colour: str, ratio: float) -> None:
    assert round(colours.contrast(colour, colours.WHITE), 2) == ratio


def test_hex_colours_are_read_in_both_lengths_and_nothing_else() -> None:
    assert colours.parse_hex("#16A") == "#1166aa"
    assert colours.parse_hex("#1D4F91") == "#1d4f91"
    for bad in ("1d4f91", "#12345", "red", "#ggg", "#1d4f91;}body{", ""):
        assert colours.parse_hex(bad) is None, bad


def test_the_text_on_the_band_is_whichever_reads_better() -> None:
    for colour in ("#ffd700", "#6d2077", "#00a3ad", "#ffffff", "#000000", "#777777"):
        on = colours.brand(colour).on_colour
        assert colours.contrast(colour, on) >= colours.TEXT_CONTRAST, colour


def test_a_pale_brand_colour_is_warned_about_at_its_line_with_a_shade_that_passes(
    tmp_path: Path,
) -> None:
    content = _content(tmp_path, 'brand_colour: "#ffd700"\n')
    done = site_gen(*build_args(content, tmp_path / "out", "--no-search"))
    assert done.returncode == 0, done.stderr
    line = _line_of(content, "brand_colour")
    where = (
        f"{content / 'site.yaml'}:{line}: warning: brand_colour #ffd700 has a contrast of 1.40:1"
    )
    assert where in done.stderr
    hint = done.stderr.split(where)[1].split("hint: ")[1].splitlines()[0]
    suggested = hint.split('"')[1]
    assert colours.contrast(suggested, colours.WHITE) >= colours.GRAPHIC_CONTRAST
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "--brand: #ffd700; --on-brand: #0b0c0c;" in page
    strict = site_gen(*build_args(content, tmp_path / "strict", "--no-search", "--strict"))
    assert strict.returncode != 0 and not (tmp_path / "strict").exists()


def test_a_value_that_is_not_a_colour_is_an_error_and_reaches_no_page(tmp_path: Path) -> None:
    content = _content(tmp_path, 'brand_colour: "red; } body { display: none"\n')
    done = site_gen(*build_args(content, tmp_path / "out", "--no-search"))
    line = _line_of(content, "brand_colour")
    assert done.returncode != 0
    assert f"site.yaml:{line}: error: brand_colour " in done.stderr
    assert "hint: write it as a hex colour" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_logo_is_published_and_shown_on_every_page(tmp_path: Path) -> None:
    content = _content(tmp_path, "logo: images/Crest.PNG\n")
    (content / "images").mkdir()
    (content / "images" / "Crest.PNG").write_bytes(PNG)
    done = site_gen(*build_args(content, tmp_path / "out", "--no-search"))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert (out / "static" / "site-logo.png").read_bytes() == PNG
    deep = (out / "groups" / "evidence-group" / "2021-07-30.html").read_text(encoding="utf-8")
    assert '<img class="site-logo" src="../../static/site-logo.png" alt=""' in deep
    not_found = (out / "404.html").read_text(encoding="utf-8")
    assert 'src="/static/site-logo.png"' in not_found


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("images/crest.svg", "is not an image file"),
        ("images/missing.png", "does not exist"),
        ("../outside.png", "is outside the content folder"),
        ("images/fake.png", "its content is not one"),
    ],
)
def test_a_logo_that_cannot_be_published_is_an_error_at_its_line(
    tmp_path: Path, logo: str, message: str
) -> None:
    content = _content(tmp_path, f"logo: {logo}\n")
    (content / "images").mkdir()
    (content / "images" / "crest.svg").write_text("<svg><script>alert(1)</script></svg>")
    (content / "images" / "fake.png").write_text("<html>not a png</html>")
    (tmp_path / "outside.png").write_bytes(PNG)
    done = site_gen(*build_args(content, tmp_path / "out", "--no-search"))
    assert done.returncode != 0
    line = _line_of(content, "logo")
    assert f"site.yaml:{line}: error: " in done.stderr and message in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()
    # The message and its hint speak of the logo, never of a meeting's papers.
    assert f"error: logo '{logo}'" in done.stderr, done.stderr
    assert "paper" not in done.stderr.lower(), done.stderr
