"""Relevance for the way people type: tiers, equivalents, per-article cap, reprints, title search,
suggestions (search.engine.tiers, plan, equivalents, ranking, suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.indexing.builder import index_corpus
from search.models import Article, Corpus, Paragraph, SearchRequest, SourceSpan
from search.service import SearchService
from search.text.query_words import QueryWordsError, load_query_words

# article key -> (title, paragraphs)
ARTICLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ftz_short": ("开放新高地", ("上海自贸区推出新一批制度创新成果。",)),
    "ftz_long": ("改革试点", ("海南自由贸易试验区扩大开放，吸引外资企业落户。",)),
    "zone_short": ("园区快讯", ("合肥经开区新增新能源汽车项目。",)),
    "zone_long": ("招商动态", ("苏州经济技术开发区签约一批重大项目。",)),
    "chip": ("科技前沿", ("企业自主研发的芯片实现量产。",)),
    "circuit": ("产业政策", ("集成电路产业链加快补链强链。",)),
    "long": (
        "新能源汽车产业加速发展",
        tuple(f"新能源汽车第{number}批新能源汽车下线。" for number in range(6)),
    ),
    "other_car": ("汽车消费回暖", ("新能源汽车下乡活动带动县域消费，销售网点覆盖更多乡镇。",)),
    "other_car2": ("绿色出行", ("城市公交换装新能源汽车，减少排放，市民出行更加便捷舒适。",)),
    "reprint_a": ("晚间要闻", ("国务院常务会议部署稳就业举措，支持高校毕业生就业。",)),
    "reprint_b": ("要闻转载", ("国务院常务会议部署稳就业举措，支持高校毕业生就业！",)),
    "headline": ("稳就业政策出台", ("多地出台措施，帮助毕业生找到工作。",)),
    "rare_earth": (
        "专家解读：深化改革开放 推进稀土产业链高质量发展 保障战略资源供应安全",
        tuple(f"稀土{topic}稀土。" for topic in ("开采", "冶炼", "回收", "出口")),
    ),
    "rare_other": ("资源新闻", ("江西一家企业把稀土材料用于新型电机，产品远销海外多个国家。",)),
    # 产业园 is the rarer word here, yet it only names a kind of park: 储能 decides.
    "storage_park": ("项目快讯", ("储能产业园首期投产。",)),
    "storage_plant": ("能源动态", ("储能电站并网发电，调峰能力提升。",)),
    "storage_cells": ("制造一线", ("储能电池产能继续扩大。",)),
    "logistics_park": ("园区建设", ("物流产业园开工建设。",)),
    # 签约 is the rarer word, but 高新区 is a zone the user names: it decides.
    "hitech_lab": ("园区新闻", ("西安高新区新建一批实验室。",)),
    "hitech_flats": ("人才安居", ("成都高新区完善人才公寓配套。",)),
    "hitech_research": ("研发投入", ("高新区企业研发投入持续增长。",)),
    "signing": ("签约快讯", ("两家企业签约合作建设实验室。",)),
    # 实验室 is rarer than 杭州, but a city the user names decides too.
    "city_metro": ("城市快讯", ("杭州地铁新线开通。",)),
    "city_race": ("城市生活", ("杭州举办马拉松比赛。",)),
    "city_library": ("城市文化", ("杭州图书馆延长开放时间。",)),
    # A headline with the query's words over a paragraph that has only one of them.
    "tea_envoy": ("基层一线", ("特派员进山指导茶农。",)),
    "tea_headline": ("帮助茶农增收", ("茶农有了新路子。",)),
    "tea_market": (
        "市场动态",
        tuple(f"茶农增收渠道拓宽，茶叶远销{place}。" for place in ("各地", "海外", "北方")),
    ),
    # A bare subheading line with the query's words, and a paragraph that says what happened.
    "truck_line": ("物流动态", ("氢能重卡交付",)),
    "truck_report": (
        "港口新闻",
        ("一批氢能重卡在港口投入运营，加注一次可以行驶四百公里，企业再采购。",),
    ),
    # 无人机 named as one item of a list, and a paragraph about a drone (longer: BM25 alone
    # ranks the list first).
    "drone_list": (
        "产业规划",
        ("全市重点发展光伏、无人机、航空材料等产业，今年产值增长两成以上。",),
    ),
    "drone_report": (
        "科技一线",
        (
            "这家企业研发的无人机可以在山区运送药品，续航时间达到两个小时，已经交付多个县城的医院使用。",
        ),
    ),
    # A headline with only the query's common word (发展), and a paragraph saying the rare word
    # (光刻机) more often under a headline with neither; 发展 is common in this corpus.
    "litho_headline": ("加快发展", ("光刻机项目推动当地产业发展。",)),
    "litho_report": ("科技一线", ("国产光刻机研制成功，光刻机整机和光刻机部件加快发展。",)),
    **{
        f"growth_{season}": ("经济观察", (f"第{season}季度经济发展平稳，消费发展回暖。",))
        for season in range(12)
    },
}


def _corpus() -> Corpus:
    articles = []
    for number, (title, texts) in enumerate(ARTICLES.values()):
        article_id = f"{number:012x}"
        paragraphs = tuple(
            Paragraph(
                f"{article_id}-{ordinal}", article_id, ordinal, "body", text, SourceSpan("r", 1, 1)
            )
            for ordinal, text in enumerate(texts, start=1)
        )
        articles.append(Article(article_id, title, paragraphs, ("r",)))
    return Corpus(tuple(articles))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    index_dir = tmp_path_factory.mktemp("relevance-index")
    index_corpus(_corpus(), index_dir)
    with SearchService(index_dir) as opened:
        yield opened


def _keys(results) -> list[str]:
    by_id = {f"{number:012x}": key for number, key in enumerate(ARTICLES)}
    return [by_id[hit.paragraph.article_id] for hit in results.results]


def _search(service: SearchService, query: str, **options: object):
    return service.search(SearchRequest(query=query, **options))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("自贸区", {"ftz_short", "ftz_long"}),
        ("自由贸易试验区", {"ftz_short", "ftz_long"}),
        ("经开区", {"zone_short", "zone_long"}),  # park-word suffix forms
        ("经济技术开发区", {"zone_short", "zone_long"}),
    ],
)
def test_equivalents_find_each_other_in_both_directions(service, typed, expected) -> None:
    results = _search(service, typed)
    assert set(_keys(results)) == expected and results.total == 2
    assert results.expansions and "=" in results.parsed
    marked = {hit.highlight.split("<mark>")[1].split("</mark>")[0] for hit in results.results}
    assert len(marked) == 2  # every form is highlighted where it occurs


@pytest.mark.parametrize("typed", ["'自贸区'", "自贸区'", "＇自贸区＇"])
def test_an_ascii_apostrophe_is_ignored_like_other_punctuation(service, typed) -> None:
    results, plain = _search(service, typed), _search(service, "自贸区")
    assert set(_keys(results)) == {"ftz_short", "ftz_long"} == set(_keys(plain))
    assert results.parsed == plain.parsed and results.expansions == plain.expansions


def test_chip_is_a_one_way_broadening_to_integrated_circuits(service) -> None:
    chips = _search(service, "芯片")
    assert set(_keys(chips)) == {"chip", "circuit"} and chips.expansions == {"芯片": ("集成电路",)}
    assert _keys(_search(service, "集成电路")) == ["circuit"]


def test_at_most_two_paragraphs_of_one_article_in_the_top_ten(service) -> None:
    results = _search(service, "新能源汽车", per_page=20)
    keys = _keys(results)
    # Six paragraphs of one article match best; two stay on top, the others follow the rest.
    assert keys[:2] == ["long", "long"] and keys[5:] == ["long"] * 4 and results.total == 9
    assert set(keys[2:5]) == {"other_car", "other_car2", "zone_short"}
    capped = [hit for hit in results.results if hit.more_in_article]
    assert [(hit.paragraph.paragraph_id, hit.more_in_article) for hit in capped] == [
        (results.results[1].paragraph.paragraph_id, 4)
    ]


def test_a_query_naming_the_article_is_not_capped(service) -> None:
    results = _search(service, "新能源汽车产业加速发展")
    assert _keys(results)[:6] == ["long"] * 6


def test_a_long_title_that_merely_contains_the_word_does_not_name_the_article(service) -> None:
    # 稀土 is one word of a fifteen-word headline: the article is capped like any other.
    keys = _keys(_search(service, "稀土"))
    assert keys[:3] == ["rare_earth", "rare_earth", "rare_other"] and keys[3:] == ["rare_earth"] * 2


def test_near_identical_reprints_collapse_into_one_hit(service) -> None:
    results = _search(service, "就业 毕业生")
    hits = [hit for hit in results.results if not hit.missing]
    assert [hit.duplicates for hit in hits] == [1]  # 另有 1 处相同内容
    assert _keys(results).count("reprint_a") + _keys(results).count("reprint_b") == 1
    assert results.total == 1 and results.partial_total == 1  # headline: 就业 in its title only


def test_title_matches_help_only_paragraphs_that_carry_the_words(service) -> None:
    results = _search(service, "稳就业")
    assert _keys(results) == ["reprint_a"]  # the headline article's paragraph lacks the word


def test_title_only_search_finds_articles_by_headline(service) -> None:
    results = _search(service, "稳就业", field="title")
    assert _keys(results) == ["headline"] and results.group == "article"
    assert _search(service, "毕业生", field="title").total == 0


def test_suggestions_complete_a_prefix_with_kind_and_count(service) -> None:
    found = service.suggest("新能")
    assert found and len(found) <= 10
    assert {"text": "新能源", "kind": "word"} in [
        {"text": item.text, "kind": item.kind} for item in found
    ]
    counts = [item.count for item in found]
    assert counts == sorted(counts, reverse=True) and all(count > 0 for count in counts)
    assert service.suggest("") == [] and service.suggest("量子纠缠") == []


def test_partial_matches_follow_full_ones_labelled_with_missing_words(search_service) -> None:
    results = search_service.search(SearchRequest(query="生物医药 产业园", per_page=20))
    assert results.total >= 1 and results.partial_total >= 1 and not results.relaxed
    full, partial = results.results[: results.total], results.results[results.total :]
    assert all(not hit.missing for hit in full)
    assert partial and all(hit.missing in (("生物医药",), ("产业园",)) for hit in partial)
    # The seeds say 产业园 in fewer paragraphs than 生物医药, but 产业园 names a kind of park:
    # the partial matches about biomedicine (missing 产业园) come first, then the others.
    missing = [hit.missing for hit in partial]
    assert missing[0] == ("产业园",)
    assert missing == sorted(missing, key=lambda words: words != ("产业园",))
    assert all("生物医药" in hit.paragraph.text for hit in partial if hit.missing == ("产业园",))


def _missing(service, query: str) -> list[tuple[str, ...]]:
    results = _search(service, query)
    return [hit.missing for hit in results.results[results.total :]]


def test_a_word_naming_a_kind_of_park_is_never_the_decisive_word(service) -> None:
    # 产业园 is in fewer paragraphs than 储能, but the user wants energy storage first.
    assert _missing(service, "储能 产业园") == [("产业园",), ("产业园",), ("储能",)]
    # A rare topic word still decides: 物流 is kept before 储能.
    assert _missing(service, "储能 物流")[0] == ("储能",)


def test_a_zone_or_place_the_query_names_is_the_decisive_word(service) -> None:
    # 签约 is in fewer paragraphs than 高新区, but a paragraph about another place answers
    # another question: the paragraphs about 高新区 come first; the same for a city.
    assert _missing(service, "高新区 签约") == [("签约",)] * 3 + [("高新区",)] * 2
    assert _missing(service, "杭州 实验室") == [("实验室",)] * 3 + [("杭州",)] * 2


def test_a_word_list_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "stop_words.yaml").write_text("words:\n  - 如何\n  - [怎样]\n", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("equivalents: []\n", encoding="utf-8")
    with pytest.raises(QueryWordsError, match=r"stop_words\.yaml, line 3"):
        load_query_words(tmp_path)
    (tmp_path / "stop_words.yaml").write_text("words: [如何]\n", encoding="utf-8")
    (tmp_path / "synonyms.yaml").write_text("equivalents:\n  - [双创]\n", encoding="utf-8")
    with pytest.raises(QueryWordsError, match=r"synonyms\.yaml, line 2: .*two different"):
        load_query_words(tmp_path)


def test_a_short_page_is_filled_with_paragraphs_having_the_decisive_word(service) -> None:
    # Only two paragraphs share two of the three words; the one that says only 高新区 (the zone
    # named) shares too little IDF weight to be a partial match on its own, yet the page has
    # room: it follows them, labelled. 签约…实验室 lacks the decisive word and stays out.
    results = _search(service, "高新区 实验室 公寓")
    assert results.total == 0 and results.partial_total == 3
    assert [set(hit.missing) for hit in results.results][-1] == {"实验室", "公寓"}
    assert _keys(results)[-1] == "hitech_research"
    assert "signing" not in _keys(results)


def test_a_headline_helps_a_paragraph_as_much_as_the_paragraph_has_of_the_query(service) -> None:
    # 帮助茶农增收 is the headline of a paragraph that says only 茶农: it ranks below the
    # paragraphs that say 茶农增收 themselves, and the one with the rare 特派员 comes first.
    keys = _keys(_search(service, "特派员如何帮助茶农增收"))
    assert keys[0] == "tea_envoy"
    assert keys.index("tea_headline") > keys.index("tea_market")


def test_a_bare_subheading_ranks_below_a_paragraph_that_says_something(service) -> None:
    # BM25 favours the four-word line (the words fill it); a paragraph that short scores less.
    assert _keys(_search(service, "氢能重卡"))[:2] == ["truck_report", "truck_line"]


def test_a_paragraph_naming_the_word_only_in_a_list_ranks_below_one_about_it(service) -> None:
    # 光伏、无人机、航空材料等产业 mentions drones among other industries; the longer paragraph
    # says what a drone does. Both still match.
    results = _search(service, "无人机")
    assert _keys(results) == ["drone_report", "drone_list"] and results.total == 2


def test_a_headline_with_only_the_common_word_lifts_its_paragraph_less(service) -> None:
    # 加快发展 names only the common word: its title bonus counts for less than the rare word
    # said three times in the text, so the paragraph about lithography machines comes first.
    results = _search(service, "光刻机 发展")
    assert _keys(results)[:2] == ["litho_report", "litho_headline"] and results.total == 2
