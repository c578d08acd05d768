"""Tests for ex02: parsing .env files precisely, with line numbers in errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice.dotenv_files import DotenvError, parse_dotenv


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("", {}),
        ("\n\n   \n", {}),
        ("# only a comment\n", {}),
        ("PORT=8080", {"PORT": "8080"}),
        ("PORT=8080\nHOST=localhost\n", {"PORT": "8080", "HOST": "localhost"}),
        ("  NAME =  spaced value  \n", {"NAME": "spaced value"}),
        ("EMPTY=\n", {"EMPTY": ""}),
        ("export TOKEN=abc\n", {"TOKEN": "abc"}),
        ("export\tTOKEN=abc\n", {"TOKEN": "abc"}),
        ("export=yes\n", {"export": "yes"}),
        ("_private_1=x\n", {"_private_1": "x"}),
        ("EQUALS=a=b==c\n", {"EQUALS": "a=b==c"}),
        ("LEVEL=debug # verbose for now\n", {"LEVEL": "debug"}),
        ("LEVEL=debug\t# tab before the comment\n", {"LEVEL": "debug"}),
        ("COLOR=#fff\n", {"COLOR": "#fff"}),
        ("URL=http://example.com/#anchor\n", {"URL": "http://example.com/#anchor"}),
        ("ONLY_COMMENT= # nothing here\n", {"ONLY_COMMENT": ""}),
        ("    # indented comment\nA=1", {"A": "1"}),
        ("PRICE=$5 and $HOME\n", {"PRICE": "$5 and $HOME"}),
        ("CAFE=caf\u00e9 \u2615\n", {"CAFE": "caf\u00e9 \u2615"}),
    ],
)
def test_unquoted_values(text: str, want: dict[str, str]) -> None:
    got = parse_dotenv(text)
    assert got == want, f"parse_dotenv({text!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("A='hello world'", "hello world"),
        ("A='  keep spaces  '", "  keep spaces  "),
        ("A='no \\n escapes ${HOME} here'", "no \\n escapes ${HOME} here"),
        ("A='has # hash'  # real comment", "has # hash"),
        ("A=''", ""),
        ('A="tab\\there"', "tab\there"),
        ('A="line1\\nline2"', "line1\nline2"),
        ('A="say \\"hi\\""', 'say "hi"'),
        ('A="back\\\\slash"', "back\\slash"),
        ('A="keep \\d unknown"', "keep \\d unknown"),
        ('A="pa$$word # not a comment"', "pa$$word # not a comment"),
        ('A="it\'s fine"', "it's fine"),
        ("A='say \"hi\"'", 'say "hi"'),
        ('A=""   ', ""),
        ('  A = "x"  # comment', "x"),
    ],
)
def test_quoted_values(text: str, want: str) -> None:
    got = parse_dotenv(text)
    assert got == {"A": want}, f"parse_dotenv({text!r}) should give A={want!r}, got {got!r}"


def test_quoted_values_may_span_lines() -> None:
    text = "KEY=\"-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----\"\nSINGLE='first\nsecond'\nAFTER=3\n"
    got = parse_dotenv(text)
    want = {
        "KEY": "-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----",
        "SINGLE": "first\nsecond",
        "AFTER": "3",
    }
    assert got == want, f"multi-line quoted values should keep their newlines:\n want {want!r}\n got  {got!r}"


@pytest.mark.parametrize(
    ("text", "environ", "want"),
    [
        ("HOST=db\nURL=postgres://${HOST}:5432", {}, "postgres://db:5432"),
        ('HOST=db\nURL="postgres://${HOST}/app"', {}, "postgres://db/app"),
        ("URL=${HOST}", {"HOST": "from-env"}, "from-env"),
        ("HOST=from-file\nURL=${HOST}", {"HOST": "from-env"}, "from-file"),
        ("URL=[${MISSING}]", {}, "[]"),
        ("URL=${MISSING:-fallback}", {}, "fallback"),
        ("EMPTY=\nURL=${EMPTY:-fallback}", {}, "fallback"),
        ("URL=${HOST:-fallback}", {"HOST": "set"}, "set"),
        ("URL='${HOST}'", {"HOST": "set"}, "${HOST}"),
        ('URL="\\${HOST}"', {"HOST": "set"}, "${HOST}"),
        ("URL=$HOST", {"HOST": "set"}, "$HOST"),
        ("A=1\nURL=${A}${A}-${A}", {}, "11-1"),
    ],
)
def test_interpolation(text: str, environ: dict[str, str], want: str) -> None:
    got = parse_dotenv(text, environ=environ)
    assert got["URL"] == want, (
        f"parse_dotenv({text!r}, environ={environ!r}) should give URL={want!r}, got {got.get('URL')!r}"
    )


def test_line_endings_and_byte_order_mark() -> None:
    text = "\ufeffA=1\r\nB='two'\r\n# c\r\nC=\"x\ny\"\r\n"
    got = parse_dotenv(text)
    want = {"A": "1", "B": "two", "C": "x\ny"}
    assert got == want, f"CRLF line endings and a leading BOM should be handled: want {want!r}, got {got!r}"


def test_keys_keep_file_order() -> None:
    got = list(parse_dotenv("Z=1\nA=2\nM=3\n"))
    assert got == ["Z", "A", "M"], f"keys should come back in file order, got {got!r}"


def test_duplicates_are_errors_unless_allowed() -> None:
    text = "PORT=1\nHOST=h\nPORT=2\nURL=${PORT}\n"
    with pytest.raises(DotenvError) as info:
        parse_dotenv(text)
    assert info.value.line == 3, f"the duplicate is on line 3, error says line {info.value.line}"
    message = str(info.value)
    assert "PORT" in message and "line 1" in message, (
        f"the message should name the key and where it was first set (line 1), got {message!r}"
    )
    got = parse_dotenv(text, allow_duplicates=True)
    want = {"PORT": "2", "HOST": "h", "URL": "2"}
    assert got == want, f"with allow_duplicates=True the last value wins: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("KEY", 1),
        ("A=1\nJUST_A_WORD\n", 2),
        ("1KEY=x", 1),
        ("MY-KEY=x", 1),
        ("A=1\n\n# c\nB='unterminated\nC=3\n", 4),
        ('A="unterminated', 1),
        ("A='x' trailing", 1),
        ('A=1\nB="x\ny" trailing\n', 3),
        ("A=${}", 1),
        ("A=${NAME", 1),
        ('A="${BAD-NAME}"', 1),
        ("A=1\nB=2\nA=3", 3),
        ("export KEY", 1),
    ],
)
def test_errors_carry_line_numbers(text: str, line: int) -> None:
    with pytest.raises(DotenvError) as info:
        parse_dotenv(text)
    assert info.value.line == line, (
        f"parse_dotenv({text!r}) should fail on line {line}, the error says line {info.value.line}: {info.value}"
    )
    assert str(info.value).startswith(f"line {line}:"), (
        f"the message should start with 'line {line}:', got {str(info.value)!r}"
    )


def test_unterminated_quote_reports_the_opening_line() -> None:
    text = 'A=1\nB="starts here\nand never\nends\n'
    with pytest.raises(DotenvError) as info:
        parse_dotenv(text)
    assert info.value.line == 2, f"report the line of the opening quote (2), got {info.value.line}"
    assert isinstance(info.value, ValueError), "DotenvError should be a ValueError"


def test_reads_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(
        "# local development settings\n"
        "export APP_ENV=dev\n"
        "DB_HOST=localhost\n"
        "DATABASE_URL=postgres://app:${DB_PASSWORD:-devpass}@${DB_HOST}:5432/app\n"
        "SECRET_KEY='s3cr3t#with$chars'\n"
        'MOTD="Welcome,\\n${USER}!"\n',
        encoding="utf-8",
    )
    got = parse_dotenv(path.read_text(encoding="utf-8"), environ={"USER": "ada"})
    want = {
        "APP_ENV": "dev",
        "DB_HOST": "localhost",
        "DATABASE_URL": "postgres://app:devpass@localhost:5432/app",
        "SECRET_KEY": "s3cr3t#with$chars",
        "MOTD": "Welcome,\nada!",
    }
    assert got == want, f"reading a realistic .env file:\n want {want!r}\n got  {got!r}"
