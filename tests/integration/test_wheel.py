"""A built wheel works on its own: installed into a fresh virtualenv (away from the source checkout), it
lists the cases, builds the knowledge index and runs a scripted interview from the knowledge and prompts
it carries inside the package.

The wheel is built without network (hatchling comes with the dev install); the fresh venv installs it
without its dependencies and borrows them from this environment's site-packages through a .pth line, so
the test takes seconds instead of a 15-minute install. The project's own code is never on that path: the
editable install's hook is a .pth file, and .pth files in a directory added that way are not read.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(work.glob("interviewer-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "borrowed-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    pip = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                         capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return env_dir


def run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
           "INTERVIEWER_ENGINE__PHRASING": "draft"}
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(env_dir / "bin" / "interviewer"), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_the_installed_wheel_reads_its_own_data_and_runs(installed, tmp_path):
    where = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import interviewer, interviewer.paths as p; print(interviewer.__file__); "
                            "print(p.knowledge_dir()); print(p.prompts_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert all(str(installed) in line for line in where), where
    assert where[1].endswith("interviewer/_data/knowledge")

    cases = run(installed, tmp_path, "cases", "--json")
    assert cases.returncode == 0, cases.stderr
    assert len(json.loads(cases.stdout)) == 13

    built = run(installed, tmp_path, "kb", "build", "--json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["chunks_total"] > 500

    script = tmp_path / "script.jsonl"
    script.write_text(json.dumps({"text": "How many daily active users are there?"}) + "\n"
                      + json.dumps({"text": "Let's move on."}) + "\n")
    session = run(installed, tmp_path, "run", "--case", "video-recommendation", "--script", str(script), "--json")
    assert session.returncode == 0, session.stderr
    turns = json.loads(session.stdout)["turns"]
    assert turns[2]["move"] == "answer_fact" and turns[-1]["step"] == "frame"
