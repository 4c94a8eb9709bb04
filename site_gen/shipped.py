"""Folders site_gen ships beside its code: inside the installed package, or at a checkout's top.

The default theme (templates/) and the JSON Schemas (schemas/) live at the top of the
repository for authors to read; the wheel carries them inside site_gen/ so they are always
found (pyproject.toml's force-include).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_folder(name: str) -> Path:
    packaged = Path(str(resources.files("site_gen"))) / name
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / name
