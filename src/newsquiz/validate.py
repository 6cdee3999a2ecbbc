"""The rules of the bank format, checked while a bank is built from its YAML nodes.

Only a bank that is not in the cache comes here, so this module may import the YAML reader and
the text tools at the top.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import Problem, describe_character, printable
from .fields import FORMAT, SLUG, URL, URL_RULE, fold, inside_folder, is_iso_date
from .model import CHANGES, VERDICTS, Article, Bank, BankSummary, Choice, Claim, Evidence, Origin
from .text import (
    has_control_characters,
    layout,
    normalise,
    normalise_quote,
    paragraph_spans,
    quote_differences,
)
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
# A quote must say enough to pin one passage for a reader: "at least 42 killed" (4 words) or
# "Kazakhstan's" (12 characters) do, "the cost" does not.
MIN_QUOTE_WORDS = 3
MIN_QUOTE_CHARS = 12
# An ellipsis in a quote marks words left out ("..." and "…", which NFKC makes "...").
_ELISION = re.compile(r" ?\.\.\. ?")
# Quotation marks an author may type around a quote, meaning them as YAML's delimiters.
_CURLY = "‘’“”«»‚„"
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


ArticleReader = Callable[[Path], tuple["str | None", bytes, list[Problem]]]


def check_text(
    path: Path, text: str, read_article: ArticleReader
) -> tuple[Bank | None, list[Problem], bytes | None]:
    """Check a bank's YAML text: the bank when it is valid, every problem, the article's bytes.

    `read_article` reads the article file (bank.read_article): it is passed in so that this
    module stays below `bank` in the import order.
    """

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

    article, article_raw = _check_article(ck, root.items.get("article"), path, root, read_article)
    claims_node = root.items.get("claims")
    claims: list[Claim] = []
    lines: list[tuple[int, int]] = []
    if claims_node is None:
        ck.add(root, "missing 'claims:' (write 'claims: []' for a bank with no claims yet)")
    elif not isinstance(claims_node, Seq):
        ck.add(claims_node, "'claims' must be a list of claims")
    else:
        anchor = _Anchor(article) if article is not None else None
        seen: dict[str, int] = {}
        for node in claims_node.items:
            claim = _check_claim(ck, node, article, anchor, seen)
            if claim is not None and isinstance(node, Map):
                claims.append(claim)
                lines.append((node.items["id"].line, node.items["id"].col))
    if article is None or ck.problems:
        return None, ck.problems, article_raw
    where = printable(str(path))  # a warning is one line, whatever the path holds
    warnings = [] if claims else [f"{where}: the bank has no claims yet"]
    for claim, (line, col) in zip(claims, lines, strict=True):
        warnings.extend(f"{where}:{line}:{col}: {w}" for w in claim_warnings(claim))
    article_node = root.items["article"]
    assert isinstance(article_node, Map)  # the article was built from it
    id_pos = article_node.items["id"]
    summary = BankSummary.of(tuple(claims), tuple(lines), (id_pos.line, id_pos.col))
    return Bank.of(str(path), article, tuple(claims), tuple(warnings), summary), [], article_raw


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
    # libyaml refuses raw controls, but not raw invisible or direction-changing characters.
    bad = has_control_characters(value) if node.escaped or not value.isascii() else -1
    if bad >= 0:
        ck.add(
            node,
            f"'{what}' holds {describe_character(value[bad])}; "
            "remove it: bank text must not drive the terminal",
        )
        return None
    if not value.strip():
        ck.add(node, f"'{what}' must not be empty")
        return None
    return value.strip()


def _check_article(
    ck: _Checker, node: object, bank_path: Path, root: object, read_article: ArticleReader
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
        ck.add(node.items["url"], f"'url' must be {URL_RULE}")
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
        # Named as the bank is named (the path as given, beside it), not by its resolved path.
        shown = str(bank_path.parent / rel)
        ck.problems.extend(replace(p, path=shown) for p in problems)
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
        places = self.occurrences(needle)
        if not places and _ELISION.search(needle):
            return self._locate_elided(quote, needle)
        if not places:
            return None, self._curly_delimiters(quote) or self._not_found(needle, quote)
        first = places[0]
        if len(places) > 1:
            return None, self._repeated(needle)
        start, end = self.norm.original_span(first, first + len(needle))
        why = self._whole_words(start, end) or self._one_paragraph(start, end)
        if not why and _too_short(needle):
            why = (
                f'the quote "{needle}" is too short to pin a passage; quote at least '
                f"{MIN_QUOTE_WORDS} words or {MIN_QUOTE_CHARS} characters"
            )
        if why:
            return None, why
        return self._evidence(quote, start, end, ()), ""

    def _evidence(
        self, quote: str, start: int, end: int, parts: tuple[tuple[int, int], ...]
    ) -> Evidence:
        s_start, s_end, paragraph = self.layout.sentence_around(start, end)
        text = self.article.text
        return Evidence(quote, start, end, text[s_start:s_end], s_start, paragraph, parts)

    def _repeated(self, needle: str) -> str:
        """Why a quote found more than once is refused, naming the paragraphs it is in."""
        hay = self.norm.text
        places: list[int] = []
        at = hay.find(needle)
        while at >= 0:
            places.append(at)
            at = hay.find(needle, at + 1)
        paragraphs = [self.layout.paragraph_of(self.norm.starts[p]) for p in places]
        shown = [f"¶{n}" for n in dict.fromkeys(paragraphs)]
        where = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        inside = "twice in " if len(shown) == 1 else "in "
        if len(shown) == 1 and len(places) > 2:
            inside = f"{len(places)} times in "
        return (
            f"quote occurs {len(places)} times in the article ({inside}{where}); lengthen it "
            "until it occurs exactly once"
        )

    def _curly_delimiters(self, quote: str) -> str:
        """The advice for a quote written between curly quotes meant as YAML delimiters, or ''.

        `- ‘a 6% raise’` is a plain YAML scalar: the curly quotes are part of the text, and the
        article has none there. Said only when the quote without them is in the article.
        """
        bare = quote.strip().strip(_CURLY).strip()
        if bare == quote.strip() or not bare:
            return ""
        needle = normalise_quote(bare)
        if not needle or not self.occurrences(needle):
            return ""
        return (
            "the curly quotes became part of the quote (the article has none there); "
            "delimit YAML strings with straight ' or \", or leave them out"
        )

    def _not_found(self, needle: str, quote: str) -> str:
        """Why a quote was not found: the closest passage, and how the quote differs from it."""
        passage = self.closest(needle)
        shown = passage if len(passage) <= 160 else passage[:159] + "…"
        message = f'quote not found in the article; closest passage: "{shown}"'
        differences = quote_differences(needle, passage)
        if differences:
            message += "; " + "; ".join(differences)
        edges = quote.strip()
        if edges and (edges[0] in _CURLY or edges[-1] in _CURLY):
            message += (
                "; curly quotes around a quote are part of it: "
                "delimit YAML strings with straight ' or \""
            )
        return message

    def _whole_words(self, start: int, end: int) -> str:
        """Why a span that starts or ends inside a word is refused, or ''."""
        text = self.article.text
        for inside, at in (
            (start > 0 and text[start].isalnum() and text[start - 1].isalnum(), start),
            (end < len(text) and text[end - 1].isalnum() and text[end].isalnum(), end - 1),
        ):
            if inside:
                lo, hi = at, at + 1
                while lo > 0 and text[lo - 1].isalnum():
                    lo -= 1
                while hi < len(text) and text[hi].isalnum():
                    hi += 1
                edge = "starts" if at == start else "ends"
                return (
                    f'the quote {edge} inside the word "{text[lo:hi]}"; quote whole words '
                    f'("{text[start:end]}" is not)'
                )
        return ""

    def _one_paragraph(self, start: int, end: int) -> str:
        """Why a span across a paragraph break is refused, or ''."""
        first = self.layout.paragraph_of(start)
        last = self.layout.paragraph_of(end - 1)
        if first == last:
            return ""
        return (
            f"the quote runs across a paragraph break (from paragraph {first} into {last}); "
            "give each paragraph its own quote"
        )

    def _locate_elided(self, quote: str, needle: str) -> tuple[Evidence | None, str]:
        """Anchor "A ... B": every part found, in order, within one paragraph, exactly once."""
        parts = [p.strip() for p in _ELISION.split(needle) if p.strip()]
        if len(parts) < 2:
            return None, self._not_found(parts[0] if parts else needle, quote)
        hay = self.norm.text
        matches: list[list[tuple[int, int]]] = []
        missing = ""
        at = hay.find(parts[0])
        if at < 0:
            return None, f"in an elided quote, part 1: {self._not_found(parts[0], quote)}"
        while at >= 0 and len(matches) < 2:
            spans = [(at, at + len(parts[0]))]
            paragraph = self.layout.paragraph_of(self.norm.starts[at])
            for number, part in enumerate(parts[1:], start=2):
                nxt = hay.find(part, spans[-1][1])
                if nxt < 0 or self.layout.paragraph_of(self.norm.starts[nxt]) != paragraph:
                    missing = missing or (
                        f'part {number} "{part}" of the elided quote does not follow part '
                        f"{number - 1} in the same paragraph"
                    )
                    break
                spans.append((nxt, nxt + len(part)))
            else:
                matches.append(spans)
            at = hay.find(parts[0], at + 1)
        if not matches:
            return (
                None,
                missing + "; each part of an elided quote must come in order in one paragraph",
            )
        if len(matches) > 1:
            first, second = (self.layout.paragraph_of(self.norm.starts[m[0][0]]) for m in matches)
            where = f"twice in ¶{first}" if first == second else f"in ¶{first} and ¶{second}"
            return None, (
                f"the elided quote matches more than one passage ({where}); lengthen its first "
                "part until it occurs once"
            )
        original = tuple(self.norm.original_span(s, e) for s, e in matches[0])
        for s, e in original:
            why = self._whole_words(s, e) or self._one_paragraph(s, e)
            if why:
                return None, why
        if _too_short(" ".join(parts)):
            return None, (
                f"the elided quote is too short to pin a passage; quote at least "
                f"{MIN_QUOTE_WORDS} words or {MIN_QUOTE_CHARS} characters"
            )
        return self._evidence(quote, original[0][0], original[-1][1], original), ""

    def closest(self, needle: str) -> str:
        """The passage of the article most like a quote that was not found."""
        from .search import closest_passage

        return closest_passage(self.article, needle, limit=len(needle) + 400)


def _too_short(needle: str) -> bool:
    """Whether a quote is too short to pin down one passage for a reader."""
    return len(needle) < MIN_QUOTE_CHARS and len(needle.split()) < MIN_QUOTE_WORDS


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
                ck.add(
                    q,
                    "each evidence quote must be text, not a list or mapping; a quote holding "
                    "': ' or starting with [ or a quotation mark goes in single quotes, with "
                    "each ' doubled",
                )
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
        ck.add(node.items["appearance"], f"'appearance' must be {URL_RULE}")
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


# ---------------------------------------------------------------------------------------------
# Warnings: what a valid bank may still get wrong, where a machine can see it

PLACEHOLDER = "TODO"  # what `new`'s example claim marks every field to rewrite with
_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without skipped skip skips missed refused "
    "declined denied avoided failed cancelled canceled rejected absent".split()
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion trillion dozen dozens half third quarter twice".split()
)
_STOPWORDS = frozenset(
    "a an the of in on at to and or for by with from than more less about its it is was were "
    "be has had have his her their this that as".split()
)
_WORD = re.compile(r"[^\W_]+")


def claim_warnings(claim: Claim) -> list[str]:
    """What a valid claim may still get wrong that a machine can see: template text left in,
    an id that names the claim's answer, a choice whose answer stands out by its form."""
    found = []
    left = _placeholders(claim)
    if left:
        found.append(
            f"claim '{claim.id}' still holds the template's {PLACEHOLDER} text (in "
            f"{', '.join(left)}); rewrite it or delete the claim"
        )
    else:
        given = _id_value_words(claim)
        if given:
            found.append(
                f"claim id '{claim.id}' holds '{given[0]}', a value the claim turns on; name "
                "ids after the topic, so that an id shown in scripts and history gives "
                "nothing away"
            )
    if claim.choice is not None and not left:
        odd = _odd_form(claim.choice.answer, claim.choice.distractors)
        if odd:
            found.append(
                f"in the choice of '{claim.id}', the answer is the only option {odd}; give "
                "the distractors the same form"
            )
    return found


