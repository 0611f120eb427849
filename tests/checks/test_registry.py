"""One code, one severity: every finding the product makes carries its rule's registered severity and title."""

from pathlib import Path

from jixiao.checks.registry import RULES
from jixiao.healthcheck.domain import check_report
from tests.scoring.shipped import SHIPPED_BOOK

CORPUS = Path(__file__).resolve().parent.parent / "healthcheck" / "corpus" / "documents"


def test_every_health_check_finding_on_the_corpus_has_its_rules_severity():
    seen = set()
    for path in sorted(CORPUS.iterdir()):
        for finding in check_report(path.name, path.read_bytes(), SHIPPED_BOOK).findings:
            rule = RULES[finding.code]  # a code nobody registered is a KeyError here
            assert finding.severity == rule.severity, (path.name, finding.code, finding.severity, rule.severity)
            seen.add(finding.code)
    # The corpus exercises a good part of the registry, so this is not a test of nothing.
    assert len(seen) >= 10, seen
