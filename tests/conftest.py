"""Shared fixtures: the hand-made tiny tables, stores built from them, and a real
Oxigraph server on 127.0.0.1 (tests marked ``server``)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"


@pytest.fixture(scope="session")
def tiny_dir() -> Path:
    """The hand-made tables (tests/fixtures/tiny): 18 rows, 198 triples besides the ontology."""
    return TINY


@pytest.fixture
def tiny_copy(tmp_path) -> Path:
    """A writable copy of the tiny tables, for tests that break one cell."""
    dest = tmp_path / "tables"
    shutil.copytree(TINY, dest)
    return dest


@pytest.fixture(scope="session")
def tiny_build():
    """The tiny tables built in memory (no curated data)."""
    from ssbkg.build import build_store

    return build_store(with_=[TINY], curated=False)


@pytest.fixture(scope="session")
def tiny_kg(tiny_build):
    from ssbkg.kg import KG

    return KG(tiny_build.store)


@pytest.fixture(scope="session")
def tiny_store_path(tmp_path_factory) -> Path:
    """The tiny tables built into an on-disk store (read by the server and --store)."""
    from ssbkg.build import build_store

    path = tmp_path_factory.mktemp("stores") / "tiny"
    result = build_store(path, with_=[TINY], curated=False)
    result.store = None  # the server opens the folder itself
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(command, port: int, log: Path):
    """Run ``command`` (an Oxigraph server on 127.0.0.1:``port``) until the block ends;
    yields the query URL once the server answers."""
    with open(log, "wb") as sink:  # a file, not a pipe: a full pipe would block the server
        proc = subprocess.Popen(command, stdout=sink, stderr=sink)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"oxigraph server did not start: {log.read_text()!r}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def endpoint(tiny_store_path, tmp_path_factory):
    """URL of a real ``oxigraph serve-read-only`` on the tiny store, started through
    ``ssbkg serve`` and terminated after the session."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    command = [sys.executable, "-c", "from ssbkg.cli.main import cli; cli()",
               "serve", "--store", str(tiny_store_path), "--port", str(port),
               "--timeout-s", "30"]
    with running_server(command, port, log) as url:
        yield url


@pytest.fixture
def serve_folder(tmp_path):
    """Start a real ``oxigraph serve-read-only`` on any Oxigraph store folder (one not
    made by ssbkg, too); returns the query URL. Stopped after the test."""
    from ssbkg.cli.kg_cmd import _oxigraph_binary

    with contextlib.ExitStack() as stack:
        def serve(folder) -> str:
            port = _free_port()
            command = [_oxigraph_binary(), "serve-read-only", "--location", str(folder),
                       "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
            return stack.enter_context(running_server(command, port, tmp_path / f"{port}.log"))
        yield serve
