"""Inputs that are not simply article files: each gets its own one-line report entry (links,
pipes, folders, missing files, foreign languages, aliases, odd names), is judged by its metadata
before any byte is read, and never stops the build."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import ExtractionCache
from generator.read import Article, InputError, linkable_url, read_article

ENGLISH = "The envoy said on Tuesday that the ceasefire talks would resume in Vienna.\n"


def settings_for(root: Path) -> pipeline.Settings:
    return pipeline.Settings(root=root, seeds=root / "seeds", cache_dir=None)


def problem_of(path: Path, **options) -> str:
    with pytest.raises(InputError) as caught:
        read_article(path, **options)
    assert "\n" not in str(caught.value)
    return caught.value.problem


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "talks.txt").write_text(ENGLISH, "utf-8")
    return tmp_path


# --- kinds of paths ------------------------------------------------------------------------------

def test_a_fifo_is_reported_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert problem_of(tmp_path / "pipe.txt") == "is a named pipe (FIFO), not a file"


def test_extract_on_a_fifo_reports_it_and_ends(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = subprocess.run([sys.executable, "-m", "generator", "extract", "--no-cache",
                             str(tmp_path / "pipe.txt")], capture_output=True, text=True,
                            timeout=120)
    assert "is a named pipe (FIFO), not a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_symlink_loop_is_reported_as_one(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert problem_of(tmp_path / "a.txt") == "is a symbolic link that leads round in a loop"


def test_a_dangling_symlink_is_reported_as_one(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert problem_of(tmp_path / "gone.txt") == "is a symbolic link to a file that does not exist"


def test_a_folder_is_reported_as_a_folder(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    assert problem_of(tmp_path / "notes.txt") == "is a folder, not a file"


def test_a_missing_file_is_reported_as_missing(tmp_path):
    assert problem_of(tmp_path / "missing.txt") == "does not exist"


def test_a_symlink_out_of_the_seeds_folder_is_not_read(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text("The password of the ministry server is swordfish, the envoy said.\n")
    (project / "seeds" / "linked.txt").symlink_to(secret)
    articles, errors = pipeline.read_all(pipeline.find_inputs(project / "seeds"),
                                         settings_for(project))
    assert [a.source_file for a in articles] == ["seeds/talks.txt"]
    assert [e.path for e in errors] == ["seeds/linked.txt"]
    assert "outside the seeds folder" in errors[0].problem


def test_a_symlink_to_another_seed_is_reported_and_the_seed_keeps_its_page(project):
    (project / "seeds" / "a_alias.txt").symlink_to(project / "seeds" / "talks.txt")
    articles, errors = pipeline.read_all(pipeline.find_inputs(project / "seeds"),
                                         settings_for(project))
    assert [a.source_file for a in articles] == ["seeds/talks.txt"]
    assert [(e.path, e.problem) for e in errors] == [
        ("seeds/a_alias.txt", "is a link to seeds/talks.txt, which is read already")]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(project):
    name = os.fsdecode(b"caf\xe9.txt")
    (project / "seeds" / name).write_text(ENGLISH, "utf-8")
    articles, errors = pipeline.read_all(pipeline.find_inputs(project / "seeds"),
                                         settings_for(project))
    assert not errors
    assert sorted(a.source_file for a in articles) == ["seeds/caf\\xe9.txt", "seeds/talks.txt"]
    json.dumps([a.source_file for a in articles], ensure_ascii=False).encode("utf-8")


def test_hidden_files_and_folders_are_left_out_and_listed(project):
    (project / "seeds" / ".DS_Store").write_bytes(b"\x00\x01")
    (project / "seeds" / ".drafts").mkdir()
    (project / "seeds" / ".drafts" / "draft.txt").write_text(ENGLISH)
    inputs, hidden = pipeline.scan_inputs(project / "seeds")
    assert inputs == [project / "seeds" / "talks.txt"]
    assert pipeline.hidden_notes(hidden, project) == [
        ("seeds/.DS_Store", "skipped: hidden file (its name starts with a dot)"),
        ("seeds/.drafts", "skipped: hidden folder (its name starts with a dot)")]


def test_a_huge_file_is_rejected_and_fingerprinted_by_its_metadata_without_reading_it(tmp_path):
    video = tmp_path / "film.txt"
    with open(video, "wb") as handle:  # sparse: 3 GB that take no disk
        handle.truncate(3_000_000_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert problem_of(video, max_bytes=2_000_000).startswith("is larger than the limit")
    assert len(pipeline.input_fingerprint(video, 2_000_000)) < 100
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_an_unsupported_file_is_fingerprinted_by_its_metadata(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"\x00" * 5000)
    assert len(pipeline.input_fingerprint(tmp_path / "clip.mp4", 2_000_000)) < 100


# --- languages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("Der Au\u00dfenminister sagte am Montag, dass die Gespr\u00e4che \u00fcber eine "
     "Waffenruhe gescheitert seien und dass die Regierung erst nach dem Abzug der Truppen "
     "wieder verhandeln werde.\n", "German"),
    ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b "
     "\u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a, \u0447\u0442"
     "\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
     "\u043f\u0440\u043e\u0432\u0430\u043b\u0438\u043b\u0438\u0441\u044c.\n", "Cyrillic script"),
])
def test_an_article_not_in_english_is_reported_as_not_supported_yet(tmp_path, text, language):
    (tmp_path / "foreign.txt").write_text(text, "utf-8")
    found = problem_of(tmp_path / "foreign.txt")
    assert found.endswith("language not supported yet") and language in found


def test_utf16_russian_without_a_byte_order_mark_is_reported_as_russian_not_binary(tmp_path):
    text = ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, "
            "\u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
            "\u043f\u0440\u043e\u0432\u0430\u043b\u0438\u043b\u0438\u0441\u044c.\n") * 4
    (tmp_path / "russian.txt").write_bytes(text.encode("utf-16-le"))
    assert "Cyrillic script): language not supported yet" in problem_of(tmp_path / "russian.txt")


def test_english_with_foreign_names_and_quotes_is_english(tmp_path):
    (tmp_path / "names.txt").write_text(
        "\u00abNous ne signerons pas\u00bb, said Jean-Yves Le Drian. Sergei Lavrov and "
        "Mevl\u00fct \u00c7avu\u015fo\u011flu met in Moscow on Friday.\n", "utf-8")
    assert read_article(tmp_path / "names.txt").title


# --- unique pages, URLs, the cache ---------------------------------------------------------------

def titled(name: str, title: str) -> Article:
    return Article(source_file=name, text="The talks failed.", title=title)


def test_an_article_titled_index_and_one_titled_briefing_index_get_distinct_pages():
    ids = pipeline.assign_ids([titled("seeds/a.md", "Index"),
                               titled("seeds/b.md", "Briefing index")])
    assert ids["seeds/a.md"] == "briefing-index"
    assert ids["seeds/b.md"].startswith("briefing-index-") and len(set(ids.values())) == 2


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)",
                                 " java\tscript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox", "file:///etc/passwd", "\\\\evil/share"])
def test_a_url_that_is_not_http_is_not_linkable(url):
    assert linkable_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "http://example.org",
                                 "/briefings/a/", "page.html#x", "//example.org/x"])
def test_http_and_relative_urls_are_linkable(url):
    assert linkable_url(url) == url


def test_a_javascript_url_in_front_matter_is_dropped_and_noted(tmp_path):
    (tmp_path / "a.md").write_text('---\nurl: "javascript:alert(document.cookie)"\n---\n'
                                   + ENGLISH, "utf-8")
    article = read_article(tmp_path / "a.md")
    assert article.url is None
    assert any("is not an http(s) link" in note for note in article.notes)


@pytest.mark.parametrize("content", ["[1, 2]", '"text"', "null", "7", '{"environment": 1}',
                                     '{"environment": "%s", "briefing": []}'])
def test_a_cache_entry_that_is_valid_json_of_another_shape_is_a_miss(tmp_path, content):
    cache = ExtractionCache(tmp_path, "e" * 64)
    article = Article(source_file="seeds/a.txt", text=ENGLISH, title="Talks")
    target = cache.path(article)
    target.parent.mkdir(parents=True)
    target.write_text(content.replace("%s", "e" * 64), "utf-8")
    assert cache.get(article, "talks") is None and cache.misses == 1
