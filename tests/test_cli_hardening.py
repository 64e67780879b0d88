"""A careless user: a store written twice at once, an unwritable place, Ctrl-C,
names from the data that are HTML. Each ends in one line, never a traceback.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys

from click.testing import CliRunner

from ssbkg.cli.main import cli
from ssbkg.cli.output import render
from ssbkg.store import lock_path


def test_a_second_writer_of_a_store_is_refused_naming_the_lock(tmp_path):
    target = tmp_path / "kg"
    fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another build holds the store
    try:
        result = CliRunner().invoke(cli, ["build", "--store", str(target)])
    finally:
        os.close(fd)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "being written by another process" in lines[0]
    assert str(lock_path(target)) in lines[0]
    assert not target.exists()  # nothing written, no second rename
    assert [p.name for p in tmp_path.iterdir()] == [lock_path(target).name]


def test_the_lock_is_free_again_after_a_build(tmp_path):
    target = tmp_path / "kg"
    assert CliRunner().invoke(cli, ["build", "--store", str(target)]).exit_code == 0
    fd = os.open(lock_path(target), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
    finally:
        os.close(fd)


def test_writing_under_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for args in (["build", "--store", str(blocker / "kg")],
                 ["query", "region-hierarchy", "-p", "region=cn-zj", "-o", str(blocker / "x.csv")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert result.output.strip() == f"Error: cannot write there: {blocker} is a file, not a folder"


def test_ctrl_c_during_start_up_is_one_line_and_exit_130():
    # SIGINT delivered to the process while run() imports the commands and builds
    # the KG in memory (the command takes far longer than the timer): no traceback
    code = ("import os, signal, threading\nfrom ssbkg.cli import run\n"
            "threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()\n"
            "run(['stats', '--by', 'class'])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.strip() == "interrupted"


def test_markdown_output_shows_html_from_the_data_as_text():
    text = render([{"name": "<img src=x onerror=alert(1)>", "n": "a|b"}], fmt="md")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "a\\|b" in text  # a pipe does not split the cell
