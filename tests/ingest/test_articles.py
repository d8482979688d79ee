"""Splitting extracted pages into articles and classifying their blocks, on small samples."""

from __future__ import annotations

from search.ingest.articles import split_articles
from search.ingest.roles import names_in_byline


def _kinds(text: str) -> list[tuple[str, str]]:
    (article,) = split_articles(text)
    return [(block.kind, block.text) for block in article.blocks]


def test_a_sentence_broken_across_a_blank_line_is_joined() -> None:
    sample = (
        "标题在这里\n\n他说，这也正是他们将区域总部设立在青岛高新区的重要原\n\n因。\n\n下一段话。\n"
    )
    assert _kinds(sample) == [
        ("body", "他说，这也正是他们将区域总部设立在青岛高新区的重要原因。"),
        ("body", "下一段话。"),
    ]


def test_a_sentence_interrupted_by_title_and_byline_is_rejoined() -> None:
    sample = (
        "首段文字，讲述了青岛高新区的发展。\n\n"
        "青岛高新区构建了“众创空间—孵化\n\n"
        "向“新”而行 青岛高新区书写新篇章\n\n"
        "▶ 本报特约通讯员 尚萌萌 李青健\n\n"
        "器—加速器—产业园”一体化孵化链条。\n"
    )
    (article,) = split_articles(sample)
    assert article.title == "向“新”而行 青岛高新区书写新篇章"
    assert article.authors == ("尚萌萌", "李青健")
    kinds = [(block.kind, block.text, block.line_start, block.line_end) for block in article.blocks]
    assert (
        "body",
        "青岛高新区构建了“众创空间—孵化器—加速器—产业园”一体化孵化链条。",
        3,
        9,
    ) in kinds
    assert ("byline", "本报特约通讯员 尚萌萌 李青健", 7, 7) in kinds


def test_captions_inside_a_sentence_are_kept_apart_from_the_body() -> None:
    sample = (
        "标题\n\n产业是根基，青岛高新区构建现代化产\n\n\n\n右图：阿斯利康生产基地\n\n"
        "左图：政务服务中心\n\n业体系。\n\n\n\n企业引入数字技改。\n"
    )
    assert _kinds(sample) == [
        ("body", "产业是根基，青岛高新区构建现代化产业体系。"),
        ("caption", "右图：阿斯利康生产基地"),
        ("caption", "左图：政务服务中心"),
        ("caption", "企业引入数字技改。"),
    ]


def test_a_marked_caption_absorbs_the_lines_glued_under_it() -> None:
    sample = (
        "标题\n\n正文第一段。\n\n■ 2022年\n青岛高新区科\n技创新大会上，\n签约。\n\n正文第二段。\n"
    )
    assert ("caption", "2022年青岛高新区科技创新大会上，签约。") in _kinds(sample)


def test_narrow_columns_with_spaced_characters_become_whole_paragraphs() -> None:
    column = (
        "工业用地出让面积占土地总出让\n\n面积的 86.2%，工业向上拉动 GDP 增\n\n"
        "长 5.4 个 百 分 点 ，贡 献 率 达 到\n\n76.6%……功能区改革以来，青岛高新\n\n"
        "区以建设创新驱动发展示范区和高质\n\n量发展先行区为目标，把发展经济着\n\n"
        "力点放在实体经济上，坚持从壮大实\n\n体经济中找寻高质量发展之路。\n\n"
        "精准发力筑牢发展之基\n\n近日，由青岛海尔生物医疗股份\n\n有限公司投资 5 亿元建设。\n"
    )
    kinds = _kinds("青岛高新区高质量发展实体经济\n\n" + column)
    assert kinds[0][1].startswith(
        "工业用地出让面积占土地总出让面积的86.2%，工业向上拉动GDP增长5.4个"
    )
    assert kinds[0][1].endswith("坚持从壮大实体经济中找寻高质量发展之路。")
    assert kinds[1] == ("heading", "精准发力筑牢发展之基")
    assert kinds[2] == ("body", "近日，由青岛海尔生物医疗股份有限公司投资5亿元建设。")


