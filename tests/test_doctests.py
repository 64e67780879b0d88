"""Every docstring example of the installed package runs, once, as a test."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ssbkg

MODULES = sorted(["ssbkg"] + [m.name for m in pkgutil.walk_packages(ssbkg.__path__,
                                                                    prefix="ssbkg.")])


def test_modules_were_found():
    assert "ssbkg.kg" in MODULES and "ssbkg.metrics.fragmentation" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = []
    for test in finder.find(module, name):
        runner.run(test, out=out.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(out)
