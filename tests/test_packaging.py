"""What `pip install .` ships: the bundled sample and the data files the code reads."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg import api

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: setuptools is already installed, and tests must not reach an index.
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                           "-q", "-w", str(out)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"pip wheel failed: {done.stderr[-2000:]}")
    return zipfile.ZipFile(next(out.glob("*.whl")))


def test_the_wheel_carries_the_bundled_sample(wheel):
    shipped = {Path(n).name for n in wheel.namelist() if n.startswith("kg/sample/")}
    assert shipped == {p.name for p in (ROOT / "data").iterdir() if p.suffix == ".txt"}


@pytest.mark.parametrize("path", ["kg/data/graph_page.html", "kg/data/latex.json", "kg/ontology/akg.ttl",
                                  "kg/queries/leaderboard.rq"])
def test_the_wheel_carries_the_data_the_code_reads(wheel, path):
    assert path in wheel.namelist()


def test_outside_a_checkout_the_installed_sample_is_read(tmp_path, monkeypatch):
    installed = tmp_path / "sample"
    installed.mkdir()
    monkeypatch.setattr(api, "SAMPLE_DIR", tmp_path / "no-checkout" / "data")
    monkeypatch.setattr(api, "INSTALLED_SAMPLE", installed)
    assert api.sample_inputs() == [installed]


def test_without_either_the_message_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "SAMPLE_DIR", tmp_path / "a")
    monkeypatch.setattr(api, "INSTALLED_SAMPLE", tmp_path / "b")
    with pytest.raises(FileNotFoundError, match="pass INPUT files") as caught:
        api.sample_inputs()
    assert str(tmp_path / "a") in str(caught.value) and str(tmp_path / "b") in str(caught.value)
