"""Spans where an industry word names something the paragraph only uses or cites: a vehicle
travelled in, crashed, flown in a display or driven for a living (乘飞机离开, 卡车司机), the
source a figure is quoted from (据…监测), a phone in a hand, a technology as the instrument of a
look (卫星图片, 大数据发现), a vaccine given to people, a consumer price index or retail sales in a
macro report, a broadcaster's live coverage (现场直播), officials' misconduct, an enumeration
of examples (从…到…，再到…), a medicinal crop, a public fund; a car as a material's use or a
polluter, inland fishing, the non-manufacturing index, 农渔业 (round 18). A trigger inside one
decides no industry.
"""

from __future__ import annotations

import re

from search.entities.spans import SENTENCE_MARKS

# A vehicle as the means of travel or the object of an accident, not the industry making it:
# 乘坐飞机的乘客, 坐飞机去外地, 开行动车组专列, 飞机坠毁, 击落了飞机, 35辆汽车连环相撞, 汽车侧翻.
# Not 无人驾驶汽车, 自动驾驶, 智能驾驶 or 辅助驾驶 (the product), not 乘势 / 乘风 (an idiom), not
# 乘用车 / 乘联会 (the car market), not 坐落 / 坐标 / 坐拥 / 坐镇, not 汽车驶入快车道 (a figure of
# speech), not 销量翻番 / 翻开 (no car overturns). A driver (卡车司机车队抵达) is a person at work.
# An aircraft taking off, landing, blowing up or flying a display (飞机燃料箱发生爆炸,
# 第一架民航飞机从九寨起飞, 上百架飞机参与到飞行表演) is an event; cars are left out
# (汽车产业起飞 is a figure of speech).
_VEHICLES = ("汽车", "飞机", "动车组", "客机")
_VEHICLE_IN_USE = re.compile(
    r"(?:乘坐|搭乘|乘(?![势风胜用联])|坐(?![落标拥镇])|(?<!无人)(?<!自动)(?<!智能)(?<!辅助)驾驶"
    r"|驾车|开行|击落)"
    rf"[^，。；！？]{{0,6}}?(?:{'|'.join(_VEHICLES)})"
    r"|(?:汽车|飞机|客机)[^，。；！？]{0,6}?"
    r"(?:坠|失事|相撞|撞|侧翻|翻(?:车|覆|滚|倒|下|入|进|落)|停驶|行驶|被击)"
    r"|(?:飞机|客机)[^，。；！？]{0,6}?(?:爆炸|降落|迫降|起飞|表演)"
    r"|(?:汽车|卡车|客车)司机"
    # Vehicles destroyed (爆炸…30多辆汽车被毁或受损; round 17): an attack's damage, no car industry.
    r"|(?:汽车|卡车)[^，。；！？]{0,6}?(?:被毁|毁坏|受损|烧毁|炸毁|起火)"
    # A long-distance or city bus (主要靠长途汽车, 坐公共汽车; round 12): transport, no car industry
    # (looked behind, so that the pattern still starts only where a vehicle word or verb does).
    r"|(?<=长途)汽车|(?<=公共)汽车"
)
# Where a figure comes from (据商务大数据监测, 根据气象卫星监测显示, 据俄罗斯卫星通讯社报道): the
# source is named, the news is the figure. Not 据X介绍 (a company's manager may be the story).
_FIGURE_SOURCE = re.compile(
    r"(?:(?<![数占依证凭])据|根据)[^，。；！？]{1,16}?(?:监测|统计|显示|测算|报道|消息)"
)

