"""End-to-end heal rate: real tests, broken by real page changes, healed (or refused) by Medic with proof.

For a stratified sample of the healing corpus (``build_cases``), each case becomes a test that clicks the
target through the most robust unique locator on the original page and asserts that the *right* element was
clicked (the page reports it in a status line). The tests pass on the original pages, then run against the
changed pages through ``superagent``'s own heal job (inline executor, real pytest, real Chromium): broken tests
are diagnosed, patched and proven, or sent to review. A wrong winner clicks the wrong element, fails the
assertion and so can never pass the proof: "wrong heals accepted" must stay 0.

    .venv/bin/python benchmarks/healing_e2e.py [--per-mutation N]   # also run by healing.py --e2e N
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.async_api import async_playwright

from superagent.browser.chromium import launch_options
from superagent.browser.snapshot import inventory
from superagent.healing.synthesis import unique_locators
from superagent.jobs import check_job
from superagent.services import build_services
from superagent.settings import Settings

if __package__:
    from .healing_bench import TARGET_ATTR, TRUTH_ATTR, Case, build_cases, load_marked, marked_indices
else:
    from healing_bench import TARGET_ATTR, TRUTH_ATTR, Case, build_cases, load_marked, marked_indices

# Reports whether a click landed on the marked element; links and forms do not navigate away.
_PROBE = """<p id="bench-status">not clicked</p><script>
document.addEventListener('click', (e) => {
  const hit = e.target.closest('[%s]');
  e.preventDefault();
  document.getElementById('bench-status').textContent = hit ? 'ok' : 'wrong';
}, true);
</script>"""

TEST = """from playwright.sync_api import Page, expect


def test_case(page: Page) -> None:
    page.goto("/c{n}")
    {locator}.click()
    expect(page.locator("#bench-status")).to_have_text("ok")
"""


@dataclass
class E2EFigures:
    sampled: int
    broken: int
    healed: int
    refused: int
    wrong_heals_accepted: int
    heal_rate: float
    by_mutation: dict[str, tuple[int, int]]  # mutation -> (healed, broken)


def _with_probe(source: str, attr: str) -> str:
    probe = _PROBE % attr
    return source.replace("</body>", probe + "</body>") if "</body>" in source else source + probe


@contextmanager
def _serve(pages: dict[str, str]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "not found").encode())

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def sample(cases: list[Case], per_mutation: int, seed: int = 7) -> list[Case]:
    by_kind: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_kind[case.mutation].append(case)
    rng = random.Random(seed)
    return [c for kind in sorted(by_kind) for c in rng.sample(by_kind[kind], min(per_mutation, len(by_kind[kind])))]


async def _write_tests(cases: list[Case], folder: Path) -> dict[Path, Case]:
    """One test per case, with the original page's best locator and the target's fingerprint as sidecar."""
    written: dict[Path, Case] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(**launch_options())
        page = await browser.new_page()
        for n, case in enumerate(cases):
            await load_marked(page, case.before_html, TARGET_ATTR)
            elements = await inventory(page)
            marks = await marked_indices(page)
            index = next((i for i, m in enumerate(marks) if m is not None), None)
            if index is None:
                continue
            target = elements[index].fingerprint
            specs = unique_locators(target, [e.fingerprint for e in elements])
            if not specs:
                continue
            path = folder / f"test_case_{n}.py"
            path.write_text(TEST.format(n=n, locator=specs[0].code()))
            sidecar = {"steps": [{"locator": specs[0].code(), "action": "click", "page": f"/c{n}",
                                  "fingerprint": target.model_dump()}]}  # fmt: skip
            path.with_suffix(".fingerprints.json").write_text(json.dumps(sidecar))
            written[path] = case
        await browser.close()
    return written


def run_e2e(cases: list[Case], per_mutation: int = 4) -> E2EFigures:
    chosen = sample(cases, per_mutation)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "tests"
        folder.mkdir()
        written = asyncio.run(_write_tests(chosen, folder))
        numbered = {f"/c{p.stem.rsplit('_', 1)[1]}": c for p, c in written.items()}
        before = {path: _with_probe(c.before_html, TARGET_ATTR) for path, c in numbered.items()}
        after = {path: _with_probe(c.after_html, TRUTH_ATTR) for path, c in numbered.items()}
        settings = Settings(tests_dir=folder, artifacts_dir=root / "artifacts", state_dir=root / "state")
        env = {k: v for k, v in os.environ.items() if k.startswith("SUPERAGENT_")}
        paths = [str(p) for p in sorted(written)]
        with _serve(before) as url:
            good = asyncio.run(check_job(build_services(settings), paths, url, judge=False, runner_env=env)).report
        valid = [f.test_file for f in good.flows if f.status == "validated" and f.test_file]
        with _serve(after) as url:
            healed = asyncio.run(
                check_job(build_services(settings), valid, url, judge=True, heal=True, runner_env=env)
            ).report
            wrong = 0
            fixed = [f.test_file for f in healed.flows if f.healed and f.test_file]
            if fixed:  # re-run what Medic wrote: a wrong element would say "wrong"
                again = asyncio.run(check_job(build_services(settings), fixed, url, judge=False, runner_env=env)).report
                wrong = sum(f.status != "validated" for f in again.flows)
    by_file = {str(Path(p).resolve()): c for p, c in written.items()}
    broken = [f for f in healed.flows if f.healed or f.status == "in_review"]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for flow in broken:
        case = by_file[str(Path(flow.test_file or "").resolve())]
        tally[case.mutation][1] += 1
        tally[case.mutation][0] += int(flow.healed)
    healed_count = sum(f.healed for f in broken)
    return E2EFigures(
        sampled=len(valid),
        broken=len(broken),
        healed=healed_count,
        refused=len(broken) - healed_count,
        wrong_heals_accepted=wrong,
        heal_rate=healed_count / len(broken) if broken else 1.0,
        by_mutation={k: (v[0], v[1]) for k, v in sorted(tally.items())},
    )


def print_e2e(f: E2EFigures) -> None:
    print(f"\nend-to-end: {f.sampled} tests passing on the original pages, {f.broken} broken by the change")
    print(f"heal rate: {f.heal_rate:.1%} ({f.healed} healed with proof, {f.refused} refused and sent to review)")
    print(f"wrong heals accepted: {f.wrong_heals_accepted}  (must be 0)")
    print("per mutation (healed/broken): " + ", ".join(f"{k} {h}/{b}" for k, (h, b) in f.by_mutation.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-mutation", type=int, default=4, metavar="N", help="cases per mutation kind")
    args = parser.parse_args()
    print_e2e(run_e2e(build_cases(), args.per_mutation))


if __name__ == "__main__":
    main()
