"""deploy/ checked without Docker (no daemon here).

- The Dockerfile's steps: build the wheel, install it into a clean virtualenv, run `comeback
  migrate` and `comeback health` from it as a non-root user, with the database in its own
  writable directory. Offline: the wheel is built without build isolation, and the
  dependencies come from the project's virtualenv (a .pth file) instead of an index.
- The lock: requirements.lock pins every dependency of pyproject.toml with hashes, and
  `pip install --require-hashes -r requirements.lock` into a fresh virtualenv gives a bot
  that runs (from the package index pip is configured with; skipped if it is unreachable).
- The files by their own tools: `systemd-analyze verify` on every unit (skipped where it is
  not installed), the compose file parsed, and every documented backup path prunes.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import site
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
LOCK = ROOT / "requirements.lock"
UNITS = sorted((DEPLOY / "systemd").glob("comeback*.*"))
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
    for name in ("index.html", "app.js", "app.css"):  # the dashboard's page
        assert (target / "bot" / "web" / "static" / name).is_file(), name
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


# --- the lock file ---------------------------------------------------------------------------
def _pins() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {name: (version, hashes)}."""
    pins: dict[str, tuple[str, list[str]]] = {}
    text = LOCK.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *options = line.split(" --hash=")
        name, _, version = spec.strip().partition("==")
        assert version, f"not pinned to one version: {spec}"
        pins[name.lower().replace("_", "-")] = (version, [o.strip() for o in options])
    return pins


def _project() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_lock_pins_every_dependency_and_the_build_backend_with_hashes() -> None:
    pins = _pins()
    assert all(hashes for _, hashes in pins.values()), "every pin needs its hashes"
    assert all(h.startswith("sha256:") for _, hashes in pins.values() for h in hashes)
    project = _project()
    wanted = [
        *project["project"]["dependencies"],
        *project["build-system"]["requires"],
    ]
    for line in wanted:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock has {name}=={version}, pyproject.toml wants {requirement}: "
            "run `make lock`"
        )


def _code_blocks(markdown: str) -> str:
    return "\n".join(re.findall(r"```[a-z]*\n(.*?)```", markdown, flags=re.S))


