"""`kg ... | head`: a reader that closes the pipe early ends the command quietly."""
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "small.trig"
QUERY = "'SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }' --format csv"


@pytest.mark.parametrize("command", [f"query --graph {FIXTURE} {QUERY}", f"export --graph {FIXTURE} --format nquads"],
                         ids=["query", "export"])
def test_a_closed_pipe_ends_the_command_without_a_traceback(command):
    # The reader takes one line and closes its end; the command has hundreds more to print.
    done = subprocess.run(["bash", "-o", "pipefail", "-c", f"{sys.executable} -m kg {command} | head -n 1"],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
    assert done.returncode == 141  # 128 + SIGPIPE, as a shell reports for cat
