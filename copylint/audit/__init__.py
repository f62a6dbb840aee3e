"""``copylint audit``: lint an archive on a Dask cluster into a Parquet dataset.

Needs the ``audit`` extra (``pip install 'copylint[audit]'``: dask,
distributed, pyarrow, fsspec).  The modules, each with one job:

* :mod:`.listing`: SOURCEs (paths, globs, fsspec URLs) to files and sizes;
* :mod:`.chunks`: files to chunks by size, with stable ids (for ``--resume``);
* :mod:`.worker`: the per-worker lint session (a worker plugin) and the chunk task;
* :mod:`.results`: the Parquet tables, their parts and the manifest;
* :mod:`.run`: scheduling, retries, resume, progress;
* :mod:`.summary` and :mod:`.progress`: what is printed;
* :mod:`.cli`: the ``copylint audit`` command.

See docs/audit.md.
"""

EXTRA_HINT = "copylint audit needs the audit extra: pip install 'copylint[audit]'"
