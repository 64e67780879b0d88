"""The ``ssbkg`` command line: thin wrappers that parse, call the library and format.

:func:`run` is the console entry point. It lives here, in a module that imports
nothing, so that Ctrl-C at any moment (even while the commands are still being
imported) ends with one line, ``interrupted``, and exit status 130 (128 + SIGINT),
and a write to a place the user cannot write ends with one line naming it.
"""

import sys


def run(argv=None):
    """Run the ``ssbkg`` command; the console script calls this."""
    try:
        from .main import cli

        return cli.main(args=argv, prog_name="ssbkg", standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.stderr.flush()
        raise SystemExit(130) from None
