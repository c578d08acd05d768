"""`roadmap cohort`: a class's progress from remote milestone tags, read without cloning."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GIT, git, refused, solve
from typer.testing import CliRunner

from scaffolder import cohort, curriculum
from scaffolder.cli import app
from scaffolder.errors import RosterError
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()
ONE = BUNDLED.stage("stage-01")
TWO = BUNDLED.stage("stage-02")
runner = CliRunner()


def _roster(folder: Path, text: str) -> Path:
    path = folder / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bare_with_tags(folder: Path, name: str, *names: str) -> Path:
    """Return a bare repository holding one commit and the given annotated tags."""
    work = folder / f"{name}-work"
    git(folder, "init", "--quiet", str(work))
    git(work, "commit", "--quiet", "--allow-empty", "-m", "start")
    for tag in names:
        git(work, "tag", "-a", "-m", tag, tag)
    bare = folder / f"{name}.git"
    git(folder, "clone", "--quiet", "--bare", str(work), str(bare))
    return bare


# The roster.


def test_roster_skips_comments_blank_lines_and_a_header(tmp_path: Path) -> None:
    path = _roster(
        tmp_path,
        "\ufeff# spring cohort\n name , url \n\nAda Lovelace, https://github.com/ada/stage-01.git\n"
        '"Hopper, Grace",  ../grace.git ,\n   # left early\n',
    )
    assert cohort.read_roster(path) == (
        cohort.RosterEntry("Ada Lovelace", "https://github.com/ada/stage-01.git", 4),
        cohort.RosterEntry("Hopper, Grace", "../grace.git", 5),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,url\nAda, a.git\nGrace\n", "roster.csv line 3: expected `name, repository URL`, got 'Grace'"),
        ("Ada, a.git, b.git\n", "roster.csv line 1: expected `name, repository URL`, got 'Ada, a.git, b.git'"),
        ("Ada,\n", "roster.csv line 1: expected `name, repository URL`"),
        (", a.git\n", "roster.csv line 1: expected `name, repository URL`"),
        ("Ada, --upload-pack=touch x\n", "roster.csv line 1: a repository URL cannot start with '-'"),
        ("# nobody yet\n\n", "names no learners"),
    ],
)
def test_a_bad_roster_names_its_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RosterError) as raised:
        cohort.read_roster(_roster(tmp_path, text))
    assert message in raised.value.message


# Reading tags.


def test_tags_map_to_stages_and_exercises(tmp_path: Path) -> None:
    first, third = ONE.exercises[0].id, ONE.exercises[2].id
    bare = _bare_with_tags(
        tmp_path, "ada", f"{ONE.id}/start", f"{ONE.id}/{first}", f"{ONE.id}/{third}", f"{ONE.id}/ex99-nope",
        "stage-99/start", "v1.0", f"{TWO.id}/start",
    )  # fmt: skip
    entries = (cohort.RosterEntry("Ada", str(bare), 1),)
    result = cohort.survey(BUNDLED, entries, tmp_path / "roster.csv")
    (ada,) = result.learners
    assert [(t.stage.id, t.done, t.state) for t in ada.stages] == [
        (ONE.id, (first, third), "in progress"),
        (TWO.id, (), "in progress"),
    ]
    assert ada.furthest == f"{TWO.id}/start"
    assert ada.problems == ()
    assert [s.id for s in result.stages] == [ONE.id, TWO.id]


def test_a_repository_without_milestones_is_reported(tmp_path: Path) -> None:
    bare = _bare_with_tags(tmp_path, "empty")
    result = cohort.survey(BUNDLED, (cohort.RosterEntry("Eve", str(bare), 1),), tmp_path / "roster.csv")
    assert result.learners[0].problems == (f"{bare}: no milestone tags pushed yet",)
    assert result.unreachable == 0


def test_relative_paths_are_read_from_the_roster_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "class").mkdir()
    _bare_with_tags(tmp_path / "class", "ada", f"{ONE.id}/start")
    monkeypatch.chdir(tmp_path)
    roster = _roster(tmp_path / "class", "Ada, ada.git\n")
    result = cohort.survey(BUNDLED, cohort.read_roster(roster), roster)
    assert result.learners[0].stages[0].stage.id == ONE.id


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """Yield a git:// URL whose server accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"git://127.0.0.1:{server.getsockname()[1]}/silent.git"
    finally:
        server.close()
        for connection in held:
            connection.close()