def test_sign_offs_and_datelines_split_a_page_and_scrambled_titles_find_their_articles() -> None:
    page = (
        "▶ 高欣\n\n青岛高新区发展实体经济\n昆明高新区：\n\n“相约春城”活动落幕\n"
        "本报讯 昆明高新区推出“相约春城”网络行活动，展示昆明生物资源。 李偌蔓\n\n"
        "青岛高新区工业用地占比高，青岛实体经济持续壮大。\n\n"
        "本报讯 合肥高新区近日开展职住平衡试点工作，合肥房源用于职工。 王芙灵\n\n"
        "合肥高新区试点“职住平衡”\n\n广告\n"
    )
    articles = split_articles(page)
    assert [article.title for article in articles] == [
        "昆明高新区：“相约春城”活动落幕",
        "青岛高新区发展实体经济",
        "合肥高新区试点“职住平衡”",
    ]
    assert [article.authors for article in articles] == [("李偌蔓",), ("高欣",), ("王芙灵",)]
    assert ("other", "广告") in [(block.kind, block.text) for block in articles[2].blocks]


def test_kicker_and_subtitle_come_off_the_paragraphs() -> None:
    (article,) = split_articles("推进大项目 带动大发展\n\n青岛高新区积蓄新动能\n\n正文一段。\n")
    assert (article.kicker, article.title) == ("推进大项目 带动大发展", "青岛高新区积蓄新动能")
    (article,) = split_articles("青岛高新区积蓄新动能\n——写在成立30周年之际\n\n正文一段。\n")
    assert (article.title, article.subtitle) == ("青岛高新区积蓄新动能", "写在成立30周年之际")
    assert [block.text for block in article.blocks] == ["正文一段。"]


def test_a_plain_clean_file_keeps_exactly_its_paragraphs() -> None:
    paragraphs = [
        "长春新区聚焦光电信息产业，今年新增企业120家。",
        "一是优化营商环境；",
        "二是加快项目建设。",
        "西安高新区、武汉东湖高新区和北京亦庄也在推进类似改革。",
    ]
    (article,) = split_articles(
        "长春新区：聚焦产业，打造创新高地\n\n" + "\n\n".join(paragraphs) + "\n"
    )
    assert article.title == "长春新区：聚焦产业，打造创新高地"
    assert [(block.kind, block.text) for block in article.blocks] == [
        ("body", text) for text in paragraphs
    ]
    assert [block.line_start for block in article.blocks] == [3, 5, 7, 9]


def test_an_article_printed_twice_in_one_file_is_split_in_two() -> None:
    once = "苏州工业园区发布新政\n\n苏州工业园区今天发布人才新政，涵盖住房和子女教育。\n\n"
    assert [article.title for article in split_articles(once * 2)] == ["苏州工业园区发布新政"] * 2


def test_text_without_any_headline_gets_a_title_from_its_first_clause() -> None:
    (article,) = split_articles("武汉东湖高新区光谷科创大走廊建设提速，多个项目开工。\n")
    assert article.title == "武汉东湖高新区光谷科创大走廊建设提速"


def test_byline_names_leave_out_roles_and_mastheads() -> None:
    byline = "本版撰稿摄影 观海新闻/青岛早报记者 康晓欢 通讯员 邹佳 王宏宁"
    assert names_in_byline(byline) == ("康晓欢", "邹佳", "王宏宁")
    assert names_in_byline("（周伟 肖玲玲 李青健）") == ("周伟", "肖玲玲", "李青健")


def test_a_web_page_s_controls_copied_with_its_text_are_no_paragraphs() -> None:
    sample = (
        "江阴16个主题产业园项目集中签约\n\n"
        "字号变大| 字号变小\n\n"
        "5月31日，16个“主题产业园”项目集中签约、成功落户江阴高新区。\n\n"
        "分享到：\n\n"
        "下载荔枝新闻APP客户端，随时随地看新闻！\n\n"
        "市民下载APP客户端后即可在线办理，园区企业反映办事更方便了。\n\n"
        "扫码即可在线办理营业执照，企业足不出户。\n\n"
        "下载“粤省事”APP，即可在线办理企业开办。\n\n"
        "【打印本页】【关闭窗口】\n\n"
        "相關文章：\n"
    )
    assert [text for kind, text in _kinds(sample) if kind == "body"] == [
        "5月31日，16个“主题产业园”项目集中签约、成功落户江阴高新区。",
        "市民下载APP客户端后即可在线办理，园区企业反映办事更方便了。",
        "扫码即可在线办理营业执照，企业足不出户。",
        "下载“粤省事”APP，即可在线办理企业开办。",
    ]
    assert all("分享" not in text and "打印" not in text for _, text in _kinds(sample))
