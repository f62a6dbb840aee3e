"""The release artefacts: ``python -m build`` makes an sdist and a wheel that
``twine check`` accepts, and the wheel installed into a clean virtual
environment runs (``--version`` and one real lint, with the rule packs it ships).

Building uses pip's isolated build environment (hatchling from PyPI), and the
clean venv installs copylint's dependencies from PyPI, as a user's would: slow.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _run(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPYLINT_")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel, the wheel built from the sdist (as ``python -m build`` does)."""
    out = tmp_path_factory.mktemp("dist")
    done = _run(sys.executable, "-m", "build", "--outdir", out, CHECKOUT)
    if done.returncode != 0 and "Could not find a version" in done.stdout + done.stderr:
        pytest.skip("the package index is unreachable, so the build backend cannot be installed")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def test_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dist: Path) -> None:
    wheels = sorted(dist.glob("copylint-*.whl"))
    sdists = sorted(dist.glob("copylint-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in dist.iterdir())
    done = _run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_wheel_installs_into_a_clean_venv_and_lints(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("copylint-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    done = _run(python, "-m", "pip", "install", "--quiet", wheel)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    copylint = env_dir / "bin" / "copylint"

    version = _run(copylint, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("copylint"), version.stdout

    # Lint outside the checkout, so only the wheel's own rule packs can be found.
    work = tmp_path / "work"
    work.mkdir()
    (work / "article.txt").write_text("The film opens in May.\n\nLeave a Reply\n", encoding="utf-8")
    lint = _run(copylint, "article.txt", cwd=work)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "article.txt:3:1: CL301" in lint.stdout, lint.stdout