def test_a_silent_server_is_given_up_after_the_timeout(tmp_path: Path) -> None:
    with silent_server() as url:
        read = cohort.read_tags(cohort.RosterEntry("Sam", url, 1), tmp_path, timeout=1)
    assert read.problem == "no answer within 1 s"


def test_a_stopped_read_ends_before_its_timeout(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    with silent_server() as url:
        read = cohort.read_tags(cohort.RosterEntry("Sam", url, 1), tmp_path, timeout=3600, stop=stop)
    assert read.problem == "interrupted"


def test_reads_run_at_most_jobs_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    active, peak, lock = 0, 0, threading.Lock()

    def read_tags(entry: cohort.RosterEntry, cwd: Path, timeout: float, stop: object) -> cohort.RemoteRead:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.01)
        with lock:
            active -= 1
        return cohort.RemoteRead(entry, tags=(f"{ONE.id}/start",))

    monkeypatch.setattr(cohort, "read_tags", read_tags)
    entries = tuple(cohort.RosterEntry(f"learner {n}", f"r{n}.git", n) for n in range(1, 21))
    seen: list[cohort.RemoteRead] = []
    result = cohort.survey(BUNDLED, entries, tmp_path / "roster.csv", jobs=3, on_read=seen.append)
    assert 1 <= peak <= 3
    assert len(seen) == 20
    assert [learner.name for learner in result.learners] == [e.name for e in entries], "roster order is kept"


# The command line.


def test_cohort_with_a_missing_roster(tmp_path: Path) -> None:
    refused(runner.invoke(app, ["cohort", str(tmp_path / "nobody.csv")]), "no roster at")


def test_cohort_with_a_malformed_line(tmp_path: Path) -> None:
    roster = _roster(tmp_path, "name,url\nAda, a.git\n\nGrace Hopper\n")
    refused(runner.invoke(app, ["cohort", str(roster)]), "roster.csv line 4: expected `name, repository URL`")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--json", "--csv"], "choose one output format"),
        (["--csv", "--format", "html"], "choose one output format"),
        (["--format", "pdf"], "--format must be one of table, json, csv, html, not 'pdf'"),
    ],
)
def test_cohort_with_conflicting_formats(tmp_path: Path, options: list[str], message: str) -> None:
    roster = _roster(tmp_path, "Ada, a.git\n")
    refused(runner.invoke(app, ["cohort", str(roster), *options]), message)


# A whole class: two learners work, push, and one repository is served by git's own daemon.


