"""On-disk stores: how they are written, replaced and opened.

A store is a folder holding an Oxigraph (RocksDB) database and the marker file
:data:`STORE_MARKER` (JSON: what was built from what). A new store is filled in a
temporary folder beside its target and renamed into place, so a reader never sees
a half-written store and a failed build leaves the old one as it was.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
import time
import traceback
from pathlib import Path

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory lock, documented
    fcntl = None

from .errors import StoreLockedError
from .kg import STORE_MARKER

__all__ = ["STORE_MARKER", "install_store", "replaceable", "lock_path"]


def install_store(target: Path, fill, meta: dict):
    """Fill a new on-disk store in a temporary folder beside ``target``, then rename it.

    ``fill(store)`` writes the data and may raise; ``meta`` (JSON) is written
    as :data:`STORE_MARKER`. On any error ``target`` is untouched and the
    temporary folder removed. Returns whatever ``fill`` returned.

    While it runs, the lock file :func:`lock_path` beside ``target`` is held
    (``flock``, released by the kernel even if the process dies); a second
    writer of the same store raises :class:`~ssbkg.errors.StoreLockedError`
    at once instead of racing the first one's rename.
    """
    lock = lock_path(target)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLockedError(
                f"store {target} is being written by another process (lock {lock} held); "
                "wait for it to finish") from None
        return _install(target, fill, meta)
    finally:
        os.close(fd)


def lock_path(target: Path) -> Path:
    """The lock file of an on-disk store: ``.<name>.lock`` beside it."""
    target = Path(target)
    return target.parent / f".{target.name}.lock"


def _install(target: Path, fill, meta):
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".building",
                                dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        out = fill(store)
        if callable(meta):
            meta = meta(store)
        store.flush()
        del store
        gc.collect()
        (tmp / STORE_MARKER).write_text(json.dumps(meta, indent=2, ensure_ascii=False),
                                        encoding="utf-8")
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old",
                                        dir=target.parent))
            os.rmdir(old)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
        return out
    except BaseException as exc:
        # release every reference to the store (the traceback's frames hold one)
        # so RocksDB closes its files before the folder is removed
        store = None  # noqa: F841 - drop the last reference (see above)
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
        _remove_tree(tmp)
        raise


def _remove_tree(path: Path, attempts: int = 5) -> None:
    for i in range(attempts):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.05 * (i + 1))


def replaceable(target: Path) -> bool:
    if target.is_file():
        return False
    return (target / STORE_MARKER).is_file() or not any(target.iterdir())