# A phone someone uses (用手机拍下火灾画面, 游客纷纷拿出手机, 在手机上就能远程灌溉, 手机扫码):
# the news is what was filmed or done, not the phone industry. Not 手机上市 / 手机上线 (a launch).
_PHONE_IN_USE = re.compile(
    r"(?:用|拿着|拿出|掏出|通过|举起|打开)手机"
    r"|手机(?:上(?![市线])|里|扫码|拍|屏幕|镜头|随时|一扫|下单|预约|查询|就能|就可以)"
)
# A technology as the instrument of a look (卫星图片显示, 卫星遥感监测, 北斗卫星定位, 大数据监测
# 系统发现, 通过大数据分析发现风险), or of a finding or a carriage (大数据发现, 大数据显示, 信号通过
# 卫星传输, 物联网监测设备): the news is what was seen or carried, not the satellite or data
# industry.
_TECHNOLOGY_AS_INSTRUMENT = re.compile(
    r"(?:卫星|大数据|人工智能|互联网|物联网)(?:图片|影像|遥感|监测|分析|定位|发现|显示|传输|转播)"
)
# A price index reported (居民消费价格指数同比上涨2.1%, CPI): its sentence is price news, and
# its 消费市场 or 物流 (…消费市场供应总体充足，全国居民消费价格指数…) the prices' setting.
# Found with `find`, then widened to the sentence: no pattern scans every start.
_PRICE_INDEXES = ("居民消费价格", "CPI")
# Retail sales reported beside other aggregates of a macro report (全社会固定资产投资超过1070亿元；
# 社会消费品零售总额超过1681亿元): "the economy grows", which the judging rules give no industry.
# Alone (消费市场回暖，社会消费品零售总额增长…) it is consumption news and stays (round 12).
# 零售额 too (乡村消费品零售额同比增长3.1%, beside 加工业增加值; round 16).
_RETAIL = ("零售总额", "零售额")
_AGGREGATES = ("固定资产投资", "工业增加值", "国内生产总值", "GDP", "进出口总额", "经济增长")
_WHOLE_SENTENCE_MARKS = "。！？"  # a macro report's aggregates share a sentence cut by ；
# A paragraph on officials' misconduct (违规收受礼品礼金, 公款吃喝, 个人旅游费用由下属支付): its
# spending is what was misused, no industry's news; its whole text is the span (round 12).
# An enumeration of examples (从孩子入学到养老服务，再到看病就医; round 12): a list written with
# 从…到…再到 instead of 、; the paragraph's point is what they have in common. Not the links of a
# chain (从芯片设计到晶圆制造，再到封装测试…产业链): what they have in common is the industry.
_ENUMERATION = re.compile(
    r"从[^，。；！？]{1,14}到[^，。；！？]{1,14}[，,]?再到[^，。；！？]{1,14}"
)
# A medicinal crop grown (种植中药材) is farming, a government fund (政府性基金) public finance
# (round 12): no pharma or finance news. Spans, not `exclude` words: 种 and 政 would be new first
# characters of the industries' tries, searched at every 政 of every paragraph.
_CROP = re.compile(r"种植?中药材")
_PUBLIC_FUND = "政府性基金"
# A car as what a material is made for (汽车用钢的全球研发中心) or as a polluter (汽车尾气排放,
# 30万辆汽车全年排放的尾气; round 18): steel or air-quality news, not the car industry's.
_CAR_SETTING = re.compile(r"汽车(?:用(?=[钢铝板]|玻璃|材料|不锈钢)|[^，。；！？]{0,8}?尾气)")
# Fishing in a river or a lake (长江流域…实行渔业禁捕, 以好生态带动渔业等产业; round 18) is inland,
# no marine economy: every 渔业 of a paragraph naming a river or lake and no sea (海, 远洋).
_INLAND_WATERS = ("长江", "黄河", "湖", "淡水")
# The non-manufacturing index (非制造业商务活动指数) is no manufacturing, 农渔业 (farming and
# fishing as one sector of a talk's cooperation) no marine economy (round 18). Spans, not `exclude`
# words: 非 and 农 would be new first characters of the industries' tries.
_OTHER_SENSES = ("非制造业", "农渔业")
# A broadcaster's live coverage (现场直播两会记者会, 频率将进行现场直播): television, not the
# live-streaming trade (直播带货, 直播电商).
_BROADCAST = re.compile(r"(?:现场|电视|全程|同步|实况|进行)直播")
# In a paragraph on a broadcaster's programmes (频道, 电台, 总台, 栏目 …) every 直播 is its live
# coverage (直播报道, 直播特别节目, 移动直播; round 18), but 直播带货, 带货直播 and 直播电商
# stay the trade. Not 央视 (央视网消息 opens most paragraphs).
_BROADCASTERS = re.compile(r"频道|电台|电视台|总台|新媒体|栏目|节目")
_ANY_LIVE = re.compile(r"(?<!带货)直播(?!带货|电商)")

# A vaccine given to people (各地累计报告接种新冠病毒疫苗…万剂次, 疫苗日接种量明显提高, 疫苗接种点):
# public-health news, not the vaccine industry (docs/entities.md, 生物医药). Not 疫苗研发 / 生产.
_VACCINATION = re.compile(r"接种[^，。；！？]{0,6}?疫苗|疫苗[^，。；！？]{0,3}?接种")


def price_indexes(text: str) -> list[tuple[int, int]]:
    """Sentences reporting a consumer price index: no consumer-services news."""
    if "居民消费价格" not in text and "CPI" not in text:  # _PRICE_INDEXES, written out
        return []
    spans = []
    for word in _PRICE_INDEXES:
        spans += _sentences_with(text, word, SENTENCE_MARKS)
    return spans


