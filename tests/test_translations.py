"""The English interface is complete and compiled, and plan content stays Swedish in it.

`makemessages` is run on a throwaway copy of the sources, so the committed catalogue is never
touched; GNU gettext (`make test` installs it) then lists what it left untranslated or fuzzy. The
committed .mo must hold exactly what the committed .po says. Then key pages are rendered with the
English language cookie."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from jamlik.management.commands.load_demo_utvardering import load_demo_utvardering_file
from tests.factories import demo_users

ROOT = Path(settings.BASE_DIR)
PO = Path("locale") / "en" / "LC_MESSAGES" / "django.po"
# The same command as `make messages` (Makefile).
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "en",
    "--ignore=.venv",
    "--ignore=node_modules",
    "--ignore=tests",
    "--ignore=bench",
]
# Not sources of the catalogue: left out of the copy makemessages runs on.
NOT_SOURCES = (".git", ".venv", "node_modules", "var", "tests", "bench", "static", "fixtures", "docs", "__pycache__")


def _gettext_tools() -> None:
    missing = [tool for tool in ("xgettext", "msgmerge", "msgattrib", "msgfmt", "msgunfmt") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"GNU gettext is needed ({', '.join(missing)} missing): `make test` installs the package gettext")


def _run(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text[1:-1])


def _entries(po_text: str) -> list[dict]:
    """The entries of a PO file: msgid, msgid_plural, msgstr / msgstr[n] and flags (no obsolete ones)."""
    entries = []
    for block in po_text.split("\n\n"):
        entry, key = {"flags": set(), "msgstr": {}}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$', line):
                key = ("msgstr", int(match[2] or 0)) if match[1].startswith("msgstr") else (match[1], None)
                _add(entry, key, _unquote(match[3]))
            elif line.startswith('"') and key:
                _add(entry, key, _unquote(line))
        if entry.get("msgid"):  # not the header
            entries.append(entry)
    return entries


def _add(entry: dict, key: tuple, text: str) -> None:
    if key[0] == "msgstr":
        entry["msgstr"][key[1]] = entry["msgstr"].get(key[1], "") + text
    else:
        entry[key[0]] = entry.get(key[0], "") + text


def _describe(entries: list[dict]) -> str:
    return "\n".join(
        f"  {e['msgid']!r}" + (f" / {e['msgid_plural']!r}" if "msgid_plural" in e else "") for e in entries
    )


@pytest.fixture
def regenerated_po(tmp_path) -> Path:
    """The catalogue as `make messages` would leave it, made in a copy of the project."""
    _gettext_tools()
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    committed = (ROOT / PO).read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # import the copy, never the original
    env["DJANGO_SETTINGS_MODULE"] = "jamlik.settings.test"
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES], cwd=copy, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    assert (ROOT / PO).read_bytes() == committed, "the test must not change the committed catalogue"
    return copy / PO


def test_makemessages_finds_no_untranslated_or_fuzzy_string(regenerated_po):
    untranslated = _entries(_run("msgattrib", "--untranslated", "--no-obsolete", str(regenerated_po)))
    fuzzy = _entries(_run("msgattrib", "--only-fuzzy", "--no-obsolete", str(regenerated_po)))
    # msgattrib looks at the first plural form only: every form must be there.
    incomplete = [
        e
        for e in _entries(_run("msgattrib", "--translated", "--no-fuzzy", "--no-obsolete", str(regenerated_po)))
        if "msgid_plural" in e and not all(e["msgstr"].get(n) for n in range(2))
    ]
    assert not (untranslated or fuzzy or incomplete), (
        "The English catalogue is not complete: run `make messages`, translate these entries in "
        f"{PO} (and remove their fuzzy flag), then run `make messages` again.\n"
        f"Untranslated:\n{_describe(untranslated)}\nFuzzy:\n{_describe(fuzzy)}\n"
        f"Incomplete plural forms:\n{_describe(incomplete)}"
    )
    _run("msgfmt", "--check-format", "-o", os.devnull, str(regenerated_po))  # placeholders kept


def test_compiled_catalogue_is_up_to_date(tmp_path):
    _gettext_tools()
    fresh = tmp_path / "django.mo"
    _run("msgfmt", "--check-format", "-o", str(fresh), str(ROOT / PO))
    assert _run("msgunfmt", str(ROOT / PO.with_suffix(".mo"))) == _run("msgunfmt", str(fresh)), (
        f"{PO.with_suffix('.mo')} does not match {PO}: run `make messages` and commit the .mo"
    )


@pytest.fixture
def english(client):
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert '<html lang="en">' in content
    return content


def test_public_pages_in_english_with_the_plan_in_swedish(english, plan):
    start = _page(english, "/")
    assert "The plan at a glance" in start
    assert "Four goal areas" in start
    assert "Collaboration activities" in start
    assert "Göteborgs Stads plan för en jämlik stad 2019–2022" in start  # plan content stays Swedish
    assert "Skapa god start i livet och goda uppväxtvillkor" in start
    assert "Planen i korthet" not in start
    matris = _page(english, "/matris/")
    assert "The strategy matrix" in matris
    assert "Ge varje barn möjlighet att utvecklas till sin fulla potential" in matris


def test_reporting_and_follow_up_pages_in_english(english, plan):
    users = demo_users()
    load_demo_utvardering_file()
    english.force_login(users["tjansteperson"])
    mina = _page(english, "/rapportering/")
    assert "My reports" in mina
    assert "Submitted, awaiting review" in mina
    assert "Mina rapporter" not in mina
    assert "Inskickade, väntar på granskning" not in mina

    english.force_login(users["stadsledningskontoret"])
    utvarderingar = _page(english, "/uppfoljning/processutvarderingar/")
    assert "Process evaluations" in utvarderingar
    assert "Overall assessment" in utvarderingar
    assert "Final" in utvarderingar
    assert "Samlad bedömning" not in utvarderingar
    # An activity's title is plan content: Swedish in the English interface.
    assert "Samverkan för jämlik tillgång till hållbara livsmiljöer" in utvarderingar

    rapporter = _page(english, "/uppfoljning/rapporter/")
    assert "Follow-up reports" in rapporter
    assert "Compile the report" in rapporter
    assert "Sammanställ rapporten" not in rapporter
