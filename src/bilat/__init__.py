"""bilat: a sourced, queryable record of a relationship between two countries.

The Python API mirrors the CLI: see :mod:`bilat.api`.
"""

__version__ = "0.1.0"
