"""Whatever text a report holds, extraction and the rules finish without an exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.healthcheck.domain import check_report
from jixiao.healthcheck.extraction import extract
from jixiao.healthcheck.findings import report_findings
from jixiao.healthcheck.reading import ReportUnreadable, read_report
from tests.scoring.shipped import MOF_2020

PIECES = [
    "\t", "\n", "\n\n", "，", "。", "；", "、", "（", "）", "：", "%", "万元", "元", "分", "场次", "人次", "名",
    "其中", "共计", "预算", "预算安排", "实际支出", "执行率", "预算执行率", "完成率", "占总支出的", "得分", "自评优秀",
    "评价等次", "优", "计划", "实际", "绩效目标", "完成情况", "指标1：", "数量指标", "收入合计", "支出合计",
    "基本支出", "人员支出", "公用支出", "项目支出", "当年结余", "累计结余", "汇总", "1、", "2、", "三公经费合计",
    "固定资产合计", "为科技工作者服务13分", "最高", "加分项目10分", "考核基础分为", "考核办法", "整体支出",
    "项目绩效自评", "专项总结", "某市科协", "2020年", "一、项目概况", "不低于", "以上", "余", "多", "超", "近",
    "一至二次", "0", "1", "12.5", "100", "1,086.91", "83.62", "-", "－", "5-10", "60", "30",
    "年初预算数", "全年预算数", "全年执行数", "分值", "二级指标", "年度指标值", "实际完成值", "总分", "年度资金总额",
    "其中：当年财政拨款", "≥", "评分占", "服务名称", "计划", "实际", "院士", "邀请",
]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=120))
def test_extraction_and_rules_never_raise(pieces):
    text = "".join(pieces)
    try:
        report = read_report("随机.txt", text.encode("utf-8"))
    except ReportUnreadable:
        return
    extraction = extract(report)
    for result in report_findings(extraction, MOF_2020):
        assert result.message


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.docx", "a.pdf", "a", "a.doc", "a.TXT"]))
def test_check_report_raises_only_unreadable(data, name):
    try:
        check = check_report(name, data)
    except ReportUnreadable as refused:
        assert refused.message
    else:
        assert check.format == "txt"