def _pip_installs(text: str) -> list[str]:
    """Every `pip install` command in a Dockerfile or a shell snippet (continuations joined)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [m.group(0) for m in re.finditer(r"pip install[^\n&|;]*", joined)]


@pytest.mark.parametrize("source", ["Dockerfile", "README.md"])
def test_deploy_paths_install_only_from_the_lock(source: str) -> None:
    text = (DEPLOY / source).read_text()
    installs = _pip_installs(_code_blocks(text) if source.endswith(".md") else text)
    assert any("--require-hashes -r requirements.lock" in c for c in installs), installs
    for command in installs:
        locked = "--require-hashes" in command and "-r requirements.lock" in command
        project_only = all(
            f in command for f in ("--no-deps", "--no-build-isolation", "--no-index")
        )
        assert locked or project_only, f"unpinned install in deploy/{source}: {command}"


def _index_reachable(python: Path) -> bool:
    probe = subprocess.run(
        [str(python), "-m", "pip", "index", "versions", "python-telegram-bot"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return probe.returncode == 0


def test_locked_install_with_hashes_runs_the_bot(shared_dir: Path) -> None:
    """What the Dockerfile and the systemd steps do, in a fresh virtualenv (about a minute)."""
    venv = shared_dir / "locked"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-compile",
            "--require-hashes",
            "-r",
            str(LOCK),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if installed.returncode != 0:
        if not _index_reachable(python):
            pytest.skip("the package index pip is configured with is unreachable")
        pytest.fail(f"pip install --require-hashes failed:\n{installed.stdout}{installed.stderr}")
    # The project itself, built with the locked setuptools, fetching nothing.
    project = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-compile",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(_wheel(shared_dir)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert project.returncode == 0, project.stderr
    check = subprocess.run(
        [str(python), "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stdout
    data = shared_dir / "locked-data"
    env = {
        "PATH": f"{venv}/bin:/usr/bin:/bin",
        "DATABASE_PATH": str(data / "comeback.sqlite3"),
        "PTB_TIMEDELTA": "1",
        "HOME": str(shared_dir),
    }
    for args in (["migrate"], ["health", "--json"]):
        ran = subprocess.run(
            [str(venv / "bin" / "comeback"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ran.returncode == 0, ran.stdout + ran.stderr
    assert '"healthy": true' in ran.stdout


def _wheel(folder: Path) -> Path:
    wheels = folder / "locked-wheel"
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
        cwd=folder,
        capture_output=True,
    )
    [wheel] = wheels.glob("comeback-*.whl")
    return wheel


# --- systemd units and the compose file ------------------------------------------------------
EXPECTED_ON_A_BUILD_MACHINE = re.compile(
    r"^[\w.-]+: Command /opt/comeback/bin/comeback is not executable: No such file or directory$"
)


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (.ci/run installs it with apt-get where it can)",
)
def test_units_pass_systemd_analyze_verify() -> None:
    """Any unknown key or section, syntax warning or bad value fails; the bot's executable
    missing on a build machine is the one thing expected."""
    ran = subprocess.run(
        ["systemd-analyze", "verify", *(unit.name for unit in UNITS)],
        cwd=DEPLOY / "systemd",
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = (ran.stdout + ran.stderr).splitlines()
    unexpected = [line for line in lines if not EXPECTED_ON_A_BUILD_MACHINE.match(line)]
    assert unexpected == [], "\n".join(unexpected)
    if not Path("/opt/comeback/bin/comeback").exists():
        assert lines, "systemd-analyze ran without reading the units"


def _unit(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_start_limit_is_in_unit_where_systemd_reads_it() -> None:
    """Even without systemd-analyze: StartLimit* in [Service] is ignored with a warning."""
    for path in UNITS:
        unit = _unit(path)
        if unit.has_section("Service"):
            misplaced = [k for k in unit.options("Service") if k.startswith("StartLimit")]
            assert misplaced == [], f"{path.name}: {misplaced} belong in [Unit]"
    bot = _unit(DEPLOY / "systemd" / "comeback.service")
    assert bot.get("Unit", "StartLimitIntervalSec") and bot.get("Unit", "StartLimitBurst")


def _megabytes(value: str | int) -> float:
    text = str(value).strip().lower()
    units = {"k": 1 / 1024, "m": 1, "g": 1024}
    if text[-1:] in units:
        return float(text[:-1]) * units[text[-1]]
    return int(text) / 2**20


def test_compose_file_parses_with_limits_and_hardening() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    service = compose["services"]["comeback"]
    assert (ROOT / service["build"]["dockerfile"]).is_file()
    assert service["read_only"] is True
    assert service["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in service["security_opt"]
    memory = _megabytes(service["mem_limit"])
    assert 256 <= memory <= 2048  # ~200 MB in use (bench/results.md), with room for charts
    assert _megabytes(service["memswap_limit"]) == memory  # no swap on top
    assert isinstance(service["pids_limit"], int) and 32 <= service["pids_limit"] <= 1024
    assert service["stop_grace_period"] == "30s"
    assert service["volumes"] == ["comeback-data:/data"] and "comeback-data" in compose["volumes"]


# --- item 5: every documented backup path prunes ---------------------------------------------
def _documented_backups() -> list[str]:
    """The target of every `comeback backup` an operator is told to run or is given to run."""
    blocks = _code_blocks((DEPLOY / "README.md").read_text())
    units = "\n".join(path.read_text() for path in UNITS)
    return re.findall(r"comeback backup (\S+)", blocks + "\n" + units)


def test_every_documented_backup_path_prunes_old_copies() -> None:
    targets = _documented_backups()
    assert len(targets) >= 3  # systemd, the compose command, cron
    # A folder (ending in /) gets daily copies and loses the ones older than BACKUP_KEEP_DAYS.
    assert [t for t in targets if not t.endswith("/")] == []
    backup_unit = (DEPLOY / "systemd" / "comeback-backup.service").read_text()
    assert "find " not in backup_unit  # one pruning mechanism: the CLI's
