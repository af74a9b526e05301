"""Role detectors: each one on lines set the way Chinese papers set them, and on lines it must reject."""

import pytest

from app.core import roles


@pytest.mark.parametrize("line", ["荆州中医外科首次亮相全省普通外科年会", "让群众更有“医”靠", "松滋市中医医院：",
                                  "护佑生命战疫情，使命担当新作为", "——湘潭市妇幼保健联合体建设侧记", "数字赋能优服务"])
def test_headlines_and_subheads_look_like_headings(line):
    assert roles.is_headingish(line)


@pytest.mark.parametrize("line", [
    "2020年初，突如其来的新冠肺炎疫情，严重威胁人",  # a wrapped sentence with two clauses
    "合三区两通道要求的感染1科病区组建缓冲病房，用以",  # a clause cut by the column
    "2020年12月9日，荆州二医在开发区分院新建了",  # ends on a particle
    "讨论病情。",  # a sentence
    "在家门口享受优质医疗资源；泌尿外科举办荆州市泌",
    "本报讯（记者肖晗 汪漾 通讯员",
    "(图片由工行温州分行提供)",
    "责任编辑：成青 刘超 美编：熊剑刚",
])
def test_body_lines_and_others_are_not_headings(line):
    assert not roles.is_headingish(line)


def test_subtitle_kicker_and_series_banner():
    assert roles.is_subtitle("——荆州二医统筹推进疫情防控和医院高质量发展纪实")
    assert not roles.is_subtitle("——抗疫有我书写大爱。2020年1月24日18时，")
    assert roles.is_kicker("邮储银行湘潭市分行：")
    assert roles.is_series_banner("荆州市银行业、保险行业风采展示⑩")
    assert roles.is_series_banner("——群腐整治系列报道④")
    assert not roles.is_series_banner("多措并举 提升患者看病就医体验")


@pytest.mark.parametrize("line, label", [
    ("人民论坛", True), ("神州观览", True), ("新春走基层·代表委员履职故事", True), ("暖相册·春运故事", True),
    ("权威发布", True),
    # a kicker leading into its title: who acts or where, or who said what
    ("市人民医院", False), ("各级财政", False), ("福建厦门", False), ("生态环境部", False), ("孙春兰强调", False),
    ("国台办：", False), ("多管齐下 服务地方", False), ("城区新建三座口袋公园正式开放", False),
    ("国办印发意见", False), ("商务部回应关切", False),  # who did what to what
])
def test_a_column_label_against_a_short_kicker(line, label):
    assert roles.is_column_label(line) is label


def test_furniture_labels_and_editor_credits():
    assert roles.is_furniture("责任编辑：成青 刘超 美编：熊剑刚")
    assert roles.is_furniture("2024年8月9日 星期五")
    assert roles.is_furniture("第3版")
    assert roles.is_label("金融")
    assert not roles.is_furniture("编辑部的故事")


@pytest.mark.parametrize(("line", "jump"), [("（下转第5版）", True), ("下转第11版", True), ("（上接第1版）", True),
                                            ("（紧接第16版）", True), ("(转A3版)", True), ("转第二版的内容要点", False),
                                            ("下转", False)])
def test_jump_lines(line, jump):
    assert roles.is_jump_line(line) is jump


@pytest.mark.parametrize("line", ["电话号码：0731-55571766", "全国网点：www.boc.cn 客服热线：95566",
                                  "兴业银行 INDUSTRIAL BANK OF CHINA", "产品编码：Z700202000006", "3.9%—4.4%",
                                  "- 回收产品打底 稳健运作", "来信请寄：service@example.net"])
def test_ad_lines(line):
    assert roles.is_ad_line(line)


def test_body_sentence_is_not_an_ad_line():
    assert not roles.is_ad_line("今年以来，湖北高位推进数智化病理服务体系建设。")


@pytest.mark.parametrize("line", ["法国网友@Bruno Lhopiteau:我的航班刚刚取消，", "——@北国之春", "网友@小城故事：点赞！"])
def test_a_social_media_handle_alone_is_no_ad_cue(line):
    # a reader's handle quoted in a page of comments is no advertiser's contact (an e-mail address is)
    assert not roles.is_ad_line(line)


