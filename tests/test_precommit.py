"""The pre-commit hooks (``.pre-commit-hooks.yaml``) run by the real ``pre-commit`` tool.

A snapshot of this working tree is committed to a throwaway Git repository,
which a throwaway "CMS" repository names in its ``.pre-commit-config.yaml``,
exactly as a user's config names a copylint release.  ``pre-commit`` then
clones it, builds the hook's virtualenv (``pip install`` of the snapshot, so
dependencies come from PyPI and the rule packs must ship in the wheel) and
runs the hooks on committed articles.

``pre-commit try-repo`` is not used: it makes a fresh store, and so a fresh
virtualenv, on every call, and leaves out untracked files of the checkout.

The virtualenv is built once per session under a session-scoped
``PRE_COMMIT_HOME``; it still takes a while, so the tests that run hooks are
marked ``slow`` (deselect with ``-m "not slow"``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parents[1]

# The first hook run builds the hook's virtualenv from PyPI.
slow = pytest.mark.slow
long_timeout = pytest.mark.timeout(900)

KNOWLEDGE = """\
people:
  - name: Jane Doe
    misspellings: [Jane Dough]
"""
CONFIG = 'knowledge = ["knowledge/people.yaml"]\n'
DEFECTIVE = "Jane Dough directed the film.\n\nThe film opens in cinemas in May.\n"
FIXED = "Jane Doe directed the film.\n\nThe film opens in cinemas in May.\n"


def _git_env(home: Path) -> dict[str, str]:
    """An environment isolated from the developer's Git config and hooks."""
    env = dict(os.environ)
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="copylint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="copylint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    # A pre-commit run from inside another hook would otherwise see its variables.
    for key in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        env.pop(key, None)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if (
        subprocess.run(
            [sys.executable, "-m", "pre_commit", "--version"], check=False, capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("pre-commit is not installed in this environment")
    return _git_env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[str, str]:
    """A one-commit Git repository holding this working tree: (path, commit)."""
    if not (CHECKOUT / ".git").exists():
        pytest.skip("the checkout is not a Git working tree")
    listing = _git(CHECKOUT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    snapshot = tmp_path_factory.mktemp("copylint-snapshot")
    for rel in filter(None, listing.split("\0")):
        src = CHECKOUT / rel
        if src.is_file():  # tracked files deleted in the working tree are left out
            dest = snapshot / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    _git(snapshot, env, "init", "-q")
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "-m", "snapshot")
    return str(snapshot), _git(snapshot, env, "rev-parse", "HEAD").strip()


Project = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path, env: dict[str, str], hook_repo: tuple[str, str]) -> Project:
    """Make a CMS-like repository using the hooks; returns its path."""

    def make(
        articles: dict[str, str],
        hooks: tuple[str, ...] = ("copylint",),
        args: tuple[str, ...] | None = None,
    ) -> Path:
        repo, rev = hook_repo
        root = tmp_path / "site"
        (root / "knowledge").mkdir(parents=True)
        user_args = "" if args is None else f"        args: {json.dumps(list(args))}\n"
        hook_list = "".join(f"      - id: {h}\n{user_args}" for h in hooks)
        (root / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hook_list}",
            encoding="utf-8",
        )
        (root / "copylint.toml").write_text(CONFIG, encoding="utf-8")
        (root / "knowledge" / "people.yaml").write_text(KNOWLEDGE, encoding="utf-8")
        for name, text in articles.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        _git(root, env, "init", "-q")
        _git(root, env, "add", "-A")
        _git(root, env, "commit", "-q", "--no-verify", "-m", "articles")
        return root

    return make


def run_hooks(root: Path, env: dict[str, str], *hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run [hook] --all-files`` in ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *hook, "--all-files"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=850,
    )


