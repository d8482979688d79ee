"""One keyword field of a generation as (document, value) pairs grouped by value, with its
values looked up by binary search and the pairs grouped by document on first use (or as the build
wrote them with the generation's table)."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from search.storage.reader import Snapshot

# Counting walks the matched documents' own values instead of every (document, value) pair
# when there are fewer than this share of documents as pairs (a gather per pair costs about
# as much as a few per document).
SPARSE_SHARE = 0.25
# Distinct (value, article) pairs are counted in a table of every possible pair when it has at
# most this many entries per pair counted (clearing and summing a table of booleans beats
# sorting the pairs: year over 29k xwlb paragraphs 0.3 ms, np.unique 2.4 ms).
DISTINCT_TABLE = 64


@dataclass(frozen=True)
class FieldColumn:
    """The (document, value) pairs of one indexed field, grouped by value."""

    values: Sequence[str]  # sorted
    index_of: Mapping[str, int]
    owners: np.ndarray  # docnum of each pair, grouped by value
    value_ids: np.ndarray  # value id of each pair
    starts: np.ndarray  # pairs of value i are owners[starts[i]:starts[i + 1]]
    # `by_document` as the build wrote it with the generation (None: grouped on first use).
    grouped: tuple[np.ndarray, np.ndarray, np.ndarray | None] | None = field(
        default=None, compare=False, repr=False
    )

    def documents_with(self, values: tuple[str, ...], size: int) -> np.ndarray:
        """A boolean mask of the documents having any of `values` (OR within a facet)."""
        mask = np.zeros(size, dtype=bool)
        for value in values:
            value_id = self.index_of.get(value)
            if value_id is not None:
                mask[self.owners[self.starts[value_id] : self.starts[value_id + 1]]] = True
        return mask

    def counts(self, mask: np.ndarray | None, documents: np.ndarray | None = None) -> np.ndarray:
        """How many documents in `mask` have each value; `documents`, if given, are the sorted
        docnums of `mask` (then a small result set costs in proportion to its size, and `mask`
        may be None when they are fewer than SPARSE_SHARE of the pairs)."""
        if documents is not None and len(documents) < SPARSE_SHARE * len(self.owners):
            chosen = self._values_of(documents)
        else:
            chosen = self.value_ids[mask[self.owners]]
        return np.bincount(chosen, minlength=len(self.values))

    def article_counts(
        self, article_of: np.ndarray, mask: np.ndarray | None, documents: np.ndarray | None = None
    ) -> np.ndarray:
        """How many distinct articles (`article_of`: docnum -> article number) have each value
        among the documents of `mask` (or the sorted `documents`, as `counts` takes them): what
        ticking the value gives a search listing articles."""
        owners, value_ids = self._pairs(mask, documents)
        articles = article_of[owners]
        # The articles present, numbered 0.. in order: a table of them is as small as can be.
        present = np.zeros(int(articles.max()) + 1 if len(articles) else 0, dtype=bool)
        present[articles] = True
        numbers = np.cumsum(present) - 1
        width = int(numbers[-1]) + 1 if len(numbers) else 0
        keys = value_ids.astype(np.int64) * width + numbers[articles]
        if len(self.values) * width <= DISTINCT_TABLE * len(keys):
            # Few values (year, industry): a table of the (value, article) pairs seen, no sort.
            seen = np.zeros(len(self.values) * width, dtype=bool)
            seen[keys] = True
            return np.count_nonzero(seen.reshape(len(self.values), width), axis=1)
        return np.bincount(np.unique(keys) // width, minlength=len(self.values))

    def repeats(self, documents: np.ndarray, groups: np.ndarray) -> np.ndarray:
        """Per value: how many of the sorted `documents` have it after another document of their
        reprint group (`groups`: docnum -> group id, every one of `documents` in a group) has it,
        what counting each group once per value takes off `counts`."""
        mask = None
        if len(documents) >= SPARSE_SHARE * len(self.owners):
            mask = np.zeros(max(int(documents[-1]), int(self.owners.max(initial=-1))) + 1, bool)
            mask[documents] = True
        owners, value_ids = self._pairs(mask, documents)
        owned_groups = groups[owners]
        width = int(owned_groups.max(initial=0)) + 1
        distinct = np.unique(value_ids.astype(np.int64) * width + owned_groups)
        every = np.bincount(value_ids, minlength=len(self.values))
        return every - np.bincount(distinct // width, minlength=len(self.values))

    def _pairs(
        self, mask: np.ndarray | None, documents: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The (docnum, value id) pairs of the documents of `mask` (or sorted `documents`)."""
        if documents is not None and len(documents) < SPARSE_SHARE * len(self.owners):
            starts, values, single = self.by_document
            documents = documents[documents < len(starts) - 2]  # past the last owner: none
            if single is not None:
                found = single[documents]
                return documents[found >= 0], found[found >= 0]
            number = starts[documents + 1] - starts[documents]
            return np.repeat(documents, number), self._values_of(documents)
        chosen = mask[self.owners]
        return self.owners[chosen], self.value_ids[chosen]

    def _values_of(self, documents: np.ndarray) -> np.ndarray:
        """The value ids of the sorted `documents`' pairs."""
        starts, values, single = self.by_document
        documents = np.minimum(documents, len(starts) - 2)  # past the last owner: none
        if single is not None:  # one value at most per document (year): one gather
            found = single[documents]
            return found[found >= 0]
        first = starts[documents]
        number = starts[documents + 1] - first
        # Positions first[i] .. first[i] + number[i] - 1 of every document, concatenated.
        shift = np.repeat(first - (np.cumsum(number) - number), number)
        return values[shift + np.arange(len(shift))]

    @functools.cached_property
    def by_document(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The pairs grouped by document: document d's value ids are
        values[starts[d]:starts[d + 1]]; for a field with one value at most per document,
        instead each document's value id (-1: none). Built on first use, once per generation,
        unless the build wrote it with the generation."""
        if self.grouped is not None:
            return self.grouped
        size = int(self.owners.max()) + 1 if len(self.owners) else 0
        per_document = np.bincount(self.owners, minlength=size)
        starts = np.zeros(size + 2, dtype=np.int64)  # starts[size]: every later docnum, none
        np.cumsum(per_document, out=starts[1 : size + 1])
        starts[size + 1] = starts[size]
        if not size or per_document.max() > 1:
            order = np.argsort(self.owners, kind="stable")
            return starts, self.value_ids[order].astype(np.int32), None
        # One value at most per document: a gather answers (no sort of the pairs by document).
        single = np.full(size + 1, -1, dtype=np.int32)
        single[self.owners] = self.value_ids
        return starts, np.zeros(0, dtype=np.int32), single


def read_column(snapshot: Snapshot, fieldname: str) -> FieldColumn:
    """A keyword field's (document, value) pairs (deleted documents are left out)."""
    values, owners, value_ids, starts = snapshot.strings(fieldname)
    return FieldColumn(values, SortedPositions(values), owners, value_ids, starts)


class SortedPositions(Mapping[str, int]):
    """value -> value id of sorted values, by binary search: building a dict of 65k article ids
    on every open would cost more than the lookups it saves."""

    def __init__(self, values: Sequence[str]) -> None:
        self._values = values

    def __getitem__(self, value: str) -> int:
        position = bisect.bisect_left(self._values, value)
        if position < len(self._values) and self._values[position] == value:
            return position
        raise KeyError(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)
