#!/usr/bin/env bash
# Regenerate docs/SAMPLE-QUERIES.md: every named query run on the bundled sample's store.
# Run after `kg build` (which loads exports/store).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/SAMPLE-QUERIES.md
run() {
    printf '\n```\n$ %s\n' "$*" >> "$out"
    "$@" 2>&1 | head -n 22 >> "$out" || true
    printf '```\n' >> "$out"
}
cat > "$out" <<'HEAD'
# The named queries on the bundled sample

Real output of every named query (`queries/*.rq`) on the store `kg build` makes from the
bundled sample (`data/`, 329 papers), cut to the first 20 rows. Regenerate with
`scripts/sample_queries.sh` after `kg build`. What each query does, with its parameters:
`kg query --list`; how to write your own: [QUERIES.md](QUERIES.md).
HEAD
for name in top-benchmarks proposals co-benchmarks task-new-methods model-families; do
    printf '\n## %s\n' "$name" >> "$out"
    run kg query --name "$name"
done
printf '\n## leaderboard\n' >> "$out"
run kg query --name leaderboard --param benchmark=GSM8K
run kg query --name leaderboard --param benchmark=AndroidWorld
printf '\n## outperforms\n' >> "$out"
run kg query --name outperforms --param method=DeepAgent
run kg query --name outperforms --param method=Goedel-Prover-V2-8B
printf '\n## evidence\n' >> "$out"
paper=$(kg query --format csv 'SELECT ?id WHERE { ?p dcterms:title ?t ; dcterms:identifier ?id FILTER(STRSTARTS(?t, "DeepAgent:")) }' | tail -n 1 | tr -d '\r')
run kg query --name evidence --param "paper=$paper" --param relation=proposes --format csv