def settings(text: str) -> list[tuple[int, int]]:
    """Round 12's spans whose industry words are the setting, not the news: retail sales in a
    macro report, a paragraph on officials' misconduct, an enumeration 从…到…，再到…, a medicinal
    crop grown, a government fund; a car as a material's use or a polluter, inland fishing, the
    non-manufacturing index and 农渔业 (round 18). One call, cheap `in` tests first (each rule is
    rare)."""
    spans = []
    if "零售" in text and any(word in text for word in _AGGREGATES):
        for retail in _RETAIL:
            spans += _sentences_with(text, retail, _WHOLE_SENTENCE_MARKS)
    if "公款" in text or "礼金" in text:
        spans.append((0, len(text)))
    if "再到" in text and "链" not in text:
        spans += [match.span() for match in _ENUMERATION.finditer(text)]
    if "中药材" in text:
        spans += [match.span() for match in _CROP.finditer(text)]
    if _PUBLIC_FUND in text:
        spans += [match.span() for match in re.finditer(_PUBLIC_FUND, text)]
    for word in _OTHER_SENSES:
        if word in text:
            spans += [match.span() for match in re.finditer(word, text)]
    if "渔业" in text and "海" not in text and any(water in text for water in _INLAND_WATERS):
        spans += [match.span() for match in re.finditer("渔业", text)]
    if "汽车" in text and ("尾气" in text or "汽车用" in text):
        spans += [match.span() for match in _CAR_SETTING.finditer(text)]
    return spans


def _sentences_with(text: str, word: str, marks: str) -> list[tuple[int, int]]:
    """The sentences (cut at `marks`) holding `word`; found with `find`, then widened, so that no
    pattern scans every start."""
    spans = []
    position = text.find(word)
    while position >= 0:
        start = max(text.rfind(mark, 0, position) for mark in marks) + 1
        ends = [text.find(mark, position) for mark in marks]
        end = min((end for end in ends if end >= 0), default=len(text))
        spans.append((start, end))
        position = text.find(word, end)
    return spans


def broadcasts(text: str) -> list[tuple[int, int]]:
    """Spans of a broadcaster's live coverage (现场直播; every 直播 of a paragraph on its
    programmes): no live-streaming trade."""
    if "直播" not in text:
        return []
    if _BROADCASTERS.search(text):
        return [match.span() for match in _ANY_LIVE.finditer(text)]
    return [match.span() for match in _BROADCAST.finditer(text)]


def vaccinations(text: str) -> list[tuple[int, int]]:
    """Spans of a vaccine given to people (接种…疫苗, 疫苗…接种): no pharma news."""
    if "疫苗" not in text or "接种" not in text:
        return []
    return [match.span() for match in _VACCINATION.finditer(text)]


def vehicles_in_use(text: str) -> list[tuple[int, int]]:
    """Spans of a vehicle travelled in, crashed or driven for a living (卡车司机): no car or
    aircraft industry news."""
    # The `in` tests of _VEHICLES written out: a generator over them costs twice as much.
    vehicle = "汽车" in text or "飞机" in text or "动车组" in text or "客机" in text
    if not (vehicle or "车司机" in text):
        return []
    return [match.span() for match in _VEHICLE_IN_USE.finditer(text)]


def figure_sources(text: str) -> list[tuple[int, int]]:
    """Spans naming the source a figure is quoted from (据…监测/统计/显示/报道)."""
    # 据 alone is in most paragraphs (数据, 根据): the closing word is the rarer test.
    if "据" not in text or not _names_a_figure(text):
        return []
    return [match.span() for match in _FIGURE_SOURCE.finditer(text)]


def _names_a_figure(text: str) -> bool:
    """Whether `text` holds one of the words every `_FIGURE_SOURCE` match ends with."""
    return (
        "监测" in text
        or "统计" in text
        or "显示" in text
        or "测算" in text
        or "报道" in text
        or "消息" in text
    )


def phones_in_use(text: str) -> list[tuple[int, int]]:
    """Spans of a phone someone uses (用手机拍, 手机扫码): no ICT news."""
    if "手机" not in text:
        return []
    return [match.span() for match in _PHONE_IN_USE.finditer(text)]


def technology_instruments(text: str) -> list[tuple[int, int]]:
    """Spans of a technology used to look at something (卫星图片, 大数据分析): no industry news."""
    if not ("卫星" in text or "大数据" in text or "人工智能" in text or "联网" in text):
        return []
    return [match.span() for match in _TECHNOLOGY_AS_INSTRUMENT.finditer(text)]
