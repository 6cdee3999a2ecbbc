"""Banks: find them, read them strictly, anchor every quote in the article, and report problems.

`check_bank` returns every problem in a bank at once (for `validate`); `load_library` loads the
banks a command needs and raises `BankError` when any of them is unusable.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BankError, Problem
from .model import CHANGES, VERDICTS, Article, Bank, Choice, Claim, Evidence

FORMAT = "newsquiz/1"
SIZE_CAP_ENV = "NEWSQUIZ_MAX_BYTES"
DEFAULT_SIZE_CAP = 25 * 1024 * 1024
BANK_ENV = "NEWSQUIZ_BANK"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.IGNORECASE)

BANK_KEYS = {"format", "article", "claims"}
ARTICLE_KEYS = {"id", "title", "published", "text", "sha256", "url"}
CLAIM_KEYS = {
    "id",
    "claim",
    "verdict",
    "evidence",
    "correction",
    "change",
    "explanation",
    "tags",
    "choice",
}
CHOICE_KEYS = {"question", "answer", "distractors"}


def size_cap() -> int:
    """The largest bank or article file newsquiz reads, in bytes."""
    raw = os.environ.get(SIZE_CAP_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_SIZE_CAP


def shipped_bank_dir() -> Path:
    """The folder of banks that ships with newsquiz."""
    here = Path(__file__).resolve().parent
    packaged = here / "questions"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "questions"  # a source checkout or an editable install


def bank_files(sources: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the list of bank files they name, in a stable order."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
            if not found:
                raise BankError([Problem(str(path), 1, 1, "this folder holds no .yaml bank")])
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise BankError([Problem(str(path), 1, 1, "no such bank file or folder")])
    return files


def default_sources(explicit: list[str] | None) -> list[str | Path]:
    """The banks to load: --bank, else $NEWSQUIZ_BANK, else the bank shipped with newsquiz."""
    if explicit:
        return list(explicit)
    env = os.environ.get(BANK_ENV, "")
    if env.strip():
        return [p for p in env.split(os.pathsep) if p]
    return [shipped_bank_dir()]


# ---------------------------------------------------------------------------------------------
# Reading files


def read_text_file(path: Path, label: str) -> tuple[str | None, bytes, list[Problem]]:
    """Read a UTF-8 file under the size cap; report a problem instead of raising."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, b"", [Problem(where, 1, 1, f"cannot read the {label}: {exc.strerror}")]
    cap = size_cap()
    if size > cap:
        return (
            None,
            b"",
            [
                Problem(
                    where,
                    1,
                    1,
                    f"the {label} is {size:,} bytes, over the limit "
                    f"of {cap:,}; raise {SIZE_CAP_ENV} to read it",
                )
            ],
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, b"", [Problem(where, 1, 1, f"cannot read the {label}: {exc.strerror}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_bytes(data, exc.start)
        return (
            None,
            data,
            [
                Problem(
                    where,
                    line,
                    col,
                    f"the {label} is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                )
            ],
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, data, []


def _line_col_bytes(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    col = index - (data.rfind(b"\n", 0, index) + 1) + 1
    return line, col


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


# ---------------------------------------------------------------------------------------------
# Checking a bank


@dataclass
class _Checker:
    """Collects the problems of one bank file as it is walked."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, node: object, message: str) -> None:
        line = getattr(node, "line", 1)
        col = getattr(node, "col", 1)
        self.problems.append(Problem(self.path, line, col, message))


def check_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    """Read and check one bank file: the bank when it is valid, and every problem found."""
    from . import cache

    text, raw, problems = read_text_file(path, "bank")
    if text is None:
        return None, problems
    hit = cache.lookup(path, raw)
    if hit is not None:
        return hit, []
    bank, problems, article_raw = _check_text(path, text)
    if bank is not None and not problems and article_raw is not None:
        cache.store(path, raw, bank, article_raw)
    return (bank if not problems else None), problems


def _check_text(path: Path, text: str) -> tuple[Bank | None, list[Problem], bytes | None]:
    from .yamlread import Map, Scalar, Seq, YamlProblem, read_yaml

    ck = _Checker(str(path))
    try:
        root = read_yaml(text, str(path))
    except YamlProblem as exc:
        return None, [exc.problem], None
    if not isinstance(root, Map):
        ck.add(root, "a bank is a mapping with the keys format, article and claims")
        return None, ck.problems, None
    _unknown_keys(ck, root, BANK_KEYS, "bank")
    fmt = root.items.get("format")
    if fmt is None:
        ck.add(root, f"missing 'format: {FORMAT}' at the top of the bank")
    elif not isinstance(fmt, Scalar) or fmt.value != FORMAT:
        shown = fmt.value if isinstance(fmt, Scalar) else "a list or mapping"
        ck.add(fmt, f"unsupported format '{shown}'; this newsquiz reads '{FORMAT}'")
        return None, ck.problems, None

    article, article_raw = _check_article(ck, root.items.get("article"), path, root)
    claims_node = root.items.get("claims")
    claims: list[Claim] = []
    if claims_node is None:
        ck.add(root, "missing 'claims:' (write 'claims: []' for a bank with no claims yet)")
    elif not isinstance(claims_node, Seq):
        ck.add(claims_node, "'claims' must be a list of claims")
    else:
        anchor = _Anchor(article) if article is not None else None
        seen: dict[str, int] = {}
        for node in claims_node.items:
            claim = _check_claim(ck, node, article, anchor, seen)
            if claim is not None:
                claims.append(claim)
    if article is None or ck.problems:
        return None, ck.problems, article_raw
    warnings = () if claims else (f"{path}: the bank has no claims yet",)
    return Bank(str(path), article, tuple(claims), warnings), [], article_raw


def _unknown_keys(ck: _Checker, node: object, allowed: set[str], what: str) -> None:
    from .yamlread import Map

    assert isinstance(node, Map)
    for key in node.items:
        if key not in allowed:
            line, col = node.key_pos[key]
            known = ", ".join(sorted(allowed))
            ck.problems.append(
                Problem(ck.path, line, col, f"unknown key '{key}' in the {what} (known: {known})")
            )


def _text(ck: _Checker, parent: object, key: str, *, required: bool = True) -> str | None:
    """Read a text field, checking its shape and refusing control characters."""
    from .yamlread import Map, Scalar

    assert isinstance(parent, Map)
    node = parent.items.get(key)
    if node is None or (isinstance(node, Scalar) and node.plain_empty):
        if required:
            ck.add(node or parent, f"missing '{key}'")
        return None
    if not isinstance(node, Scalar):
        ck.add(node, f"'{key}' must be text, not a list or mapping")
        return None
    return _clean(ck, node, key)


def _absent(parent: object, key: str) -> bool:
    """Tell whether a key is missing or given with no value at all."""
    from .yamlread import Map, Scalar

    assert isinstance(parent, Map)
    node = parent.items.get(key)
    return node is None or (isinstance(node, Scalar) and node.plain_empty)


def _clean(ck: _Checker, node: object, what: str) -> str | None:
    from .text import has_control_characters
    from .yamlread import Scalar

    assert isinstance(node, Scalar)
    value = node.value
    bad = has_control_characters(value)
    if bad >= 0:
        ck.add(
            node,
            f"'{what}' holds a control character (U+{ord(value[bad]):04X}); "
            "remove it: bank text must not drive the terminal",
        )
        return None
    if not value.strip():
        ck.add(node, f"'{what}' must not be empty")
        return None
    return value.strip()


def _check_article(
    ck: _Checker, node: object, bank_path: Path, root: object
) -> tuple[Article | None, bytes | None]:
    from .text import has_control_characters, paragraph_spans
    from .yamlread import Map

    if node is None:
        ck.add(root, "missing 'article:' (id, title, published, text)")
        return None, None
    if not isinstance(node, Map):
        ck.add(node, "'article' must be a mapping with id, title, published and text")
        return None, None
    _unknown_keys(ck, node, ARTICLE_KEYS, "article")
    art_id = _text(ck, node, "id")
    if art_id is not None and not SLUG.match(art_id):
        ck.add(
            node.items["id"],
            f"article id '{art_id}' must be a slug (lowercase letters, digits and single hyphens)",
        )
    title = _text(ck, node, "title")
    published = _text(ck, node, "published")
    if published is not None and not _is_iso_date(published):
        ck.add(
            node.items["published"],
            f"'published' must be an ISO date like 2024-07-09, not '{published}'",
        )
    url = _text(ck, node, "url", required=False)
    if url is not None and not re.match(r"https?://\S+\Z", url):
        ck.add(node.items["url"], "'url' must be an http or https address")
    sha = _text(ck, node, "sha256", required=False)
    if sha is not None and not _HEX64.match(sha):
        ck.add(node.items["sha256"], "'sha256' must be 64 lowercase hexadecimal digits")
        sha = None
    rel = _text(ck, node, "text")
    if rel is None:
        return None, None
    text_node = node.items["text"]
    article_path, why = _inside_folder(bank_path, rel)
    if article_path is None:
        ck.add(text_node, why)
        return None, None
    text, raw, problems = read_text_file(article_path, "article")
    if text is None:
        ck.problems.extend(problems)
        return None, raw
    bad = has_control_characters(text)
    if bad >= 0:
        line, col = _line_col(text, bad)
        ck.problems.append(
            Problem(
                str(article_path),
                line,
                col,
                f"the article holds a control character (U+{ord(text[bad]):04X})",
            )
        )
        return None, raw
    digest = hashlib.sha256(raw).hexdigest()
    if sha is not None and sha != digest:
        ck.add(
            node.items["sha256"],
            f"sha256 does not match {rel} (the file's is {digest}); "
            "the article changed: re-check the quotes, then update it",
        )
    if not text.strip():
        ck.add(text_node, f"the article file {rel} is empty")
        return None, raw
    if art_id is None or title is None or published is None:
        return None, raw
    article = Article(
        art_id, title, published, text, str(article_path), digest, url, tuple(paragraph_spans(text))
    )
    return article, raw


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _inside_folder(bank_path: Path, rel: str) -> tuple[Path | None, str]:
    """Resolve the article path, refusing anything that leaves the bank's folder."""
    pure = Path(rel)
    if pure.is_absolute() or rel.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", rel):
        return None, f"'text' must be a path inside the bank's folder, not the absolute '{rel}'"
    if ".." in re.split(r"[\\/]", rel):
        return None, f"'text' must stay inside the bank's folder; '{rel}' climbs out with '..'"
    folder = bank_path.resolve().parent
    target = folder / pure
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, f"the article file '{rel}' does not exist beside the bank"
    if folder != real.parent and folder not in real.parents:
        return None, f"'text' must stay inside the bank's folder; '{rel}' is a link to {real}"
    if not real.is_file():
        return None, f"the article path '{rel}' is not a file"
    return real, ""


class _Anchor:
    """Finds quotes in one article: normalised once, searched many times."""

    def __init__(self, article: Article) -> None:
        from .text import layout, normalise

        self.article = article
        self.norm = normalise(article.text)
        self.layout = layout(article.text)

    def locate(self, quote: str) -> tuple[Evidence | None, str]:
        """Return the evidence for a quote, or why it cannot be anchored."""
        from .text import normalise_quote

        needle = normalise_quote(quote)
        if not needle:
            return None, "an evidence quote must not be empty"
        hay = self.norm.text
        first = hay.find(needle)
        if first < 0:
            return (
                None,
                f'quote not found in the article; closest passage: "{self.closest(needle)}"',
            )
        second = hay.find(needle, first + 1)
        if second >= 0:
            count = hay.count(needle)
            count = max(count, 2)
            return None, (
                f"quote occurs {count} times in the article; lengthen it until it "
                "occurs exactly once"
            )
        start, end = self.norm.original_span(first, first + len(needle))
        s_start, s_end, paragraph = self.layout.sentence_around(start, end)
        text = self.article.text
        return Evidence(quote, start, end, text[s_start:s_end], s_start, paragraph), ""

    def closest(self, needle: str) -> str:
        """The passage of the article most like a quote that was not found."""
        from .search import closest_passage

        return closest_passage(self.norm.text, needle)


def _check_claim(
    ck: _Checker,
    node: object,
    article: Article | None,
    anchor: _Anchor | None,
    seen: dict[str, int],
) -> Claim | None:
    from .yamlread import Map, Scalar, Seq

    if not isinstance(node, Map):
        ck.add(node, "each claim must be a mapping with id, claim, verdict and evidence")
        return None
    before = len(ck.problems)
    _unknown_keys(ck, node, CLAIM_KEYS, "claim")
    cid = _text(ck, node, "id")
    if cid is not None:
        if not SLUG.match(cid):
            ck.add(
                node.items["id"],
                f"claim id '{cid}' must be a slug (lowercase letters, digits and single hyphens)",
            )
        elif cid in seen:
            ck.add(node.items["id"], f"duplicate claim id '{cid}' (first on line {seen[cid]})")
        else:
            seen[cid] = node.items["id"].line
    claim_text = _text(ck, node, "claim")
    verdict = _text(ck, node, "verdict")
    if verdict is not None and verdict not in VERDICTS:
        ck.add(node.items["verdict"], f"verdict '{verdict}' must be one of {', '.join(VERDICTS)}")
        verdict = None
    correction = _text(ck, node, "correction", required=False)
    change = _text(ck, node, "change", required=False)
    explanation = _text(ck, node, "explanation", required=False)
    if verdict == "refuted":
        if correction is None and _absent(node, "correction"):
            ck.add(node, "a refuted claim needs a 'correction': what the article does say")
        if change is None and _absent(node, "change"):
            ck.add(node, f"a refuted claim needs a 'change': one of {', '.join(CHANGES)}")
        elif change is not None and change not in CHANGES:
            ck.add(node.items["change"], f"change '{change}' must be one of {', '.join(CHANGES)}")
    elif verdict is not None:
        for key in ("correction", "change"):
            if not _absent(node, key):
                line, col = node.key_pos[key]
                ck.problems.append(
                    Problem(
                        ck.path,
                        line,
                        col,
                        f"'{key}' belongs only to refuted claims, and this one is {verdict}",
                    )
                )
    tags: list[str] = []
    tags_node = node.items.get("tags")
    if tags_node is not None and not (isinstance(tags_node, Scalar) and tags_node.plain_empty):
        if not isinstance(tags_node, Seq):
            ck.add(tags_node, "'tags' must be a list, like [energy, numbers]")
        else:
            for t in tags_node.items:
                if not isinstance(t, Scalar):
                    ck.add(t, "each tag must be a word")
                    continue
                value = _clean(ck, t, "tag")
                if value is not None and not SLUG.match(value):
                    ck.add(t, f"tag '{value}' must be a slug (lowercase letters, digits, hyphens)")
                elif value is not None and value not in tags:
                    tags.append(value)
    evidence: list[Evidence] = []
    ev_node = node.items.get("evidence")
    if ev_node is None:
        ck.add(node, "missing 'evidence': one or more quotes from the article")
    elif not isinstance(ev_node, Seq) or not ev_node.items:
        ck.add(ev_node, "'evidence' must be a list of one or more quotes from the article")
    else:
        for q in ev_node.items:
            if not isinstance(q, Scalar):
                ck.add(q, "each evidence quote must be text")
                continue
            quote = _clean(ck, q, "evidence")
            if quote is None or anchor is None:
                continue
            found, why = anchor.locate(quote)
            if found is None:
                ck.add(q, why)
            else:
                evidence.append(found)
    choice = _check_choice(ck, node.items.get("choice"))
    if len(ck.problems) > before or article is None:
        return None
    assert cid is not None and claim_text is not None and verdict is not None
    return Claim(
        cid,
        article.id,
        claim_text,
        verdict,
        tuple(evidence),
        correction,
        change,
        explanation,
        tuple(tags),
        choice,
    )


def _check_choice(ck: _Checker, node: object) -> Choice | None:
    from .yamlread import Map, Scalar, Seq

    if node is None or (isinstance(node, Scalar) and node.plain_empty):
        return None
    if not isinstance(node, Map):
        ck.add(node, "'choice' must be a mapping with question, answer and distractors")
        return None
    _unknown_keys(ck, node, CHOICE_KEYS, "choice")
    question = _text(ck, node, "question")
    answer = _text(ck, node, "answer")
    dnode = node.items.get("distractors")
    distractors: list[str] = []
    if dnode is None:
        ck.add(node, "missing 'distractors': 2 to 4 wrong answers")
        return None
    if not isinstance(dnode, Seq):
        ck.add(dnode, "'distractors' must be a list of 2 to 4 wrong answers")
        return None
    if not 2 <= len(dnode.items) <= 4:
        ck.add(dnode, f"a choice needs 2 to 4 distractors, not {len(dnode.items)}")
    seen = {fold(answer)} if answer else set()
    for d in dnode.items:
        if not isinstance(d, Scalar):
            ck.add(d, "each distractor must be text")
            continue
        value = _clean(ck, d, "distractor")
        if value is None:
            continue
        if fold(value) in seen:
            ck.add(d, f"distractor '{value}' repeats the answer or another distractor")
        elif _ABOVE.search(value):
            ck.add(d, f"'{value}': no all/none of the above; give a real alternative")
        seen.add(fold(value))
        distractors.append(value)
    if answer and _ABOVE.search(answer):
        ck.add(node.items["answer"], "the answer cannot be all/none of the above")
    if question is None or answer is None:
        return None
    return Choice(question, answer, tuple(distractors))


def fold(text: str) -> str:
    """Fold case and white space, for comparing answers and options."""
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------------------------------------
# Loading several banks


@dataclass(frozen=True)
class Library:
    """The banks a command works on, with claims and articles looked up by id."""

    banks: tuple[Bank, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim, in bank order."""
        return tuple(c for b in self.banks for c in b.claims)

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, if any bank has it."""
        for bank in self.banks:
            for c in bank.claims:
                if c.id == claim_id:
                    return c
        return None

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        for bank in self.banks:
            if bank.article.id == article_id:
                return bank.article
        raise KeyError(article_id)

    @property
    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return sorted({t for c in self.claims for t in c.tags})


def check_library(files: list[Path]) -> tuple[list[Bank], list[Problem], list[str]]:
    """Check every file, then the ids that must be unique across banks."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    for f in files:
        bank, found = check_bank(f)
        problems.extend(found)
        if bank is not None:
            banks.append(bank)
    problems.extend(_cross_bank_problems(banks))
    warnings = [w for b in banks for w in b.warnings]
    return banks, problems, warnings


def _cross_bank_problems(banks: list[Bank]) -> Iterator[Problem]:
    articles: dict[str, str] = {}
    claims: dict[str, str] = {}
    for bank in banks:
        if bank.article.id in articles:
            yield Problem(
                bank.path,
                1,
                1,
                f"article id '{bank.article.id}' is also used by {articles[bank.article.id]}",
            )
        articles.setdefault(bank.article.id, bank.path)
        for c in bank.claims:
            if c.id in claims and claims[c.id] != bank.path:
                yield Problem(bank.path, 1, 1, f"claim id '{c.id}' is also used by {claims[c.id]}")
            claims.setdefault(c.id, bank.path)


def load_library(sources: list[str] | None = None) -> Library:
    """Load the banks named (or the default ones), raising BankError if any is unusable."""
    files = bank_files(default_sources(sources))
    banks, problems, _ = check_library(files)
    if problems:
        raise BankError(sorted(problems))
    return Library(tuple(banks))
