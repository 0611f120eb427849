"""连云港市科协 2018 (004_ec5181be93802e64.txt): the county target-assessment scheme.

Typed in from 连科协〔2018〕32号 and its annex 《2018年度县（区）科协工作目标考核指标》.
Item and bonus texts are the document's own words (tests check each one against
the document). A measure is set for every figure the document states as a
target ("不少于", "以上", "各N家"); requirements without a figure ("有启动仪式")
stay in the item's text for the judges. Where the document is silent the field
is left empty: it names no tie-break, no advanced-unit count, no routine-work
weight and no dropping of extreme scores, and it does not say which counties
have a 科普大篷车.

Thresholds: {"min": ..., "max": ...} applies to every county; "counties" limits
it to the counties named (the document's own names); "attribute" to counties
with (True) or without (False) that attribute. A county no threshold applies to
has none (item 8 names no 特色家庭农场 for 连云区).
"""

DOCUMENT_NUMBER = "连科协〔2018〕32号"
YEAR = 2018
TITLE = "2018年度县（区）科协工作目标考核办法"
ISSUING_UNIT = "lianyungang"
BASE_POINTS = "100"
BONUS_CAP = "10"
# 现场陈述时间控制在15分钟以内，现场回答提问时间控制在5分钟左右。
PRESENTATION_MINUTES = 15
QUESTIONS_MINUTES = 5

# The document's names for the assessed counties, and their keys in jixiao.sources.units.
COUNTIES = {
    "东海县": "donghai",
    "灌云县": "guanyun",
    "灌南县": "guannan",
    "赣榆区": "ganyu",
    "海州区": "haizhou",
    "连云区": "lianyun",
}

# 评委由市科协领导、机关各部门、各县（区）科协等人员现场独立进行结构化评分。
# 其中，市科协领导评分占40%，机关各部门评分占30%，县区科协评分占30%。
JUDGE_GROUPS = [
    ("市科协领导", "40"),
    ("机关各部门", "30"),
    ("县区科协", "30"),
]

# (number, name, points)
CATEGORIES = [
    (1, "为科技工作者服务", "13"),
    (2, "为创新驱动发展服务", "28"),
    (3, "为提高全民科学素质服务", "26"),
    (4, "为党和政府科学决策服务", "7"),
    (5, "加强自身建设", "26"),
]

BIG_FOUR = ["东海县", "灌云县", "灌南县", "赣榆区"]