@contextlib.contextmanager
def git_daemon(base: Path) -> Iterator[int]:
    """Serve the bare repositories under base with `git daemon` on 127.0.0.1 and yield its port."""
    port = _free_port()
    log = base.parent / "git-daemon.log"
    with log.open("wb") as sink:
        daemon = subprocess.Popen(
            [
                GIT,
                "daemon",
                "--reuseaddr",
                f"--base-path={base}",
                "--export-all",
                f"--port={port}",
                "--listen=127.0.0.1",
            ],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=sink,
        )
    try:
        for _ in range(300):
            if daemon.poll() is not None:
                pytest.fail(f"git daemon stopped: {log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("git daemon did not accept connections")
        yield port
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def _practise(tmp_path: Path, who: str, stage: curriculum.Stage, solved: int, remote: Path) -> None:
    """Generate a stage for a learner, solve its first exercises, check, and push to a bare remote."""
    repo = new_practice_repo(BUNDLED, stage, tmp_path / who / stage.folder).path
    modules = [e.module for e in stage.exercises[:solved]]
    solve(repo, BUNDLED.solution_dir(stage), *modules)
    checked = runner.invoke(app, ["check", str(repo)])
    assert checked.exit_code == (0 if solved == len(stage.exercises) else 1), checked.output
    git(tmp_path, "init", "--bare", "--quiet", str(remote))
    pushed = runner.invoke(app, ["push", str(repo), "--remote", str(remote)])
    assert pushed.exit_code == 0, pushed.output


@pytest.mark.slow
def test_cohort_reports_exactly_what_each_learner_did(tmp_path: Path) -> None:
    served = tmp_path / "served"
    served.mkdir()
    _practise(tmp_path, "ada", ONE, len(ONE.exercises), tmp_path / "ada-01.git")
    _practise(tmp_path, "ada", TWO, 1, tmp_path / "ada-02.git")
    _practise(tmp_path, "grace", ONE, 2, served / "grace-01.git")
    closed = _free_port()

    with git_daemon(served) as port:
        roster = _roster(
            tmp_path,
            "name,url\n# learners of the spring cohort\n"
            "Ada Lovelace, ada-01.git\n"
            f"Grace Hopper, git://127.0.0.1:{port}/grace-01.git\n"
            f"Ada Lovelace, {tmp_path / 'ada-02.git'}\n"
            f"Linus, git://127.0.0.1:{closed}/linus.git\n",
        )
        as_json = runner.invoke(app, ["cohort", str(roster), "--json"])
        table = runner.invoke(app, ["cohort", str(roster)])
        as_csv = runner.invoke(app, ["cohort", str(roster), "--csv"])
        page = tmp_path / "cohort.html"
        as_html = runner.invoke(app, ["cohort", str(roster), "--format", "html", "--output", str(page)])

    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert [s["id"] for s in data["stages"]] == [ONE.id, TWO.id]
    ada, grace, linus = data["learners"]
    assert ada["name"] == "Ada Lovelace" and grace["name"] == "Grace Hopper" and linus["name"] == "Linus"
    assert {k: (v["done"], v["total"], v["state"]) for k, v in ada["stages"].items()} == {
        ONE.id: (len(ONE.exercises), len(ONE.exercises), "complete"),
        TWO.id: (1, len(TWO.exercises), "in progress"),
    }
    assert ada["stages"][TWO.id]["exercises_done"] == [TWO.exercises[0].id]
    assert ada["furthest_milestone"] == f"{TWO.id}/{TWO.exercises[0].id}"
    assert ada["problems"] == []
    assert [r["milestones"] for r in ada["repositories"]] == [len(ONE.exercises) + 2, 2]
    assert {k: (v["done"], v["exercises_done"]) for k, v in grace["stages"].items()} == {
        ONE.id: (2, [e.id for e in ONE.exercises[:2]])
    }
    assert grace["furthest_milestone"] == f"{ONE.id}/{ONE.exercises[1].id}"
    assert grace["repositories"][0]["url"] == f"git://127.0.0.1:{port}/grace-01.git"
    assert linus["stages"] == {} and linus["furthest_milestone"] is None
    (unreachable,) = linus["repositories"]
    assert unreachable["reachable"] is False and "unable to connect to 127.0.0.1" in unreachable["problem"]

    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    ada_row = next(line for line in lines if "Ada Lovelace" in line)
    grace_row = next(line for line in lines if "Grace Hopper" in line)
    assert f"{len(ONE.exercises)}/{len(ONE.exercises)}" in ada_row and f"1/{len(TWO.exercises)}" in ada_row
    assert f"2/{len(ONE.exercises)}" in grace_row
    assert "3 learner(s), 4 repositories; 1 could not be read." in table.output
    assert f"  Linus: git://127.0.0.1:{closed}/linus.git: unable to connect to 127.0.0.1" in table.output

    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["learner"], r["stage"], r["exercises_done"], r["state"]) for r in rows] == [
        ("Ada Lovelace", ONE.id, str(len(ONE.exercises)), "complete"),
        ("Ada Lovelace", TWO.id, "1", "in progress"),
        ("Grace Hopper", ONE.id, "2", "in progress"),
        ("Linus", "", "", "unreachable"),
    ]

    assert as_html.exit_code == 0, as_html.output
    assert "Wrote" in as_html.output and "1 could not be read" in as_html.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in html, f"the page must be self-contained: found {external}"
    assert '<th scope="row">Grace Hopper</th>' in html and f">2/{len(ONE.exercises)}<" in html
