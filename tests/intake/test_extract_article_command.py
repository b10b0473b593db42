"""The extract_article command prints a draft as JSON and fails clearly on unusable files."""

import json

import pytest
from django.core.management import CommandError, call_command

from tracker.intake.extraction.draft import JSON_KEYS

ARTICLE = (
    "Lumora raises $45 million Series B\n\n"
    "Lumora has raised $45 million in a Series B round led by Accel, the company said on Tuesday.\n"
)
HTML_PAGE = """<!doctype html>
<html lang="en"><head><title>Lumora raises $45 million</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<script>var ad = "Rival raises $999 million led by Nobody";</script>
</head><body><nav>Home | Funding</nav><article>
<h1>Lumora raises $45 million Series B</h1>
<p>Lumora has raised $45 million in a Series B round led by Accel, the company said on Tuesday.</p>
<script>document.write("Fake Co raised $1 billion");</script>
</article></body></html>"""


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("extract_article", *args, stdout=out)
    return json.loads(out.getvalue())


def test_command_prints_every_json_key_for_a_text_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = run(str(path), "--published", "2024-03-14")
    assert list(data) == JSON_KEYS
    assert data["amount"] == 45000000
    assert data["announced_on"] == "2024-03-12"


def test_command_reads_html_without_running_scripts_and_uses_its_published_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    data = run(str(path))
    assert data["company"] == "Lumora"
    assert data["amount"] == 45000000
    assert data["investors"] == [{"name": "Accel", "role": "lead"}]
    assert data["announced_on"] == "2024-03-12"


def test_command_prints_nulls_for_a_text_without_funding(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The weather in Lyon was mild this week.\n", encoding="utf-8")
    data = run(str(path))
    assert data["amount"] is None
    assert data["investors"] == []


def test_command_falls_back_to_cp1252_for_legacy_files(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("La startup Jolipli lève 12 millions d'euros en série A.".encode("cp1252"))
    data = run(str(path))
    assert data["amount"] == 12000000
    assert data["round_label"] == "série A"


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n", b"\x00\x01\x02binary\x00junk", bytes(range(256)) * 4],
    ids=["empty", "blank", "nul-bytes", "all-bytes"],
)
def test_command_exits_with_code_2_for_unusable_files(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("extract_article", str(path))
    assert error.value.returncode == 2


def test_command_exits_with_code_2_for_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file") as error:
        call_command("extract_article", str(tmp_path / "missing.txt"))
    assert error.value.returncode == 2


def test_command_exits_with_code_2_for_a_bad_published_date(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CommandError, match="--published") as error:
        call_command("extract_article", str(path), "--published", "27/05/2024")
    assert error.value.returncode == 2
