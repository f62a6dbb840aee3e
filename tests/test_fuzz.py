"""The fuzz targets: replayed on a generated seed corpus, then a short atheris run each.

The long run for release checks is in docs/robustness.md; here each target
gets a bounded coverage-guided run (``FUZZ_SECONDS``) as a real subprocess, so
a crash anywhere in the readers or the fixer fails the suite with the input
libFuzzer saved.  Without atheris (not on PyPI for this platform or Python)
the coverage-guided part skips with the reason; the replay still runs.
"""

from __future__ import annotations

import codecs
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from copylint.packs import builtin_pack_paths, load_packs

from .conftest import clean_env

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzz.targets import TARGETS  # noqa: E402 - the repository root is needed on sys.path

#: Seconds of coverage-guided fuzzing per target in the test suite.
FUZZ_SECONDS = 10


def seeds() -> list[bytes]:
    """A small corpus: every rule pack example plus hostile byte patterns.

    The first byte selects the encoding/format inside the targets, so each
    text appears under several selectors.
    """
    texts = [
        ex
        for spec in load_packs(builtin_pack_paths())
        for ex in (*spec.examples_flag, *spec.examples_pass)
    ]
    raw = [t.encode("utf-8") for t in texts]
    raw += [
        b"",
        b"\x00",
        b"\xff\xfe\xfd",
        b"\xc0\xaf",
        b"\xed\xa0\x80",
        codecs.BOM_UTF8 + b"x\r\n",
        codecs.BOM_UTF16_LE + "héllo\n".encode("utf-16-le"),
        "Café".encode("cp1252"),
        b"<div>" * 50 + b"x" + b"</div>" * 50,
        b"<!--" * 20,
        b"&#xD800;&#0;&amp",
        b"---\na: [\n---\ntext",
        b"```\n" + b"[" * 40,
        b"> " * 40 + b"- " * 40,
        "\u202e\u0301\U0001f468\u200d\U0001f469\r\r\n".encode(),
        # result-cache entries (fuzz target "cache"): a real one, and near misses
        b'{"diagnostics":[["CL201","joins",1,"m",17,19,1,18,1,20,'
        b'["Insert a space","safe",[[18,18," "]]],[],[]]]}',
        b'{"diagnostics":[["CL201","joins",1,"m",17,19,1,18,1,20,null,["a"],[]]]}',
        b'{"diagnostics":[["CL201","joins",1,"m",19,17,1,18,1,20,null,[],[]]]}',
        b'{"diagnostics":[[true,"r",1,"m",0,0,1,1,1,1,null,[],[]]]}',
        b'{"diagnostics":' + b"[" * 3000 + b"]" * 3000 + b"}",
    ]
    return [bytes([sel]) + body for body in raw for sel in (0, 17, 35, 0x80 | 1)]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_targets_hold_on_the_seed_corpus(name: str) -> None:
    target = TARGETS[name]
    for data in seeds():
        target(data)


def _atheris_missing() -> str | None:
    if importlib.util.find_spec("atheris") is None:
        return "atheris is not installed (pip install atheris; Linux, CPython <= 3.12 wheels)"
    probe = subprocess.run(
        [sys.executable, "-c", "import atheris"], capture_output=True, text=True, timeout=60
    )
    if probe.returncode:
        return f"atheris does not import here: {probe.stderr.strip().splitlines()[-1:]}"
    return None


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_short_coverage_guided_run(name: str, tmp_path: Path) -> None:
    reason = _atheris_missing()
    if reason:
        pytest.skip(reason)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, data in enumerate(seeds()):
        (corpus / f"seed{i:04d}").write_bytes(data)
    env = clean_env()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / f"fuzz_{name}.py"),
            f"-max_total_time={FUZZ_SECONDS}",
            "-max_len=4096",
            "-timeout=20",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={tmp_path}/crash-",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=FUZZ_SECONDS + 200,
        env=env,
        cwd=tmp_path,
    )
    log = proc.stderr[-4000:]
    crashes = [p.name for p in tmp_path.glob("crash-*")]
    assert proc.returncode == 0 and not crashes, f"{crashes}\n{log}"
    runs = re.search(r"Done (\d+) runs", proc.stderr)
    assert runs and int(runs.group(1)) > 0, log
