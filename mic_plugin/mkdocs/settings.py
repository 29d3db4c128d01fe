"""What the command line needs from a site's ``mkdocs.yml`` (``site_url``, ``use_directory_urls`` and the
plugin's ``content_dir``, ``prefix``, ``framework`` and ``translations``), read without building the site.

MkDocs configurations often hold Python-specific tags (``!!python/name:...`` for Markdown extensions) and
``!ENV`` values; those are read as nothing rather than refused, since none of the settings here uses them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

PLUGIN_NAME = "make-it-count"


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""  # with a trailing slash, or ''
    directory_urls: bool = True
    content_dir: str = "content"  # as a path from the current folder
    prefix: str = ""
    framework: str = ""  # as a path from the current folder, or ''
    translations: str = ""  # the site's own PO file or folder of them, as a path from the current folder, or ''


class _Loader(yaml.SafeLoader):
    """A safe loader that reads any tag it does not know as None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(config_file: str | os.PathLike) -> tuple[SiteSettings, list[str]]:
    """The settings of ``config_file`` (defaults when it does not exist), and problems reading it."""
    path = Path(config_file)
    if not path.is_file():
        return SiteSettings(), []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return SiteSettings(), [f"{config_file}: cannot be read: {' '.join(str(exc).split())}"]
    if not isinstance(data, dict):
        return SiteSettings(), [f"{config_file}: is not a MkDocs configuration (a set of 'name: value' lines)"]
    options: dict = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get(PLUGIN_NAME), dict):
            options = plugin[PLUGIN_NAME]
    if isinstance(data.get("plugins"), dict) and isinstance(data["plugins"].get(PLUGIN_NAME), dict):
        options = data["plugins"][PLUGIN_NAME]
    root = path.parent
    site_url = data.get("site_url") if isinstance(data.get("site_url"), str) else ""
    content = options.get("content_dir") if isinstance(options.get("content_dir"), str) else "content"
    framework = options.get("framework") if isinstance(options.get("framework"), str) else ""
    translations = options.get("translations") if isinstance(options.get("translations"), str) else ""

    def from_here(relative: str) -> str:
        if not relative:
            return ""
        return os.path.normpath(root / relative).replace(os.sep, "/") if str(root) != "." else relative

    return SiteSettings(
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        directory_urls=data.get("use_directory_urls") is not False,
        content_dir=os.path.normpath(root / content).replace(os.sep, "/") if str(root) != "." else content,
        prefix=options.get("prefix") if isinstance(options.get("prefix"), str) else "",
        framework=from_here(framework),
        translations=from_here(translations),
    ), []


__all__ = ["SiteSettings", "site_settings"]
