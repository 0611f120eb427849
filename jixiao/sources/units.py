"""The six source documents' units, typed in from the documents.

Where a document is silent the field stays empty. The documents themselves are
kept beside this module (documents/) for the health check and the tests.
"""

YUEYANG_DUTIES = '岳阳市科学技术协会的主要职能有：1、开展学术交流，促进科技教育和经济发展。2、依照《科普法》，弘扬科学精神，普及科学知识，开展青少年科技活动，提高全民科学文化素质。3、反映科学技术工作者的诉求和意见；组织科学技术工作者参加政治协商、科学决策、民主监督工作。4、表彰奖励优秀科学技术工作者，举荐人才。5、开展科学论证、咨询服务、提出政策建议等。6、开展民间国际科学技术交流活动。7、开展继续教育和科学培训工作。'

LISHUI_DUTIES = '1、密切联系科学技术工作者，宣传党的路线方针政策，反映科学技术工作者的建议、意见和诉求，维护科学技术工作者的合法权益，建设科技工作者之家。2、开展学术交流，活跃学术思想，倡导学术民主，优化学术环境，促进学科发展，推进国家创新体系建设。3、组织科学技术工作者开展科技创新，参与科学论证和咨询服务，加快科学技术成果转化应用，助力创新发展，为增强企业自主创新能力作贡献。4、弘扬科学精神，普及科学知识，推广先进技术，传播科学思想和科学方法，捍卫科学尊严，提高全民科学素质。5、健全科学共同体的自律功能，推动建立和完善科学研究诚信监督机制，促进科学道德建设和学风建设，宣传优秀科学技术工作者，培育科学文化，践行社会主义核心价值观。6、组织科学技术工作者参与科技战略、规划、布局、政策、法律法规的咨询制定和社会事务的政治协商、科学决策、民主监督工作，建设高水平科技创新智库。7、组织所属学会有序承接科技评估、工程技术领域职业资格认定、技术标准研制、科技奖励推荐等政府委托工作或转移职能。8、注重激发青少年科技兴趣，发现培养杰出青年科学家和创新团队，奖励优秀科学技术工作者，举荐科学技术人才。9、开展民间国际科学技术交流活动，促进国际科学技术合作，发展同国（境）外科学技术团体和科学技术工作者的友好交往，为海外科技人才来华创新创业提供服务。10、兴办符合科协宗旨的社会公益性事业。11、承担市委、市政府交办的其他任务。'

# (key, name, level, parent key, fields)
UNITS = [
    ("hunan", "湖南省科学技术协会", "province", None, {"short_name": "湖南省科协"}),
    ("yueyang", "岳阳市科学技术协会", "city", "hunan", {
        "short_name": "岳阳市科协",
        "budget_code": "107001",
        "contact_person": "厉思嘉",
        "phone": "8634551",
        "authorized_staff": 28, "authorized_staff_admin": 11, "authorized_staff_institutional": 17,
        "actual_staff": 28, "actual_staff_admin": 13, "actual_staff_institutional": 15,
        "duties": YUEYANG_DUTIES,
    }),
    ("yueyang_office", "科协机关", "sub_unit", "yueyang", {"sort_order": 1}),
    ("yueyang_centre", "科技活动管理中心", "sub_unit", "yueyang", {"sort_order": 2}),
    ("yueyang_museum", "科技馆", "sub_unit", "yueyang", {"sort_order": 3}),
    ("jiangxi", "江西省科学技术协会", "province", None, {"short_name": "江西省科协"}),
    ("ganzhou", "赣州市科学技术协会", "city", "jiangxi", {"short_name": "赣州市科协"}),
    ("guangdong", "广东省科学技术协会", "province", None, {"short_name": "广东省科协"}),
    ("jiangmen", "江门市科学技术协会", "city", "guangdong", {"short_name": "江门市科协"}),
    ("zhejiang", "浙江省科学技术协会", "province", None, {"short_name": "浙江省科协"}),
    ("lishui", "丽水市科学技术协会", "city", "zhejiang", {
        "short_name": "丽水市科协",
        "contact_person": "雷珍",
        "phone": "2056053",
        "authorized_staff": 6,
        "actual_staff": 9,
        "duties": LISHUI_DUTIES,
    }),
    ("jiangsu", "江苏省科学技术协会", "province", None, {"short_name": "江苏省科协"}),
    ("lianyungang", "连云港市科学技术协会", "city", "jiangsu", {"short_name": "连云港市科协"}),
    ("donghai", "东海县科学技术协会", "county", "lianyungang", {"short_name": "东海县", "sort_order": 1}),
    ("guanyun", "灌云县科学技术协会", "county", "lianyungang", {"short_name": "灌云县", "sort_order": 2}),
    ("guannan", "灌南县科学技术协会", "county", "lianyungang", {"short_name": "灌南县", "sort_order": 3}),
    ("ganyu", "赣榆区科学技术协会", "county", "lianyungang", {"short_name": "赣榆区", "sort_order": 4}),
    ("haizhou", "海州区科学技术协会", "county", "lianyungang", {"short_name": "海州区", "sort_order": 5}),
    ("lianyun", "连云区科学技术协会", "county", "lianyungang", {"short_name": "连云区", "sort_order": 6}),
    ("hubei", "湖北省科学技术协会", "province", None, {"short_name": "湖北省科协"}),
    ("ezhou", "鄂州市科学技术协会", "city", "hubei", {"short_name": "鄂州市科协"}),
]

DOCUMENTS = {
    "ganzhou_2018": "000_b6f6a98bd0c401b1.txt",
    "jiangmen_2022": "001_aa621a6d6afe40b7.txt",
    "lishui_2020": "002_9cad1fdfe21e52f7.txt",
    "yueyang_2017": "003_dba0adaa812d8fb7.txt",
    "lianyungang_2018": "004_ec5181be93802e64.txt",
    # A copy of tests/healthcheck/corpus/documents/04_hb_ezhou_kx_2022_kepu_zipingbiao.txt.
    "ezhou_2022": "005_df7bd84f99dcb295.txt",
}
