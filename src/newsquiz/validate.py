"""The rules of the bank format, checked while a bank is built from its YAML nodes.

Only a bank that is not in the cache comes here, so this module may import the YAML reader and
the text tools at the top.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bank import FORMAT, SLUG, URL, fold, inside_folder, is_iso_date, read_article
from .errors import Problem
from .model import CHANGES, VERDICTS, Article, Bank, Choice, Claim, Evidence, Origin
from .text import has_control_characters, layout, normalise, normalise_quote, paragraph_spans
from .yamlread import Map, Scalar, Seq, YamlProblem, read_yaml

_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
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
    "claimant",
    "appearance",
    "appeared",
}
CHOICE_KEYS = {"question", "answer", "distractors"}
K = 8  # window of the quote index
INDEX_FROM = 16_384  # articles shorter than this are searched directly


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


def check_text(path: Path, text: str) -> tuple[Bank | None, list[Problem], bytes | None]:

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
    return Bank.of(str(path), article, tuple(claims), warnings), [], article_raw


def _unknown_keys(ck: _Checker, node: object, allowed: set[str], what: str) -> None:

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

    assert isinstance(parent, Map)
    node = parent.items.get(key)
    return node is None or (isinstance(node, Scalar) and node.plain_empty)


def _clean(ck: _Checker, node: object, what: str) -> str | None:

    assert isinstance(node, Scalar)
    value = node.value
    bad = has_control_characters(value) if node.escaped else -1
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
    if published is not None and not is_iso_date(published):
        ck.add(
            node.items["published"],
            f"'published' must be an ISO date like 2024-07-09, not '{published}'",
        )
    url = _text(ck, node, "url", required=False)
    if url is not None and not URL.match(url):
        ck.add(node.items["url"], "'url' must be an http or https address")
    sha = _text(ck, node, "sha256", required=False)
    if sha is not None and not _HEX64.match(sha):
        ck.add(node.items["sha256"], "'sha256' must be 64 lowercase hexadecimal digits")
        sha = None
    rel = _text(ck, node, "text")
    if rel is None:
        return None, None
    text_node = node.items["text"]
    article_path, why = inside_folder(bank_path, rel)
    if article_path is None:
        ck.add(text_node, why)
        return None, None
    text, raw, problems = read_article(article_path)
    if text is None:
        ck.problems.extend(problems)
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


class _Anchor:
    """Finds quotes in one article: normalised once, searched many times."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.norm = normalise(article.text)
        self.layout = layout(article.text)
        self._index: dict[str, list[int]] | None = None

    def occurrences(self, needle: str) -> list[int]:
        """Where a normalised quote starts in the normalised article: up to two places.

        A short article is simply searched. A long one is indexed once by every K-character
        window, so that each quote costs a lookup instead of a scan of the whole article:
        many quotes against a long article would otherwise be quadratic.
        """
        hay = self.norm.text
        if len(hay) < INDEX_FROM or len(needle) < K:
            first = hay.find(needle)
            if first < 0:
                return []
            second = hay.find(needle, first + 1)
            return [first] if second < 0 else [first, second]
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i in range(len(hay) - K + 1):
                index.setdefault(hay[i : i + K], []).append(i)
            self._index = index
        # Anchor on the quote's rarest window: few candidates, each checked in place.
        best_offset, best = 0, None
        for offset in range(len(needle) - K + 1):
            places = self._index.get(needle[offset : offset + K])
            if places is None:
                return []
            if best is None or len(places) < len(best):
                best_offset, best = offset, places
                if len(places) == 1:
                    break
        found: list[int] = []
        for place in best or ():
            start = place - best_offset
            if start >= 0 and hay.startswith(needle, start):
                found.append(start)
                if len(found) == 2:
                    break
        return found

    def locate(self, quote: str) -> tuple[Evidence | None, str]:
        """Return the evidence for a quote, or why it cannot be anchored."""
        needle = normalise_quote(quote)
        if not needle:
            return None, "an evidence quote must not be empty"
        hay = self.norm.text
        places = self.occurrences(needle)
        if not places:
            return (
                None,
                f'quote not found in the article; closest passage: "{self.closest(needle)}"',
            )
        first = places[0]
        if len(places) > 1:
            count = max(hay.count(needle), 2)
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

        return closest_passage(self.article, needle)


def _check_claim(
    ck: _Checker,
    node: object,
    article: Article | None,
    anchor: _Anchor | None,
    seen: dict[str, int],
) -> Claim | None:

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
    origin = _check_origin(ck, node)
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
        origin,
    )


def _check_origin(ck: _Checker, node: Map) -> Origin | None:
    """Who made the claim and where (`claimant`, `appearance`), and when (`appeared`)."""
    claimant = _text(ck, node, "claimant", required=False)
    url = _text(ck, node, "appearance", required=False)
    date = _text(ck, node, "appeared", required=False)
    if url is not None and not URL.match(url):
        ck.add(node.items["appearance"], "'appearance' must be an http or https address")
        return None
    if date is not None and not is_iso_date(date):
        ck.add(node.items["appeared"], "'appeared' must be an ISO date like 2024-07-09")
        return None
    if claimant is None and url is None and date is None:
        return None
    if claimant is None or url is None:
        ck.add(
            node,
            "'claimant' and 'appearance' go together: who made the claim and the address "
            "where it was made",
        )
        return None
    return Origin(claimant, url, date)


def _check_choice(ck: _Checker, node: object) -> Choice | None:

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
