"""The cost of roles on a shared deployment: a claim's review through the desk as is, and through the
desk as a signed-in editor (checker/access.py: the role read from the database before each write).

On a new SQLite database with the demo library and the example article, the same claim's note is
saved `--saves` times each way, alternately in rounds so that the machine's load weighs on both alike;
the medians are printed, with the median of the role look-up alone. Run:

    python -m benchmarks.bench_access [--saves 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from checker.access import Roles, acting_as
from checker.desk import Desk
from checker.service import check_and_store
from sources.demo import example_article, seed_demo
from sources.library import Library


def _median_ms(call, n: int) -> float:
    times = []
    for i in range(n):
        start = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        library, desk = Library.open(url), Desk.open(url)
        seed_demo(library)
        ex = example_article()
        article_id, result = check_and_store(
            ex.text, library, desk, title=ex.title, language=ex.language, published=ex.published, reviewer="bench"
        )
        claim_id = result.checks[0].claim.id
        roles = Roles(desk.engine)
        roles.add("editor@newsroom.test", "editor", by="bench")
        _, signed_in = acting_as("editor@newsroom.test", roles, library, desk)
        rounds = []
        for r in range(args.rounds):
            plain = _median_ms(
                lambda i: desk.review(article_id, claim_id, reviewer="bench", note=f"p{r}-{i}"), args.saves
            )
            checked = _median_ms(
                lambda i: signed_in.review(article_id, claim_id, reviewer="x", note=f"c{r}-{i}"), args.saves
            )
            rounds.append({"plain_ms": round(plain, 3), "signed_in_ms": round(checked, 3)})
        look_up = _median_ms(lambda i: roles.role_of("editor@newsroom.test"), 1000)
    print(json.dumps({"saves_per_round": args.saves, "rounds": rounds, "role_look_up_ms": round(look_up, 3)}, indent=1))


if __name__ == "__main__":
    main()
