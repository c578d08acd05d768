"""Tests for ex04: auditing Google-style docstrings of a public API with ast."""

from __future__ import annotations

import inspect
import textwrap

import pytest
from practice import docstring_audit
from practice.docstring_audit import Issue, audit_source, parse_sections


def audit(source: str) -> list[tuple[int, str, str, str]]:
    return [(i.line, i.name, i.code, i.detail) for i in audit_source(textwrap.dedent(source))]


GOOD = '''
import json


def load(path, *, strict=False, **options):
    """Load a JSON file.

    Args:
        path (str): where the file is; a long description
            that continues here: with a colon.
        strict: refuse unknown keys.
        **options: passed to json.loads.

    Returns:
        The decoded data.

    Raises:
        FileNotFoundError: if the file is missing.
        ValueError: for bad JSON.
    """
    if not path:
        raise ValueError("no path")
    try:
        with open(path) as handle:
            return json.loads(handle.read(), **options)
    except OSError:
        raise


def stream(items):
    """Yield items one by one.

    Args:
        items: anything iterable.

    Yields:
        Each item.
    """
    yield from items


def log(message):
    """Write a message and return nothing.

    Args:
        message: the text.
    """
    def helper():
        return 42
    print(message)
    return None


class Store:
    """A store."""

    def __init__(self, name):
        self.name = name

    @property
    def size(self):
        return 3

    def get(self, key, default=None):
        """Return a value.

        Arguments:
            key: which one.
            default: fallback.

        Returns:
            The value.
        """
        return default

    def _private(self, x):
        raise KeyError(x)


def _helper(a):
    return a
'''


def test_a_well_documented_module_has_no_issues() -> None:
    got = audit(GOOD)
    assert got == [], f"audit_source(GOOD) should find nothing, got {got!r}"


@pytest.mark.parametrize(
    ("source", "want"),
    [
        ("def f(x):\n    return x\n", [(1, "f", "missing-docstring", "")]),
        ('def f():\n    """   """\n', [(1, "f", "missing-docstring", "")]),
        ('def f():\n    """Do it"""\n', [(1, "f", "summary-period", "")]),
        (
            'def f(a, b):\n    """Do it.\n\n    Args:\n        a: one.\n    """\n',
            [(1, "f", "arg-undocumented", "b")],
        ),
        (
            'def f(a):\n    """Do it.\n\n    Args:\n        a: one.\n        c: gone.\n    """\n',
            [(1, "f", "arg-unknown", "c")],
        ),
        (
            'def f(*args, **kw):\n    """Do it.\n\n    Args:\n        *args: values.\n    """\n',
            [(1, "f", "arg-undocumented", "kw")],
        ),
        ('def f():\n    """Do it."""\n    return 1\n', [(1, "f", "returns-missing", "")]),
        (
            'def f():\n    """Do it.\n\n    Returns:\n        Nothing really.\n    """\n',
            [(1, "f", "returns-unexpected", "")],
        ),
        ('def f():\n    """Do it."""\n    yield 1\n', [(1, "f", "yields-missing", "")]),
        (
            'def f(x):\n    """Do it.\n\n    Args:\n        x: v.\n    """\n    if x:\n        raise ValueError(x)\n'
            "    raise errors.Conflict\n",
            [(1, "f", "raises-undocumented", "Conflict"), (1, "f", "raises-undocumented", "ValueError")],
        ),
    ],
    ids=[
        "no-docstring",
        "blank-docstring",
        "no-period",
        "undocumented-arg",
        "unknown-arg",
        "kwargs",
        "returns-missing",
        "returns-unexpected",
        "yields-missing",
        "raises",
    ],
)
def test_each_rule(source: str, want: list[tuple[int, str, str, str]]) -> None:
    got = audit(source)
    assert got == want, f"audit_source({source!r}):\nwant {want!r}\ngot  {got!r}"


def test_methods_are_named_by_class_and_sorted_by_line() -> None:
    source = '''
    class Cart:
        """A cart."""

        def add(self, item):
            return item

        def total(self):
            """Sum up"""

    def checkout(cart, coupon):
        """Pay.

        Args:
            cart: the cart.
        """
        raise NotImplementedError
    '''
    got = audit(source)
    want = [
        (5, "Cart.add", "missing-docstring", ""),
        (8, "Cart.total", "summary-period", ""),
        (11, "checkout", "arg-undocumented", "coupon"),
        (11, "checkout", "raises-undocumented", "NotImplementedError"),
    ]
    assert got == want, f"issues should be (line, 'Class.method', code, detail) sorted:\nwant {want!r}\ngot  {got!r}"


def test_nested_functions_do_not_count() -> None:
    source = '''
    def outer():
        """Run a callback.

        Returns:
            The callback.
        """
        def inner():
            raise RuntimeError("inner")
        return inner

    def waits():
        """Wait."""
        def gen():
            yield 1
        gen()
    '''
    got = audit(source)
    assert got == [], f"raise/yield inside nested functions belong to them, got {got!r}"


def test_parse_sections() -> None:
    doc = """Fetch rows.

        More detail here.

        Args:
            query (str): SQL text: with colons
                and continuation.
            *params: values.

        Returns:
            A list of rows.
            Possibly empty.

        Raises:
            sqlite3.Error: when the database fails.
            ValueError: bad query.
        """
    got = parse_sections(doc)
    want = {
        "summary": ["Fetch rows."],
        "args": ["query", "params"],
        "returns": ["A list of rows.", "Possibly empty."],
        "raises": ["sqlite3.Error", "ValueError"],
    }
    assert got == want, f"parse_sections:\nwant {want!r}\ngot  {got!r}"


def test_issue_is_an_ordered_record() -> None:
    a, b = Issue(3, "f", "summary-period"), Issue(1, "g", "missing-docstring")
    assert sorted([a, b]) == [b, a], "Issue should sort by line first"
    assert audit_source("x = 1\n") == [], "a module without functions has nothing to report"
    with pytest.raises(SyntaxError):
        audit_source("def broken(:\n")


def test_this_module_passes_its_own_audit() -> None:
    source = inspect.getsource(docstring_audit)
    got = audit_source(source)
    assert got == [], f"document your own public functions to the same standard; issues: {got!r}"
    assert audit_source('def f():\n    """Do it"""\n'), "the audit must still find problems in other code"
