"""A site folder that publishing would delete more than a site from is refused before anything is
touched: by ``python -m generator build -d X``, by ``site_dir:`` in mkdocs.yml and by plain
``mkdocs build``, whatever spelling or symlink leads there."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli, publish

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def make_project(folder: Path, site_dir: str = "site") -> Path:
    """A project with a seed, templates, a config and nothing built yet."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seeds").mkdir()
    (folder / "seeds" / "talks.txt").write_text(
        "The envoy said on Tuesday that the ceasefire talks would resume in Vienna.\n", "utf-8")
    (folder / "templates").symlink_to(ROOT / "templates")
    (folder / "overrides").symlink_to(ROOT / "overrides")
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "site_dir: site\n", f"site_dir: {site_dir}\n")
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    return folder


def everything_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def generator_build(monkeypatch, capsys):
    """``python -m generator build`` with these arguments, run in ``project`` by this process
    (the command checks the site folder before it starts mkdocs): its exit status and what it
    wrote on stderr."""
    def build(project: Path, *args: str) -> tuple[int, str]:
        monkeypatch.chdir(project)
        status = cli.main(["build", *args])
        return status, capsys.readouterr().err
    return build


# --- the check -----------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [".", "./", "..", "../", "seeds/..", "seeds/../../project"])
def test_the_project_folder_or_a_parent_of_it_is_refused_however_it_is_spelt(tmp_path, spelling,
                                                                             monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    with pytest.raises(publish.UnsafeSiteFolder, match="project"):
        publish.check_site_folder(Path(spelling), project, [project / "seeds"])


def test_the_project_folder_reached_by_its_absolute_path_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    with pytest.raises(publish.UnsafeSiteFolder, match="the project folder"):
        publish.check_site_folder(Path(str(project.absolute()) + "/"), project)


def test_a_folder_that_leads_to_the_project_through_a_symlink_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    (tmp_path / "alias").symlink_to(project)
    with pytest.raises(publish.UnsafeSiteFolder):
        publish.check_site_folder(tmp_path / "alias" / ".", project)


def test_a_site_folder_that_is_a_symlink_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    (project / "site").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(publish.UnsafeSiteFolder, match="symbolic link"):
        publish.check_site_folder(project / "site", project)


def test_the_home_folder_spelt_with_a_tilde_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    project = make_project(tmp_path / "home" / "work" / "project")
    with pytest.raises(publish.UnsafeSiteFolder):
        publish.check_site_folder(Path("~"), project)


@pytest.mark.parametrize("inside", ["seeds", "seeds/site", "briefings", "templates/site"])
def test_an_input_folder_or_a_folder_inside_one_is_refused(tmp_path, inside):
    project = make_project(tmp_path / "project")
    inputs = [project / "seeds", project / "briefings", project / "templates"]
    with pytest.raises(publish.UnsafeSiteFolder, match="input of the build"):
        publish.check_site_folder(project / inside, project, inputs)


def test_a_folder_holding_an_input_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "content" / "seeds").mkdir(parents=True)
    with pytest.raises(publish.UnsafeSiteFolder, match="holds"):
        publish.check_site_folder(project / "content", project, [project / "content" / "seeds"])


def test_a_folder_of_files_no_build_made_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(publish.UnsafeSiteFolder, match="no build made"):
        publish.check_site_folder(tmp_path / "photos", project)


def test_a_new_an_empty_or_a_built_site_folder_is_accepted(tmp_path):
    project = make_project(tmp_path / "project")
    publish.check_site_folder(project / "site", project, [project / "seeds"])
    (project / "empty").mkdir()
    publish.check_site_folder(project / "empty", project)
    (project / "built").mkdir()
    (project / "built" / publish.SITE_MARK).write_text("", "utf-8")
    (project / "built" / "index.html").write_text("<p>old</p>", "utf-8")
    publish.check_site_folder(project / "built", project)


def test_a_published_site_is_marked_as_built(tmp_path):
    (tmp_path / "built").mkdir()
    (tmp_path / "built" / "index.html").write_text("<p>new</p>", "utf-8")
    publish.publish(tmp_path / "built", tmp_path / "site")
    assert publish.is_built_site(tmp_path / "site")
    assert (tmp_path / "site" / publish.SITE_MARK).is_file()


# --- every command refuses before touching anything ---------------------------------------------

# One spelling of each kind of folder refused ("./" is "." to the command: the spellings of
# one folder are those of the tests of the check above).
@pytest.mark.parametrize("spelling", [".", "..", "seeds", "briefings/"])
def test_generator_build_into_the_project_or_an_input_is_refused_and_touches_nothing(
        tmp_path, spelling, generator_build):
    project = make_project(tmp_path / "project")
    (project / "briefings").mkdir()
    before = everything_in(tmp_path)
    status, stderr = generator_build(project, "-d", spelling)
    assert status != 0
    assert "error: the site folder" in stderr
    assert everything_in(tmp_path) == before


def test_generator_build_with_site_dir_dot_in_the_config_is_refused(tmp_path, generator_build):
    project = make_project(tmp_path / "project", site_dir=".")
    before = everything_in(tmp_path)
    status, stderr = generator_build(project)
    assert status != 0
    assert "is the project folder" in stderr
    assert everything_in(tmp_path) == before


def test_plain_mkdocs_build_into_the_seeds_folder_is_refused_and_keeps_the_seeds(tmp_path):
    project = make_project(tmp_path / "project", site_dir="seeds/")
    (project / "briefings").mkdir()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode != 0
    assert "input of the build" in result.stderr
    assert everything_in(project / "seeds") == ["talks.txt"]