def test_brand_and_contact_lines():
    assert roles.is_brand_line("中国银行 BANK OF CHINA")
    assert not roles.is_brand_line("中国银行手机银行实名注册客户")
    assert roles.is_contact_line("网点地址：湘潭市河东大道48号")


def test_caption_sentences():
    assert roles.is_caption_sentence("该行工作人员走访客户企业。")
    assert roles.is_caption_sentence("嘉兴市第一医院专家团义诊走进洪合镇卫生院。 诸胜涛 摄")
    assert not roles.is_caption_sentence("联合体专家定期走进基层，让广大老百姓的健康又多了一层保护。")
    assert not roles.is_caption_sentence("本报讯（记者宗璇）日前。")


def test_sentence_ends_and_mid_sentence_starts():
    assert roles.ends_sentence("真正做到“应检尽检”。")
    assert roles.ends_sentence("都有了近乎完美的答案——")
    assert not roles.ends_sentence("将服务实体经")
    assert roles.starts_mid_sentence("的一员，深入学习")
    assert roles.starts_mid_sentence("窄，病人上午集中就诊")
    assert not roles.starts_mid_sentence("日前，工行温州分行")


def test_words_across_a_line_break_use_jieba():
    assert roles.joins_a_word("该行积极发", "挥数字金融服务优势")
    assert not roles.joins_a_word("普通外科年会", "今年以来")


def test_a_caption_glued_to_a_body_line_is_found_by_the_word_it_breaks():
    line = "工行工作人员在车间走访批的同时，深入开展金融服务"
    assert roles.glued_caption_split("在实现线上产品自动准入、短流程环节审", line) == len("工行工作人员在车间走访")
    assert roles.glued_caption_split("这是一句话。", line) == 0


def test_width_counts_latin_as_half():
    assert roles.width("中文") == 2
    assert roles.width("ab") == 1


@pytest.mark.parametrize("line", ["本版编辑 张三 美术编辑 李四", "编辑 张三  校对 李四", "责任编辑 王五"])
def test_editor_credits_without_colons_are_furniture(line):
    assert roles.is_furniture(line)


def test_words_about_editing_are_not_furniture():
    assert not roles.is_furniture("编辑出版工作取得进展")


@pytest.mark.parametrize("line", ["图为市民在公园散步，孩子们在草地上玩耍。", "▲ 工人正在检修线路"])
def test_marked_captions(line):
    assert roles.is_caption_sentence(line)
    assert not roles.is_headingish(line)


def test_notice_titles_dates_and_closings():
    assert roles.is_notice_title("更名公告") and roles.is_notice_title("遗失声明")
    assert not roles.is_notice_title("市人民医院发布年度公告的背后故事与思考和回顾总结")
    assert roles.is_date_line("2024年5月20日") and roles.is_date_line("二〇二四年五月二十日")
    assert not roles.is_headingish("2024年5月20日")
    assert roles.is_closing_formula("特此公告。")
    assert not roles.is_caption_sentence("特此公告。")
    assert roles.is_common_word("荆州市") and not roles.is_common_word("王克勤")


def test_page_header_unbalanced_and_caption_mark():
    from app.core import roles

    assert roles.is_page_header("10 理论 2019年02月27日 星期三")
    assert not roles.is_page_header("2019年02月27日星期三，记者来到现场，看到工人正在忙碌。")
    assert roles.unbalanced("逆势上扬外贸稳（数字看") and not roles.unbalanced("逆势上扬外贸稳（数字看“六稳”）")
    # closing what it never opened: it ends what the text above began
    assert roles.unbalanced("争分夺秒。”陈国玺说。", closing=True) and not roles.unbalanced("争分夺秒。”陈国玺说。")
    assert not roles.unbalanced("“争分夺秒。”陈国玺说。", closing=True)
    assert roles.has_caption_mark("图①：贵州丹寨县，快递员走在寄件路上。") and not roles.has_caption_mark("地图为例")


def test_page_labels_and_source_lines():
    from app.core import roles

    assert roles.is_page_label("江西晚报") and roles.is_page_label("A10 湖州晚报") and roles.is_page_label("第3期")
    assert roles.is_page_label("责编：程远洲 校对：顾仲阳") and roles.is_page_label("本版责编：朱佩娴 李中文")
    assert not roles.is_page_label("喜报") and not roles.is_page_label("记者在现场看到，工人正忙着装车")
    assert roles.is_source_line("据中国之声") and roles.is_source_line("（据新华社电）")
    assert not roles.is_source_line("据介绍，今年的活动共有三百多人参加。")


