"""The Dockerfile's steps without Docker (no daemon here): build the wheel, install it into a
clean virtualenv, run `comeback migrate` and `comeback health` from it as a non-root user,
with the database in its own writable directory. Offline: the wheel is built without build
isolation, and the dependencies come from the project's virtualenv (a .pth file) instead of
an index."""

from __future__ import annotations

import os
import shutil
import site
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def _system_python() -> str:
    """A Python with the same version as ours, reachable by an unprivileged user."""
    for candidate in ("/usr/bin/python3", sys.executable):
        try:
            out = subprocess.run(
                [candidate, "-c", "import sys, venv; print(sys.version_info[:2])"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            continue
        if out == str(sys.version_info[:2]):
            return candidate
    return sys.executable


def _others_can_read(path: Path) -> bool:
    """Whether a user with no rights of its own can list ``path`` (every parent traversable)."""
    if not path.stat().st_mode & stat.S_IROTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in [path, *path.parents])


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory outside root's private tmp, so that another user can reach it."""
    path = Path(tempfile.mkdtemp(prefix="comeback-deploy-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def test_wheel_installs_into_a_clean_venv_and_runs_as_non_root(shared_dir: Path) -> None:
    wheels = shared_dir / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "--wheel-dir",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        cwd=shared_dir,
        capture_output=True,
    )
    [wheel] = wheels.glob("comeback-*.whl")
    venv = shared_dir / "venv"
    python = _system_python()
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
    [target] = venv.glob("lib/python3*/site-packages")
    # Dependencies: the project's own virtualenv, as a plain path (its .pth files, such as
    # the editable install of this checkout, are not processed from there).
    (target / "deps.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The message catalogs are package data: bot/ui/i18n.py reads them at run time.
    assert (target / "bot" / "locale" / "en" / "LC_MESSAGES" / "messages.po").is_file()
    assert (target / "bot" / "domain" / "place_index.tsv").is_file()  # time-zone places
    (venv / "bin" / "comeback").write_text(
        f"#!{venv}/bin/python\nimport sys\nfrom bot.__main__ import main\nsys.exit(main())\n"
    )
    (venv / "bin" / "comeback").chmod(0o755)
    data = shared_dir / "data"
    data.mkdir()
    # Run as nobody where that user can reach the dependencies: a checkout inside a private
    # (0700) folder, as `mktemp -d` makes, cannot be read by another user at all.
    deps = Path(site.getsitepackages()[0])
    as_nobody = os.geteuid() == 0 and python != sys.executable and _others_can_read(deps)
    if as_nobody:
        os.chown(data, NOBODY, NOBODY)
    env = {
        "PATH": f"{venv}/bin:/usr/bin:/bin",
        "DATABASE_PATH": str(data / "comeback.sqlite3"),
        "PTB_TIMEDELTA": "1",
        "HOME": str(data),
    }

    def comeback(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "comeback"), *args],
            env=env,
            cwd=data,
            capture_output=True,
            text=True,
            user=NOBODY if as_nobody else None,
            group=NOBODY if as_nobody else None,
            timeout=120,
        )

    where = comeback("health")
    assert where.returncode == 1, where  # no database yet
    migrated = comeback("migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "schema version" in migrated.stdout
    healthy = comeback("health", "--json")
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert '"healthy": true' in healthy.stdout
    # The code ran from the wheel, not from this checkout.
    origin = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import bot; print(bot.__file__)"],
        env=env,
        cwd=data,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(target) in origin and str(ROOT) not in origin
    if as_nobody:
        assert (data / "comeback.sqlite3").stat().st_uid == NOBODY