ITEMS = [
    {
        "number": 1, "category": 1, "points": "4",
        "content": "组织开展“全国科技工作者日”系列活动，各县区重点活动不少于3项。组织动员本地区科技工作者积极投身“创新争先行动”，提升影响力和号召力。",
        "measures": [
            {"code": "workers_day_events", "name": "“全国科技工作者日”重点活动", "unit": "项", "thresholds": [{"min": "3"}]},
        ],
    },
    {
        "number": 2, "category": 1, "points": "5",
        "content": "建立健全科技工作者表彰奖励制度，组织开展评比表彰活动。做好人才举荐工作，推荐优秀科技人才参与国家、省、市各类评选表彰等活动。组织人员参加省科协创新创业大赛，推荐人选申报省青年人才托举工程专项。组织人员参与市第四届自然科学优秀学术成果奖、第三届优秀工程师奖、最美科技创新之星评选。",
        "measures": [],
    },
    {
        "number": 3, "category": 1, "points": "2",
        "content": "加大优秀科技工作者宣传力度，在地方党报、主流媒体及新媒体大力宣传优秀创新创业典型不少于10人次。",
        "measures": [
            {"code": "role_models_publicised", "name": "宣传优秀创新创业典型", "unit": "人次", "thresholds": [{"min": "10"}]},
        ],
    },
    {
        "number": 4, "category": 1, "points": "2",
        "content": "推动网上科协建设，丰富与科技工作者联络服务的手段。县区科协网络、政务平台与省市科协互通互联，畅通与上级科协联络通道，及时完成各项工作任务。",
        "measures": [],
    },
    {
        "number": 5, "category": 2, "points": "3",
        "content": "围绕服务科技创新和产学研合作，搭建学术交流平台，东海县、灌云县、灌南县、赣榆区组织开展学术交流活动不少于6场次，海州区、连云区不少于4场次。加强与上级科协联合联动，组织参加各类学术交流、高端论坛等活动。",
        "measures": [
            {"code": "academic_exchanges", "name": "学术交流活动", "unit": "场次", "thresholds": [
                {"min": "6", "counties": BIG_FOUR},
                {"min": "4", "counties": ["海州区", "连云区"]},
            ]},
        ],
    },
    {
        "number": 6, "category": 2, "points": "3",
        "content": "落实省市“学会能力提升计划”，参与创新创业服务基地、科技服务站、首席专家（工程师）申报。其中，科技服务站不少于2家，首席专家（工程师）不少于2人。配合实施科技创新助力工程，争取省市学会资源服务地方经济发展。",
        "measures": [
            {"code": "service_stations", "name": "科技服务站", "unit": "家", "thresholds": [{"min": "2"}]},
            {"code": "chief_experts", "name": "首席专家（工程师）", "unit": "人", "thresholds": [{"min": "2"}]},
        ],
    },
    {
        "number": 7, "category": 2, "points": "8",
        "content": "完成科技信息推送任务，东海县、灌云县、灌南县、赣榆区各10家，海州区科协8家，连云区科协6家，培育典型案例不少于5家。推动县级学会有序承接政府转移职能，取得新突破。对接地方产业园区，推动双创服务基地和众创社区建设，开展创新创业培训。组织开展“科技专家企业行”、“讲比”活动、“厂会协作” 等，助力企业转型升级、创新发展。",
        "measures": [
            {"code": "information_pushes", "name": "科技信息推送", "unit": "家", "thresholds": [
                {"min": "10", "counties": BIG_FOUR},
                {"min": "8", "counties": ["海州区"]},
                {"min": "6", "counties": ["连云区"]},
            ]},
            {"code": "typical_cases", "name": "培育典型案例", "unit": "家", "thresholds": [{"min": "5"}]},
        ],
    },
    {
        "number": 8, "category": 2, "points": "4",
        "content": "落实“百名教授科教兴百村小康工程”目标任务，下发年度工作意见。积极申报特色家庭农场，其中，东海县2家、赣榆区2 家、灌南县2家、灌云县2家、海州区2家。对接省“科技助力脱贫致富奔小康工程”，序时完成各项目标任务。",
        "measures": [
            {"code": "family_farms", "name": "申报特色家庭农场", "unit": "家", "thresholds": [
                {"min": "2", "counties": ["东海县", "赣榆区", "灌南县", "灌云县", "海州区"]},
            ]},
        ],
    },
    {
        "number": 9, "category": 2, "points": "6",
        "content": "大力推进海智计划工作，参与省级海智基地、市级海智基地工作站申报并获批；全年独立接待海外高层次人才不少于5人，推介海外技术项目不少于10个，对外发布地方项目需求不少于10个，年内有海智项目落地。积极承办或组织参与上级科协组织的海智大会、海智大赛、海智企业路演、科技咖啡馆、科技视频连线等活动。",
        "measures": [
            {"code": "overseas_talents_received", "name": "独立接待海外高层次人才", "unit": "人", "thresholds": [{"min": "5"}]},
            {"code": "overseas_projects_promoted", "name": "推介海外技术项目", "unit": "个", "thresholds": [{"min": "10"}]},
            {"code": "local_needs_published", "name": "对外发布地方项目需求", "unit": "个", "thresholds": [{"min": "10"}]},
        ],
    },
    {
        "number": 10, "category": 2, "points": "4",
        "content": "建设完善科企联盟及海智“三库”，为地方发展提供人才项目支撑。其中，科企联盟三库入库项目不少于60项，专家库10项，成果库30项，需求库20项；海智三库入库项目不少于15项。",
        "measures": [
            {"code": "alliance_entries", "name": "科企联盟三库入库项目", "unit": "项", "thresholds": [{"min": "60"}]},
            {"code": "alliance_experts", "name": "其中：专家库", "unit": "项", "thresholds": [{"min": "10"}]},
            {"code": "alliance_results", "name": "其中：成果库", "unit": "项", "thresholds": [{"min": "30"}]},
            {"code": "alliance_needs", "name": "其中：需求库", "unit": "项", "thresholds": [{"min": "20"}]},
            {"code": "haizhi_entries", "name": "海智三库入库项目", "unit": "项", "thresholds": [{"min": "15"}]},
        ],
    },
    {
        "number": 11, "category": 3, "points": "4",
        "content": "落实全民科学素质纲要工作任务，推动纲要工作列入党委、政府绩效考核，列入成员单位年度工作计划；年内召开科学素质工作推进会1-2次，加强纲要工作督导检查。",
        "measures": [
            {"code": "literacy_meetings", "name": "召开科学素质工作推进会", "unit": "次", "thresholds": [{"min": "1", "max": "2"}]},
        ],
    },
    {
        "number": 12, "category": 3, "points": "5",
        "content": "组织开展科普周、全国科普日活动，有启动仪式，重点活动不少于10项。对接省科协“三百行动”，举办科普知识讲座不少于4场次。充分发挥科普专家优势，广泛深入社区、学校、农村开展科普宣传活动不少于20场次。",
        "measures": [
            {"code": "science_day_events", "name": "科普周、全国科普日重点活动", "unit": "项", "thresholds": [{"min": "10"}]},
            {"code": "science_lectures", "name": "科普知识讲座", "unit": "场次", "thresholds": [{"min": "4"}]},
            {"code": "outreach_events", "name": "深入社区、学校、农村开展科普宣传活动", "unit": "场次", "thresholds": [{"min": "20"}]},
        ],
    },
    {
        "number": 13, "category": 3, "points": "4",
        "content": "持续推动科普信息化建设，指导社区用好科普大屏，确保“科普云”接入终端连接指数、正常指数、活跃指数均达90%以上。整合网络、手机等新型媒体资源，建好用好科普微信平台，推进科普e站建设，提升科普传播精准度。加强与各类媒体合作，提升“科普之窗”覆盖面。",
        "measures": [
            {"code": "cloud_connection_index", "name": "“科普云”接入终端连接指数", "unit": "%", "thresholds": [{"min": "90"}]},
            {"code": "cloud_normal_index", "name": "“科普云”接入终端正常指数", "unit": "%", "thresholds": [{"min": "90"}]},
            {"code": "cloud_active_index", "name": "“科普云”接入终端活跃指数", "unit": "%", "thresholds": [{"min": "90"}]},
        ],
    },
    {
        "number": 14, "category": 3, "points": "4",
        "content": "推进科普场馆建设，协调县区科普场馆定期免费开放。开展科普宣传进基层活动，有科普大篷车的县区年内开展活动不少于30场次，没有科普大篷车的县区，与市科协做好对接，年内开展活动不少于12场次。加强科普志愿者队伍管理，充分发挥大学生村官科普员作用，科普志愿服务率达85%以上。",
        "measures": [
            {"code": "grassroots_events", "name": "科普宣传进基层活动", "unit": "场次", "thresholds": [
                {"min": "30", "attribute": "has_science_caravan", "value": True},
                {"min": "12", "attribute": "has_science_caravan", "value": False},
            ]},
            {"code": "volunteer_service_rate", "name": "科普志愿服务率", "unit": "%", "thresholds": [{"min": "85"}]},
        ],
    },
    {
        "number": 15, "category": 3, "points": "2",
        "content": "落实基层科普行动计划，积极参与科普示范和教育基地创建，完成申报2家以上。做好科普惠农服务站和科普文明示范社区创建等工作。",
        "measures": [
            {"code": "demonstration_bases", "name": "申报科普示范和教育基地", "unit": "家", "thresholds": [{"min": "2"}]},
        ],
    },
    {
        "number": 16, "category": 3, "points": "7",
        "content": "积极参与省、市级青少年创新大赛等活动，获市级奖及以上项目总数不少于30项。参与青少年科技创新市长奖评选,已设立县（区）长奖的组织开展评选活动。组织申报省科学教育综合示范学校，完成申报1家以上。组织参与第二届连云港市世界教育机器人选拔赛、科技辅导员培训等活动。",
        "measures": [
            {"code": "youth_awards", "name": "青少年创新大赛获市级奖及以上项目", "unit": "项", "thresholds": [{"min": "30"}]},
            {"code": "model_schools", "name": "申报省科学教育综合示范学校", "unit": "家", "thresholds": [{"min": "1"}]},
        ],
    },
    {
        "number": 17, "category": 4, "points": "3",
        "content": "有科技决策智库。充分发挥科协常委会、学会组织等人才优势，建立专兼职咨询专家队伍，为科技智库建设提供决策指导。",
        "measures": [],
    },
    {
        "number": 18, "category": 4, "points": "4",
        "content": "有完善的科技工作者建言献策奖励机制。组织科技工作者开展建言献策，编撰高质量《科技工作者建议》，被当地主要领导批示或采纳不少于2篇。组织人员申报市科协软课题研究，形成一批智库成果。",
        "measures": [
            {"code": "proposals_adopted", "name": "《科技工作者建议》被当地主要领导批示或采纳", "unit": "篇", "thresholds": [{"min": "2"}]},
        ],
    },
    {
        "number": 19, "category": 5, "points": "5",
        "content": "争取党政重视，县区党委常委会和政府常务会议听取科协工作汇报，专题研究科协工作。有领导分管、联系科协，党政领导参加科协活动每年不少于2次。做好科协系统深化改革工作，落实各项改革任务。",
        "measures": [
            {"code": "leaders_at_events", "name": "党政领导参加科协活动", "unit": "次", "thresholds": [{"min": "2"}]},
        ],
    },
    {
        "number": 20, "category": 5, "points": "11",
        "content": "加强科协组织建设，推动主要负责人进同级人大、政协常委。坚持民主办会，按时进行换届，按规定召开全委会、常委会。基层科协组织机制健全，实行动态化、网络化管理，有专人维护科协组织信息库，年内组织开展活动2次以上。开展基层科协组织力“4+1”试点，吸纳医院院长、学校校长、农技站站长、科技型企业家进入县乡镇科协领导机构。规范学会组织建设，定期召开学会工作会议，推动学会健康发展，推动成立县级工程师协会，新成立学会1家以上，创建3A级以上学会1家。加强企业科协建设，稳步推进科协组织向园区、开发区延伸，省级以上高新技术企业成立科协达50%以上。加强农技协组织建设，各县区成立农村专业技术协会，涉农乡镇建有4家以上农技协组织。",
        "measures": [
            {"code": "grassroots_org_activities", "name": "基层科协组织开展活动", "unit": "次", "thresholds": [{"min": "2"}]},
            {"code": "new_societies", "name": "新成立学会", "unit": "家", "thresholds": [{"min": "1"}]},
            {"code": "aaa_societies", "name": "创建3A级以上学会", "unit": "家", "thresholds": [{"min": "1"}]},
            {"code": "enterprise_association_rate", "name": "省级以上高新技术企业成立科协比例", "unit": "%", "thresholds": [{"min": "50"}]},
            {"code": "farm_tech_associations", "name": "涉农乡镇建有农技协组织", "unit": "家", "thresholds": [{"min": "4"}]},
        ],
    },
    {
        "number": 21, "category": 5, "points": "2",
        "content": "认真落实党风廉政建设责任制，组织动员科协组织、科技社团和广大科技工作者学习贯彻党的十九大精神，提升科协干部政治素养。实施“党建强会”计划，鼓励有条件的学会成立党支部，年内新成立党支部不少于2家。",
        "measures": [
            {"code": "new_party_branches", "name": "新成立党支部", "unit": "家", "thresholds": [{"min": "2"}]},
        ],
    },
    {
        "number": 22, "category": 5, "points": "5",
        "content": "加强自身能力建设，制定出台科协机关年度目标任务，并细化分解、推动落实。积极参与“县级科协创新发展能力提升计划”，及时报送相关材料。加强科协系统专兼职干部培训，组织人员参加省市培训，提高科协干部业务能力。及时完成上级科协布置的年度财务决算、综合统计、报纸征订等有关工作。",
        "measures": [],
    },
    {
        "number": 23, "category": 5, "points": "3",
        "content": "信息宣传工作机制健全，信息报送及时，年内在省市媒体、网站及科协刊物上发稿不少于90篇，其中省科协要闻采用不少于5篇。上报高质量调研报告不少于1篇。",
        "measures": [
            {"code": "articles_published", "name": "在省市媒体、网站及科协刊物上发稿", "unit": "篇", "thresholds": [{"min": "90"}]},
            {"code": "provincial_headlines", "name": "其中：省科协要闻采用", "unit": "篇", "thresholds": [{"min": "5"}]},
            {"code": "research_reports", "name": "上报高质量调研报告", "unit": "篇", "thresholds": [{"min": "1"}]},
        ],
    },
]

# (number, content, cap) — 加分项目10分
BONUS_ITEMS = [
    (1, "荣获中国科协、省科协、市委市政府（含同级别部门单位）表彰。在地方党委政府目标考核中获“十佳单位”。", "4"),
    (2, "在全国、全省树品牌的单项工作，成为全国、全省推广的新模式、新经验、新典型。", "4"),
    (3, "信息被中国科协网站采用；被江苏公众科技网站大字头条采用。", "2"),
]
