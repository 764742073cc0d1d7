"""kg.extraction.bench: the speed script runs and reports every component it times."""
import json

from kg.extraction import bench, load


def write_corpus(path, n=3):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"x{i}", "title": "Traffic Anomaly Resolution with Agents",
                                  "abstract": "We evaluate on tasks such as table bussing and grocery shopping."}) + "\n")
    return path


def test_component_cpu_times_every_pipeline_component(tmp_path):
    papers = bench.read_papers(str(write_corpus(tmp_path / "c.jsonl")), 0)
    seconds = bench.component_cpu(papers)
    assert list(seconds) == load().nlp.pipe_names
    assert all(s >= 0 for s in seconds.values())


def test_bench_prints_component_times_on_request(tmp_path, capsys):
    assert bench.main([str(write_corpus(tmp_path / "c.jsonl")), "-j", "1", "--components"]) == 0
    out = capsys.readouterr().out
    assert "CPU seconds per component: akg_sentences" in out and "akg_phrases" in out