def _explain(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


@slow
@long_timeout
def test_report_hook_fails_with_copylints_report(project: Project, env: dict[str, str]) -> None:
    root = project({"articles/review.md": DEFECTIVE, "articles/notes.txt": FIXED})
    done = run_hooks(root, env, "copylint")
    assert done.returncode == 1, _explain(done)
    assert "copylint" in done.stdout and "Failed" in done.stdout, _explain(done)
    # copylint's own report, passed through by pre-commit: file, position, code.
    assert "articles/review.md:1:1: CL101" in done.stdout, _explain(done)
    assert "notes.txt" not in done.stdout, "the clean article was reported"
    assert "people.yaml" not in done.stdout, "YAML is not copy and must not be linted"
    assert (root / "articles/review.md").read_text(encoding="utf-8") == DEFECTIVE


@slow
@long_timeout
def test_fix_hook_rewrites_the_article(project: Project, env: dict[str, str]) -> None:
    root = project({"articles/review.md": DEFECTIVE}, hooks=("copylint-fix",))
    first = run_hooks(root, env, "copylint-fix")
    # pre-commit fails a hook that modified files, so the author reviews the change.
    assert first.returncode == 1, _explain(first)
    assert "files were modified by this hook" in first.stdout, _explain(first)
    assert (root / "articles/review.md").read_bytes() == FIXED.encode("utf-8")
    again = run_hooks(root, env, "copylint-fix")
    assert again.returncode == 0, _explain(again)
    assert (root / "articles/review.md").read_bytes() == FIXED.encode("utf-8")


@slow
@long_timeout
def test_clean_articles_pass(project: Project, env: dict[str, str]) -> None:
    root = project(
        {
            "articles/review.md": FIXED,
            "articles/notes.txt": "A short, plain note about the cinema listings.\n",
            "articles/page.html": "<html><body><p>Jane Doe directed the film.</p></body></html>\n",
        },
        hooks=("copylint", "copylint-fix"),
    )
    done = run_hooks(root, env)
    assert done.returncode == 0, _explain(done)
    assert done.stdout.count("Passed") == 2, _explain(done)


@slow
@long_timeout
def test_hook_skips_files_that_are_not_copy(project: Project, env: dict[str, str]) -> None:
    # A defect in a script is none of copylint's business: the hook must not run at all.
    root = project({"scripts/build.py": f"# {DEFECTIVE}"})
    done = run_hooks(root, env, "copylint")
    assert done.returncode == 0, _explain(done)
    assert "(no files to check)" in done.stdout, _explain(done)


# Issue 15, item 5: committed files named like options stay file names.
HOSTILE_NAMES = ("--select=CL000.md", "--config=x.md", "-kx.md", "--exit-zero.md")


@slow
@long_timeout
def test_option_shaped_file_names_are_files_to_the_hook(
    project: Project, env: dict[str, str]
) -> None:
    root = project(dict.fromkeys(HOSTILE_NAMES, DEFECTIVE))
    done = run_hooks(root, env, "copylint")
    assert done.returncode == 1, _explain(done)
    for name in HOSTILE_NAMES:
        assert f"{name}:1:1: CL101" in done.stdout, _explain(done)
    assert "All checks passed" not in done.stdout


@slow
@long_timeout
def test_option_shaped_file_names_stay_files_after_the_users_args(
    project: Project, env: dict[str, str]
) -> None:
    glued = "The film opened onFriday in May.\n"  # CL2xx only: outside the user's --select
    articles = {**dict.fromkeys(HOSTILE_NAMES, DEFECTIVE), "articles/glued.md": glued}
    # The user's own options, one of them with a value that is an existing file.
    args = ("--select", "CL1", "--config", "copylint.toml")
    root = project(articles, args=args)
    done = run_hooks(root, env, "copylint")
    assert done.returncode == 1, _explain(done)
    for name in HOSTILE_NAMES:
        assert f"{name}:1:1: CL101" in done.stdout, _explain(done)
    assert "glued.md" not in done.stdout, "the user's --select was not applied"


@slow
@long_timeout
def test_fix_hook_fixes_an_option_shaped_file(project: Project, env: dict[str, str]) -> None:
    root = project({"--select=CL000.md": DEFECTIVE}, hooks=("copylint-fix",), args=("--quiet",))
    done = run_hooks(root, env, "copylint-fix")
    assert done.returncode == 1, _explain(done)
    assert (root / "--select=CL000.md").read_text(encoding="utf-8") == FIXED


def test_manifest_is_valid_for_pre_commit() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(CHECKOUT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("filename", "linted"),
    [
        ("a.txt", True),
        ("README", True),
        ("a.md", True),
        ("a.markdown", True),
        ("a.html", True),
        ("a.htm", True),
        ("a.py", False),
        ("a.yaml", False),
        ("a.rst", False),
    ],
)
def test_hook_file_types(filename: str, linted: bool) -> None:
    """The manifest's types_or, through pre-commit's own file classifier (identify)."""
    identify = pytest.importorskip("identify.identify")
    from pre_commit.clientlib import load_manifest

    manifest = load_manifest(str(CHECKOUT / ".pre-commit-hooks.yaml"))
    tags = identify.tags_from_filename(filename)
    for hook in manifest:
        assert bool(tags & set(hook["types_or"])) is linted, textwrap.shorten(str(hook), 200)


def test_docs_config_snippet_is_a_valid_pre_commit_config(tmp_path: Path) -> None:
    """The snippet users copy from docs/ci.md passes pre-commit's own validation."""
    doc = (CHECKOUT / "docs" / "ci.md").read_text(encoding="utf-8")
    [snippet] = [b for b in re.findall(r"^```yaml\n(.*?)^```$", doc, re.M | re.S) if "repos:" in b]
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    hook_ids = {h["id"] for h in yaml.safe_load(snippet)["repos"][0]["hooks"]}
    manifest = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook_ids <= {h["id"] for h in manifest}


@slow
@long_timeout
def test_readme_snippet_works_as_written(
    project: Project, env: dict[str, str], hook_repo: tuple[str, str]
) -> None:
    """The README's snippet, with only `repo:` pointed at a clone and `rev:` at a commit."""
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", readme, re.M | re.S)
    [snippet] = [b for b in blocks if "repos:" in b]
    repo, rev = hook_repo
    config, n = re.subn(r"(?m)^(\s*- repo: ).*$", rf"\g<1>{repo}", snippet)
    config, m = re.subn(r"(?m)^(\s*rev: ).*$", rf"\g<1>{rev}", config)
    assert (n, m) == (1, 1), snippet
    root = project({"content/review.md": DEFECTIVE, "notes/todo.md": DEFECTIVE})
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    done = run_hooks(root, env)
    assert done.returncode == 1, _explain(done)
    assert "files were modified by this hook" in done.stdout, _explain(done)
    assert (root / "content/review.md").read_bytes() == FIXED.encode("utf-8")
    # `files: ^content/` keeps the hook off everything else.
    assert (root / "notes/todo.md").read_bytes() == DEFECTIVE.encode("utf-8")