def _placeholders(claim: Claim) -> list[str]:
    fields = {
        "id": claim.id.upper().split("-"),
        "claim": claim.claim,
        "correction": claim.correction or "",
        "explanation": claim.explanation or "",
        "tags": [t.upper() for t in claim.tags],
    }
    if claim.choice is not None:
        c = claim.choice
        fields["choice"] = " ".join([c.question, c.answer, *c.distractors])
    return [name for name, value in fields.items() if PLACEHOLDER in value]


def _id_value_words(claim: Claim) -> list[str]:
    """The words of a claim's id that give its answer away.

    Those are: a word of the choice's answer that no distractor has; in a refuted claim, a value
    of the article's own version (a number, day, month, name or negation in the correction or the
    evidence) that the claim changed; and a negation the claim does not make ('skipped-summit'
    for "Modi attended the summit").
    """
    tokens = claim.id.split("-")
    # In a refuted claim, the words of the article's own version: the correction and the
    # evidence's sentences (read only then: most claims are not refuted).
    said = (
        [
            w
            for text in (claim.correction, *(e.sentence for e in claim.evidence))
            if text
            for w in _WORD.findall(text)
        ]
        if claim.verdict == "refuted"
        else []
    )
    # Most ids share no word with the claim's values: look closer only when one might.
    answer = claim.choice.answer if claim.choice is not None else ""
    near = f"{answer} {' '.join(said)}".lower()
    if not any(t in _NEGATIONS or t in near for t in tokens):
        return []
    in_claim = {w.lower() for w in _WORD.findall(claim.claim)}
    values = {t for t in tokens if t in _NEGATIONS and not any(w.startswith(t) for w in in_claim)}
    if claim.choice is not None:
        others = {w.lower() for d in claim.choice.distractors for w in _WORD.findall(d)}
        values |= {
            w.lower() for w in _WORD.findall(claim.choice.answer) if w.lower() not in _STOPWORDS
        } - others
    for w in said:
        low = w.lower()
        if low in in_claim:
            continue
        if (
            w[:1].isupper()
            or any(c.isdigit() for c in w)
            or low in _NEGATIONS
            or low in _CALENDAR
            or low in _NUMBER_WORDS
        ):
            values.add(low)
    return [t for t in tokens if t in values]


_FORMS = (
    ("a % sign", re.compile(r"%|percent", re.IGNORECASE)),
    ("a currency sign", re.compile(r"[$€£¥₹]")),
    ("digits", re.compile(r"\d")),
)


def _odd_form(answer: str, distractors: tuple[str, ...]) -> str:
    """How an answer stands out from all its distractors by its form alone, or ''."""
    for name, form in _FORMS:
        has = form.search(answer) is not None
        others = [form.search(d) is not None for d in distractors]
        if has and not any(others):
            return f"with {name}"
        if not has and all(others):
            return f"without {name}"
    longest = max(len(d) for d in distractors)
    if len(answer) >= 2 * longest and len(answer) - longest >= 12:
        return "much longer than the others"
    return ""
