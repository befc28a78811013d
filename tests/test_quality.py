"""OKR quality checks: each rule with Chinese and English cases that must and must not trigger."""

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from okrdesk.engine.quality import RULES, check_key_result, check_workshop
from okrdesk.engine.snapshot import KeyResultView, ObjectiveView, ParentRef, WorkshopView
from okrdesk.models import UnitLevel


def kr(title, target=Decimal(10), deadline=date(2027, 3, 31), owner="王丽", kind="metric"):
    return KeyResultView(1, title, kind, None, target, None, deadline, owner, "committed")


def rules_of(findings):
    return [f.rule for f in findings]


@pytest.mark.parametrize(
    ("title", "target", "triggers"),
    [
        ("Grow visitors", None, True),
        ("提高访客数量", None, True),
        ("Get 150 qualified leads", None, False),
        ("获取 150 条合格线索", None, False),
        ("Improve conversion", Decimal(3), False),
    ],
)
def test_kr_measurable(title, target, triggers):
    assert (
        "kr-measurable" in rules_of(check_key_result(kr(title, target=target), "W", "O"))
    ) is triggers


@pytest.mark.parametrize(
    ("title", "deadline", "triggers"),
    [
        ("Sign 40 customers", None, True),
        ("新签 40 家客户", None, True),
        ("Sign 40 customers by 31 March", None, False),
        ("3 月 15 日前发布 30 个视频教程", None, False),
        ("本季度发布 3 期月刊", None, False),
        ("Sign 40 customers", date(2027, 3, 31), False),
    ],
)
def test_kr_deadline(title, deadline, triggers):
    assert (
        "kr-deadline" in rules_of(check_key_result(kr(title, deadline=deadline), "W", "O"))
    ) is triggers


@pytest.mark.parametrize(
    ("title", "triggers"),
    [
        ("Help the sales team close 10 deals", True),
        ("Support 3 product launches", True),
        ("协助销售团队完成 10 单", True),
        ("负责 3 场发布会", True),
        ("跟进 20 个重点客户", True),
        ("Close 10 deals", False),
        ("新签 40 家中型企业客户", False),
        ("Supportive onboarding for 80% of accounts", False),
        ("80% of new accounts finish setup without a support ticket", False),
        ("KR2: Help 5 partners certify", True),
        ("由销售部负责签约 40 家客户", False),
    ],
)
def test_kr_activity(title, triggers):
    assert ("kr-activity" in rules_of(check_key_result(kr(title), "W", "O"))) is triggers


def test_owner_missing():
    assert "owner-missing" in rules_of(check_key_result(kr("Close 10 deals", owner=None), "W", "O"))
    assert "owner-missing" not in rules_of(check_key_result(kr("Close 10 deals"), "W", "O"))


def objective(title, krs=2, parent=None, selected=True):
    return ObjectiveView(
        1,
        title,
        selected,
        None,
        parent,
        tuple(kr(f"{title} KR {n} reaches 10") for n in range(krs)),
    )


def workshop(objectives):
    return WorkshopView(
        1, "W", 1, 1, "select", False, None, 5, 3, 3, (), (), tuple(objectives), None, None, ()
    )


def test_objective_and_kr_counts():
    three = [objective(f"O{chr(65 + n)}".replace("O", "Win "), 2) for n in range(3)]
    assert "objective-count" not in rules_of(check_workshop(workshop(three), UnitLevel.COMPANY))
    assert "objective-count" in rules_of(check_workshop(workshop(three[:2]), UnitLevel.COMPANY))
    six = [objective(f"Win area {chr(65 + n)}") for n in range(6)]
    assert "objective-count" in rules_of(check_workshop(workshop(six), UnitLevel.COMPANY))
    thin = [
        objective("Win the market", krs=1),
        objective("Delight customers"),
        objective("Ship weekly"),
    ]
    findings = check_workshop(workshop(thin), UnitLevel.COMPANY)
    assert [f.objective for f in findings if f.rule == "kr-count"] == ["Win the market"]


@pytest.mark.parametrize(
    ("title", "triggers"),
    [("Grow revenue 20%", True), ("营收增长 20%", True), ("让客户爱上我们", False)],
)
def test_objective_is_number(title, triggers):
    findings = check_workshop(
        workshop([objective(title), objective("B b"), objective("C c")]), UnitLevel.COMPANY
    )
    assert ("objective-is-number" in rules_of(findings)) is triggers


def test_duplicates_and_alignment_below_company_level():
    parent = ParentRef("objective", 9, "Company objective", 1)
    objectives = [
        objective("赢得市场", parent=parent),
        objective("赢得  市场", parent=parent),
        objective("Other", parent=None),
    ]
    findings = check_workshop(workshop(objectives), UnitLevel.DEPARTMENT)
    assert rules_of(findings).count("duplicate") == 1
    assert [f.objective for f in findings if f.rule == "alignment-missing"] == ["Other"]
    assert "alignment-missing" not in rules_of(
        check_workshop(workshop(objectives), UnitLevel.COMPANY)
    )


def test_messages_exist_for_every_rule_in_both_languages():
    from okrdesk.messages import catalogue

    for rule in RULES:
        assert f"quality.{rule}" in catalogue("en") and f"quality.{rule}" in catalogue("zh_CN")


def okrdesk(*args):
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.slow  # four processes of okrdesk: in the slow tier, out of the README's ten minutes
def test_check_command_exit_codes_and_json(tmp_path):
    path = tmp_path / "plan.okrdesk"
    assert okrdesk("demo", path, "--stage", "signed").returncode == 0
    clean = okrdesk("check", path, "--workshop", 2)
    assert clean.returncode == 0 and "No findings" in clean.stdout
    result = okrdesk("check", path, "--json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {"rule", "workshop", "objective", "key_result", "message"} == set(findings[0])
    assert any(f["rule"] == "objective-is-number" for f in findings)
    exported = tmp_path / "plan.json"
    exported.write_text(okrdesk("info", path, "--json").stdout, encoding="utf-8")
    from_json = okrdesk("check", exported, "--json")
    assert from_json.returncode == 1 and json.loads(from_json.stdout) == findings
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    refused = okrdesk("check", bad)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert okrdesk("check", path, "--workshop", 77).returncode == 2