@pytest.mark.parametrize(("line", "tagged"), [
    ("意识形态偏见也是病毒（钟声）", True),
    ("应收尽收 应治尽治（人民论坛）", True),
    ("“最危险的地方我们去”(一线抗疫群英谱)", True),
    ("（作者为中国戏剧家协会副主席）", False),  # a note on the author, nothing before it
    ("社区干部说了这些话（记者 王三）", False),  # a closing byline, not a column's name
    ("各项工作落实落细。（新华社电）", False),  # a sentence's end and its source
    ("天气晴好（图）", False),  # too short to be a headline
    ("美国在中国抗击疫情中表现如何？（国际论坛）", True),  # a headline may ask
    ("各项工作正在有序推进。（人民论坛）", False),  # a sentence closes on a full stop
    ("生活有保障 服务送上门（社区防控，我们在行动）", True),  # a column's name of two phrases
    ("社区干部说了这些话（记者 王三，通讯员 李四）", False),  # ... not a byline of two names
    ("会议在京召开（2月3日，北京，人民大会堂）", False),  # ... nor a note of three parts
])
def test_a_title_closing_on_its_columns_name_in_brackets(line, tagged):
    assert roles.is_tagged_title(line) is tagged



@pytest.mark.parametrize(("line", "closing"), [
    ("（本报约翰内斯堡2月9日电）", True),
    ("（本报华沙2月 9日电）", True),  # a stray space inside
    ("(新华社北京2月1日电)", True),
    ("本报北京2月1日电（记者 王三）", False),  # a dispatch opening an article
    ("（记者 王三）", False),  # a closing byline: another kind of closing line
    ("（本报记者王三采访整理，电话联系了多方）", False),
])
def test_a_bracketed_dispatch_alone_closes_an_article(line, closing):
    assert roles.is_closing_dispatch(line) is closing

@pytest.mark.parametrize(("line", "closing"), [
    ("（王小明参与采写）", True),
    ("（张 三、李四参与采访）", True),
    ("（执笔：王小明）", True),
    ("（摘编自2月3日《江南日报》）", True),
    ("（本系列评论到此结束）", True),
    ("（相关报道见第二版）", True),
    ("（本报记者 王小明整理）", False),  # may close one part of a round-up
    ("（王小明）", False),
    ("参与采写的还有王小明。", False),
])
def test_a_note_on_how_the_article_was_made_closes_it(line, closing):
    assert roles.is_making_note(line) is closing


def test_a_photo_reports_title():
    assert roles.is_photo_report("图片报道") and roles.is_photo_report("图片 新闻")
    assert not roles.is_photo_report("图片报道显示，工人正在加紧生产")


def test_ends_open_reads_a_line_ending_on_a_word_that_waits_for_what_follows():
    assert roles.ends_open("全市大力支持农户从传统种植模式向")
    assert roles.ends_open("城东新区的移民安置点通过")
    assert not roles.ends_open("把握正确政治方向")  # 方向, a whole word, not the preposition 向
    assert not roles.ends_open("王三强调")
    assert not roles.ends_open("")


def test_a_title_of_two_phrases_one_of_two_characters_is_read_apart_from_a_headline():
    # is_headingish turns down a phrase of two characters round a comma: by text alone such lines are mostly
    # wrapped lines of the text; is_short_phrase_title names them for the rules that read a line's place
    for line in ("老城的夜市，火了", "春耕，从田间地头到云端课堂", "老挝，从“陆锁国”迈向“陆联国”"):
        assert not roles.is_headingish(line) and roles.is_short_phrase_title(line)
    for line in ("他说，好", "是的，对", "老城的夜市，火", "春耕，从田间地头到云端课堂。", "老城的夜市",
                 "老城的夜市，小吃摊前排起长队", "春耕，从田间地头，到云端课堂", "春耕，从田间地头到云端课堂的新农人们的故事"):
        assert not roles.is_short_phrase_title(line)
