"""The vocabularies load, carry the issue's facet labels exactly; bad YAML gets a clear error."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest

from search.entities.schema import read_yaml
from search.entities.taxonomy import DEFAULT_DIRECTORY, TaxonomyError, load_taxonomy
from search.errors import GaoxinError

INDUSTRIES = "生物医药 新一代信息技术 智能制造与高端装备 新材料 新能源与节能环保 汽车与智能网联"
INDUSTRIES = [*INDUSTRIES.split(), "金融", "现代服务业", "海洋经济"]
POLICY_TYPES = [
    *["招商引资", "审批服务改革", "企业服务与营商环境", "科技金融", "财政奖补", "人才政策"],
    *["科技创新与孵化", "企业梯度培育", "产业链培育", "土地与空间", "住房保障", "开放合作"],
    *["安全生产", "发展规划", "基础设施建设"],
]


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_facet_labels_are_exactly_the_controlled_vocabularies(taxonomy) -> None:
    assert [c.label for c in taxonomy.industries if c.parent is None] == INDUSTRIES
    assert [c.label for c in taxonomy.policy_types] == POLICY_TYPES


def test_second_level_industries_roll_up_to_their_top_label(taxonomy) -> None:
    devices = next(c for c in taxonomy.industries if c.label == "医疗器械")
    assert devices.parent == "生物医药" and devices.facet_value == "生物医药"


def test_park_aliases_map_the_legal_name_to_the_canonical_park(taxonomy) -> None:
    aliases = taxonomy.park_aliases()
    assert "青岛高新技术产业开发区" in aliases["青岛高新区"]
    assert "武汉东湖新技术开发区" in aliases["东湖高新区"]
    parks = taxonomy.park_by_name()
    assert parks["青岛蓝色生物医药产业园"].parent == "青岛高新区"
    assert parks["青岛高新区"].city == "青岛" and parks["青岛高新区"].province == "山东"


def test_dictionary_words_teach_jieba_parks_aliases_and_organisations(taxonomy) -> None:
    words = {word: (frequency, tag) for word, frequency, tag in taxonomy.dictionary_words()}
    assert words["青岛高新技术产业开发区"][1] == "ns"
    assert words["阿斯利康"][1] == "nt"
    assert all(isinstance(word, str) and word for word in words)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "taxonomy"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "parks.yaml",
            "kind: 国家高新区, parent: null, city: 青岛",
            "kind: 高新区, parent: null, city: 青岛",
            "parks.yaml: park '青岛高新区': kind",
        ),
        (
            "parks.yaml",
            "parent: 青岛高新区, city: 青岛",
            "parent: 不存在, city: 青岛",
            "unknown parent '不存在'",
        ),
        (
            "parks.yaml",
            "aliases: [蓝色生物医药产业园]",
            "aliases: [青岛高新区]",
            "'青岛高新区' already names",
        ),
        (
            "industries.yaml",
            "triggers: [新材料, 先进材料,",
            "triggers: []\n    unused: [",
            "(新材料): `triggers` must be",
        ),
        (
            "policy_types.yaml",
            "'最高(给予|奖励|补助|补贴|资助)'",
            "'最高(给予'",
            "not a valid regex",
        ),
        (
            "policy_types.yaml",
            "weak: [人才, 院士, 人才队伍]",
            "weak: 人才",
            "(人才政策): `weak` must be a list",
        ),
        (
            "policy_types.yaml",
            "titled: [民营, 政策]",
            "titled: 民营",
            "(企业服务与营商环境): `titled` must be a list of words",
        ),
        (
            "organizations.yaml",
            "{suffix: 大学, proper: true}",
            "{suffix: 大学, proper: maybe}",
            "organizations.yaml: suffixes",
        ),
        (
            "organizations.yaml",
            "reporting_verbs: [会见, ",
            "reporting_verbs: 会见\nunused: [",
            "organizations.yaml: `reporting_verbs` must be a list of strings",
        ),
        ("park_words.yaml", "suffixes:", "suffixes: [", "park_words.yaml: not valid YAML"),
        (
            "parks.yaml",
            "short_names: [两江]",
            "short_names: 两江",
            "park '两江新区': `short_names` must be a list of strings",
        ),
        (
            "parks.yaml",
            "aliases: [重庆两江新区]",
            "aliases: 重庆两江新区",
            "park '两江新区': `aliases` must be a list of strings",
        ),
    ],
)
def test_schema_errors_name_the_file_and_the_entry(tmp_path, file, old, new, message) -> None:
    directory = _copy(tmp_path)
    _replace(directory / file, old, new)
    with pytest.raises(TaxonomyError, match=re.escape(message)):
        load_taxonomy(directory)


PARK = "  - {name: %s, aliases: [%s], kind: 功能区, parent: null, city: 青岛, province: 山东}\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (PARK % ("青岛高新区", ""), "park '青岛高新区' is listed again (first at line {first})"),
        (PARK % ("青岛新园", "青岛高新区"), "already names '青岛高新区' (line {first})"),
        (PARK % ("青岛新园", "青岛新园区, 青岛新园区"), "'青岛新园区' already names '青岛新园'"),
    ],
    ids=["park-twice", "alias-of-another-park", "alias-twice-in-one-entry"],
)
def test_a_repeated_park_name_or_alias_is_refused_with_its_line(tmp_path, entry, message) -> None:
    directory = _copy(tmp_path)
    parks = directory / "parks.yaml"
    lines = parks.read_text(encoding="utf-8").splitlines()
    first = 1 + next(n for n, line in enumerate(lines) if "{name: 青岛高新区," in line)
    with parks.open("a", encoding="utf-8") as appended:  # the repeat: a new last line
        appended.write(entry)
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(directory)
    assert str(error.value).startswith(f"parks.yaml, line {len(lines) + 1}: park ")
    assert message.format(first=first) in str(error.value)


ORGANIZATION = "  - {name: %s, aliases: [%s]}\n"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            ORGANIZATION % ("中国科学院", ""),
            "organization '中国科学院' is listed again (first at line {first}): keep one entry",
        ),
        (
            ORGANIZATION % ("中科大", "中科院"),
            "organization '中科大': '中科院' already names '中国科学院' (line {first})",
        ),
        (ORGANIZATION % ("新机构", "新机, 新机"), "'新机' already names '新机构'"),
    ],
    ids=["organization-twice", "alias-of-another-organization", "alias-twice-in-one-entry"],
)
def test_a_repeated_organization_name_or_alias_is_refused_with_its_line(
    tmp_path, entry, message
) -> None:
    directory = _copy(tmp_path)
    organizations = directory / "organizations.yaml"
    lines = organizations.read_text(encoding="utf-8").splitlines(keepends=True)
    first = 1 + next(n for n, line in enumerate(lines) if "{name: 中国科学院," in line)
    lines.insert(first, entry)  # the repeat: the next entry of `names`
    organizations.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(directory)
    assert str(error.value).startswith(f"organizations.yaml, line {first + 1}: organization ")
    assert message.format(first=first) in str(error.value)


def test_organization_aliases_written_as_one_string_are_refused_not_split(tmp_path) -> None:
    # Unbracketed, 中科院 would be read as 中, 科 and 院: three one-character aliases that every
    # paragraph would match and that filters would resolve.
    directory = _copy(tmp_path)
    organizations = directory / "organizations.yaml"
    lines = organizations.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(
        1 + next(n for n, line in enumerate(lines) if line.strip() == "names:"),
        "  - {name: 测试研究院, aliases: 测研院}\n",
    )
    organizations.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(TaxonomyError, match="organisation '测试研究院'.*must be a list"):
        load_taxonomy(directory)


def test_missing_file_is_a_gaoxin_error_and_a_value_error(tmp_path) -> None:
    directory = _copy(tmp_path)
    (directory / "industries.yaml").unlink()
    with pytest.raises(GaoxinError, match="industries.yaml: cannot read") as caught:
        load_taxonomy(directory)
    assert isinstance(caught.value, ValueError)


def test_a_vocabulary_saved_in_another_encoding_is_a_taxonomy_error(tmp_path) -> None:
    directory = _copy(tmp_path)
    industries = directory / "industries.yaml"
    industries.write_bytes(industries.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(TaxonomyError, match="industries.yaml: not UTF-8 text"):
        load_taxonomy(directory)


def test_vocabularies_read_back_from_the_cache_equal_the_yaml(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(tmp_path / "cache"))
    parks = _copy(tmp_path) / "parks.yaml"
    first = read_yaml(parks)  # parsed, then cached
    assert list((tmp_path / "cache").iterdir())
    assert read_yaml(parks) == first  # read from the cache
    _replace(parks, "parks:", "parks:\n  - {name: 缓存测试高新区, kind: 国家高新区}")
    assert len(read_yaml(parks)["parks"]) == len(first["parks"]) + 1  # edited: parsed again
    dated = tmp_path / "dated.yaml"
    dated.write_text("when: 2024-01-02\n", encoding="utf-8")  # no JSON for a date: not cached
    assert read_yaml(dated) == read_yaml(dated) == {"when": datetime.date(2024, 1, 2)}


@pytest.mark.parametrize("damaged", ["[]", "{broken"])
def test_a_damaged_vocabulary_table_is_read_from_the_yaml(tmp_path, monkeypatch, damaged) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GAOXIN_CACHE_DIR", str(cache))
    parks = _copy(tmp_path) / "parks.yaml"
    first = read_yaml(parks)
    (table,) = cache.glob("vocabulary-parks-*.table")
    good = table.read_bytes()
    # The same header and key, the data replaced (a hand edit, a bad disk block).
    magic, header, data = good.split(b"\n", 2)
    fields = json.loads(header)
    fields["words_bytes"] = len(damaged.encode())
    table.write_bytes(b"\n".join([magic, json.dumps(fields).encode(), damaged.encode()]))
    assert read_yaml(parks) == first
    assert table.read_bytes() == good  # and the table is made again
