"""The ``ssbkg`` command line: thin wrappers that parse, call the library and format."""
