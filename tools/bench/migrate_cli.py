#!/usr/bin/python3
"""Debian's /usr/bin/migrate (python3-migrate 0.13.0) as it is, on Python
3.11: its shell still calls inspect.getargspec, which Python 3.11 removed.
This puts back an equivalent, then runs the same entry point, so the
benchmark times sqlalchemy-migrate's own command line."""
import inspect
import sys

if not hasattr(inspect, "getargspec"):
    def getargspec(func):
        spec = inspect.getfullargspec(func)
        return spec.args, spec.varargs, spec.varkw, spec.defaults

    inspect.getargspec = getargspec

from migrate.versioning.shell import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
