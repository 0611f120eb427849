"""`jixiao check FILE...` and `manage.py check_reports`: readable report, JSON, exit status."""

import json

import pytest
from django.core.management import call_command

from jixiao.cli import main

from .helpers import JIANGMEN, YUEYANG, seed_bytes

WRONG = """某市科协2021年项目绩效自评报告
一、项目概况
2021年预算安排100万元，年末实际支出50万元，其中，活动经费40万元，培训经费20万元。
二、项目绩效情况
举办活动12场次。
三、存在问题及建议
无。
四、项目自评结论及得分
自评优秀。
得分：99分。
"""


@pytest.fixture
def files(tmp_path):
    wrong = tmp_path / "错误报告.txt"
    wrong.write_text(WRONG, encoding="gb18030")
    jiangmen = tmp_path / "江门.txt"
    jiangmen.write_bytes(seed_bytes(JIANGMEN))
    yueyang = tmp_path / "岳阳.txt"
    yueyang.write_bytes(seed_bytes(YUEYANG))
    garbage = tmp_path / "乱码.docx"
    garbage.write_bytes(bytes(range(256)) * 10)
    return {"wrong": str(wrong), "jiangmen": str(jiangmen), "yueyang": str(yueyang), "garbage": str(garbage)}


def test_errors_make_exit_status_1(files, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("check_reports", files["wrong"])
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "[错误] 分项之和不等于合计（sum.parts）" in out
    assert "年末实际支出：所列 50.00 ≠ 40.00 + 20.00 = 60.00，差 -10.00" in out
    assert "[警告] 自评得分高于预算执行率所允许的最高分（report.score_above_execution）" in out
    assert "预算执行率 50.0%，按财政部权重（执行率 10 分）最高只能得 95.00 分，自评得分却为 99 分" in out


def test_warnings_only_exit_0(files, capsys):
    call_command("check_reports", files["jiangmen"], files["yueyang"])
    out = capsys.readouterr().out
    assert "总体预算执行率仅 66.8%（实际支出 195.10 ÷ 预算 292.00 万元），自评却为 95 分“优秀”" in out
    assert "机关及二级机构汇总当年结余 83.62 ≠ 1086.91 − 1003.30 = 83.61，差 0.01（尾差）" in out
    assert "共检查 2 个文件：错误 0 个" in out


def test_json_parses_and_filters_by_severity(files, capsys):
    with pytest.raises(SystemExit):
        call_command("check_reports", files["wrong"], files["yueyang"], "--json", "--min-severity", "error")
    data = json.loads(capsys.readouterr().out)
    wrong, yueyang = data["reports"]
    assert wrong["has_errors"] is True
    assert [f["code"] for f in wrong["findings"]] == ["sum.parts"]
    assert wrong["counts"] == {"error": 1, "warning": 2, "hint": 1}  # 没有指标表: a hint
    assert yueyang["findings"] == [] and yueyang["counts"]["warning"] > 0
    assert wrong["extraction"]["score"]["value"] == "99"
    first = wrong["findings"][0]
    assert first["marks"] and {"block", "start", "end"} <= set(first["marks"][0])


def test_unreadable_file_is_reported_and_fails(files, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("check_reports", files["garbage"], files["jiangmen"])
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "[无法读取] “乱码.docx”的扩展名是 .docx，但内容不是 Word 文档" in out
    assert "无法读取 1 个" in out


def test_console_script_exit_status(files, capsys):
    assert main(["check", files["wrong"]]) == 1
    assert main(["check", files["jiangmen"], "--min-severity", "warning"]) == 0
    assert main(["check", files["jiangmen"], "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index('{\n  "min_severity"'):])["reports"][0]["extraction"]["unit"] == "江门市科协"


def test_console_script_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "没有.txt")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_docx_checked_like_its_text(tmp_path, capsys):
    from .helpers import docx_from_seed

    path = tmp_path / "岳阳.docx"
    path.write_bytes(docx_from_seed(YUEYANG))
    assert main(["check", str(path), "--min-severity", "warning"]) == 0
    out = capsys.readouterr().out
    assert "━━ 岳阳.docx ━━" in out
    assert "位置：表1 第19行第7列·机关及二级机构汇总·当年结余：“83.62”" in out


def test_unknown_severity_is_a_usage_error(files, capsys):
    assert main(["check", files["jiangmen"], "--min-severity", "fatal"]) == 2
    assert "fatal" in capsys.readouterr().err
