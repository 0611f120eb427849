"""Reading a page as a user sees it: the text of an element, without tags and with spaces collapsed."""

import re

from lxml import html


def tree(response):
    return html.fromstring(response.content.decode())


def text(node) -> str:
    return re.sub(r"\s+", " ", node.text_content()).strip()


def by_id(response, element_id: str) -> str:
    found = tree(response).xpath(f'//*[@id="{element_id}"]')
    assert found, f"no element #{element_id}"
    return text(found[0])


def by_testid(response, testid: str) -> list[str]:
    return [text(node) for node in tree(response).xpath(f'//*[@data-testid="{testid}"]')]


def inputs(node) -> list:
    """The editable inputs (not hidden) under a node."""
    return [field for field in node.xpath('.//input[not(@type="hidden")] | .//textarea | .//select')]
