#!/usr/bin/env python3
"""Synthetic city-scale content for benchmarks: N units x Y years x P projects.

Every unit/year gets one report of every kind, with Chinese names and exact
(decimal) arithmetic, varied per unit by a seeded random.Random:

- tracking.toml — 绩效跟踪: P projects in four offices (年初预算, 追加/追减,
  调整后预算, 实际支出, 比例), office subtotals and a grand total;
- evaluation.toml — 绩效评价: score (4 一级指标, 7 指标), 自评 buckets, 预算执行
  (基本支出 + 项目支出), 监控项目 distribution (from the tracking rates), two
  ratios, a contract table and a project table (the tracking projects of
  450万元 and more);
- projects/<slug>.toml — three 项目支出绩效自评表 for tracking projects;
- cost/<slug>.toml — one 成本绩效分析: contracts, two years' budgets with
  quantity expressions (`2人*60次*300元=36000元`), 管理费/税费, peers, norms
  and the three appendices (indicators, reductions, standards);
- narratives (*.md) binding figures with {{ … }} (docs §3.5.1);
- final-accounts.toml (scripts/gen_final_accounts.py) + livelihood.md in
  every year: each unit keeps its structure and base figures over the years
  and drifts — its 支出 by a few percent a year, its “三公”经费 rising in some
  units and falling in others (−30%..+35% a year) — and each year's 上年数
  (收支总计, 财政拨款, “三公”经费) are the previous year's own figures: the 情况说明
  (收支总计, 收入/支出构成, 财政拨款, 一般公共预算 by 类 with 年初预算, 基本支出
  人员/公用经费, “三公”经费, 政府采购, 民生) and the nine 部门决算公开表 of
  docs §3.4.1, all from one set of figures per unit: 类 = Σ款 = ΣΣ项, rows = Σ
  columns, 总表 ↔ 收入/支出决算表 ↔ 财政拨款收支总表 ↔ 一般公共预算表 ↔ 基本支出表
  ↔ 政府性基金表 (half the units; the others and 国有资本经营 publish the empty
  table with its note), 三公 parts, 年初 + 收入 − 支出 = 年末 per source;

Figures two reports share agree (docs §4.3): that year's evaluation 执行数 and
its parts equal the 决算 支出, forms and the project table copy the same-named
tracking projects, 监控项目 ≤ 部门项目总数. With probability --errors per
eligible figure a stated figure is made wrong (E-FIGURE unless noted): a
tracking 比例; an evaluation 一级指标 subtotal, bucket share, part rate, ratio,
contract 累计申请比例, a 监控项目 total (E-COUNT) or a project-table 支出金额
(E-CROSS); a form's 执行率 or 总分; a cost line amount. Everything downstream
of a wrong figure is computed from it, so each injection gives one diagnostic.
The 决算 is the exception: with probability --errors for each of the ten
identities of docs §3.4.1 (行 = 各列之和, 类 = Σ款, 合计行, 收入总计 = 支出总计,
年初 + 收入 − 支出 = 年末, 总表 = 财政拨款收支总表, 总表 = 收入/支出决算表,
财政拨款收支总表 = 各来源的表, 一般公共预算表 = 基本支出表, 情况说明 = 表) one
figure it involves is made wrong by 2^k 万元. In a table whose rows and
columns are both sums one wrong figure always breaks two identities (its row
and its column), and a figure another table copies breaks that comparison
too; so the script evaluates every identity on what it wrote and
--manifest FILE lists each injection as a JSON line: file, identity, field
(the wrong figure) and expect (the fields the checker must now dispute).
tests/gen_demo.rs holds `check` to exactly that list. Deterministic for a
seed; the random draws do not depend on --errors.

Usage: scripts/gen-demo.py OUT --units N --years Y --projects P [--seed S] [--errors 0.02] [--gongkai BIN] [--manifest FILE]
"""

import argparse
import json
import random
import shutil
import subprocess
import sys
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal
from math import prod
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_final_accounts import Drift, final_accounts  # noqa: E402

OFFICES = ["综合办公室", "民生保障办公室", "城市管理办公室", "社区建设办公室"]
KINDS = ["社区服务中心运行经费", "困难群众救助服务", "老旧小区综合整治", "环境卫生作业", "社区养老驿站运营",
         "垃圾分类推进", "平安建设", "文体活动组织", "街巷长制工作", "物业管理提升"]
PLACES = ["一区", "二区", "东里", "西里", "南街", "北街", "新村", "花园", "胡同", "大院"]
FIRMS = ["华城", "京润", "恒泰", "宏远", "安居", "正和", "中禾", "金桥", "德信", "瑞丰"]
SURNAMES, GIVEN = "王李张刘陈杨赵黄周吴", ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰", "军", "勇"]
# 一级指标 → [(二级指标, 三级指标, 目标值, 实际完成值, 分值)]; 分值合计 100.
SCORE = [("预算执行", [(None, "部门整体预算支出执行率", "100%", None, 10)]),
         ("产出", [("数量指标", "开展社区服务活动", "不少于120场", "126场", 20),
                   ("质量指标", "环境卫生作业达标率", "100%", "98%", 15),
                   ("时效指标", "重点项目按期完成率", "100%", "100%", 15)]),
         ("效益", [("社会效益指标", "辖区安全生产事故", "0起", "0起", 15),
                   ("可持续影响指标", "社区治理长效机制", "健全", "基本健全", 15)]),
         ("满意度", [("服务对象满意度指标", "辖区居民满意度", "≥95%", "96.5%", 10)])]
# 自评表的绩效指标: (一级, 二级, 三级, 目标值, 分值); 加上资金一行的 10 分合计 100.
FORM_INDICATORS = [("产出指标", "数量指标", "服务社区数量（个）", "21", 20),
                   ("产出指标", "质量指标", "服务达标率", "100%", 15),
                   ("产出指标", "时效指标", "按期完成率", "100%", 15),
                   ("效益指标", "社会效益指标", "居民获得感", "高中低", 30),
                   ("满意度指标", "服务对象满意度指标", "居民满意率", "≥95%", 10)]
COST_PROJECTS = [("困难群众救助服务项目", "relief"), ("社区养老驿站运营服务项目", "elderly-care"),
                 ("垃圾分类指导服务项目", "waste-sorting"), ("社区心理健康服务项目", "mental-health"),
                 ("为老助餐服务项目", "meal-service")]
# 服务内容: (名称, 成本类别, 数量因数的单位, 单价范围（元）, 定额 id)
SERVICES = [("需求评估", "入户评估劳务费", ("人次",), (150, 260), "visit"),
            ("个案帮扶", "个案服务费", ("人", "次"), (250, 400), "case"),
            ("小组活动", "小组活动组织费", ("场",), (800, 1500), "group"),
            ("社区活动", "社区活动组织费", ("场",), (2000, 4000), "event"),
            ("数据维护", "数据录入劳务费", ("人", "月"), (3000, 5000), "data"),
            ("业务培训", "培训讲师费", ("课时",), (500, 1000), "training")]
EXTRAS = [("打印费", "份", 5), ("物料费", "套", 30), ("交通补贴", "人次", 20)]

Project = namedtuple("Project", "no office name budget added cut adjusted actual")


def q(d: Decimal, places: str = "0.01") -> Decimal:
    return d.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def money(d: Decimal) -> str:
    return str(q(d))


def pct(a: Decimal, b: Decimal) -> str:
    return money(Decimal(a) / Decimal(b) * 100)


def one(d: Decimal) -> str:
    return str(q(d, "0.1"))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))


def catalogue(rng: random.Random, year: int, kept: list, size: int, serial: list[int], unit: int) -> list:
    """This year's tracked projects as (项目代码, 名称, 年初预算): about nine in ten
    of last year's recur (same code and name, the budget moved by -15%..+20%),
    the rest are new, so that project histories and 项目增减 have content."""
    out = [(code, name, q(budget * Decimal(rng.randrange(85, 121)) / 100)) for code, name, budget in kept if rng.random() < 0.9]
    while len(out) < size:
        serial[0] += 1
        code = f"110102{year % 100:02d}T{unit:04d}{serial[0]:05d}"
        out.append((code, f"{rng.choice(PLACES)}{rng.choice(KINDS)}（{serial[0]:03d}）", Decimal(rng.randrange(50_000_00, 5_000_000_00)) / 100))
    return out


def tracking(rng: random.Random, year: int, planned: list, bad) -> tuple[str, list[Project]]:
    """绩效跟踪: the project table with office subtotals and the grand total;
    `planned` is the year's (项目代码, 名称, 年初预算) from `catalogue`."""
    lines = ['unit = "元"', f'title = "{year}年度重点项目绩效跟踪报告"', 'rate_base = "adjusted"', ""]
    rows = []
    for i, (code, name, budget) in enumerate(planned):
        added = Decimal(rng.randrange(0, 200_000_00)) / 100 if rng.random() < 0.3 else Decimal(0)
        cut = Decimal(rng.randrange(0, min(100_000_00, int(budget * 50)))) / 100 if rng.random() < 0.2 else Decimal(0)  # ≤ half the budget
        adjusted = budget + added - cut
        # 57%–99% of the adjusted budget: about one project in fifteen executes below 60%.
        actual = (adjusted * Decimal(rng.randrange(57, 100)) / 100).quantize(Decimal("0.01"))
        rate = pct(actual, adjusted)
        if bad():
            rate = str(Decimal(rate) + Decimal("1.50"))  # a deliberate discrepancy
        office = OFFICES[i % len(OFFICES)]
        rows.append(Project(i + 1, office, name, budget, added, cut, adjusted, actual))
        lines += ["[[projects]]", f"no = {i + 1}", f'office = "{office}"', f'name = "{name}"', f'code = "{code}"',
                  f"budget = {money(budget)}",
                  f'added = {money(added) if added else chr(34) + "-" + chr(34)}',
                  f'cut = {money(cut) if cut else chr(34) + "-" + chr(34)}',
                  f"adjusted = {money(adjusted)}", f"actual = {money(actual)}", f"rate_pct = {rate}", ""]

    def totals(rs, changes):
        b, ad, c, adj, act = (sum((getattr(r, k) for r in rs), Decimal(0)) for k in ("budget", "added", "cut", "adjusted", "actual"))
        mid = [f"added = {money(ad)}", f"cut = {money(c)}"] if changes else []
        return [f"budget = {money(b)}"] + mid + [f"adjusted = {money(adj)}", f"actual = {money(act)}", f"rate_pct = {pct(act, adj)}"]

    lines += ["[totals]"] + totals(rows, True) + [""]
    for office in OFFICES:
        mine = [r for r in rows if r.office == office]
        if mine:
            lines += ["[[offices]]", f'name = "{office}"', f"count = {len(mine)}", "[offices.subtotal]"] + totals(mine, False) + [""]
    return "\n".join(lines), rows


def evaluation(rng: random.Random, year: int, rows: list[Project], fa: dict | None, bad) -> str:
    """绩效评价. With a 决算 that year, [execution] copies its 支出 (万元); otherwise
    基本支出 is random and 项目支出 is the tracking total (元)."""
    tb = sum((r.adjusted for r in rows), Decimal(0))
    ta = sum((r.actual for r in rows), Decimal(0))
    if fa:
        ex_unit, scale = "万元", Decimal(10000)
        parts = [(it["name"], it["amount"] + Decimal(rng.randrange(0, 5000)) / 100, it["amount"]) for it in fa["expenditure"]["items"]]
    else:
        ex_unit, scale = "元", Decimal(1)
        basic = Decimal(rng.randrange(8_000_000_00, 15_000_000_00)) / 100
        parts = [("基本支出", basic + Decimal(rng.randrange(0, 300_000_00)) / 100, basic), ("项目支出", tb, ta)]
    eb, ea = sum(p[1] for p in parts), sum(p[2] for p in parts)
    rate = Decimal(pct(ea, eb))
    out = ['unit = "元"', f'title = "{year}年度部门整体绩效评价报告"', ""]
    # 评价得分: scores with one decimal, so a subtotal off by 1 is an error, not rounding.
    cats = []
    for cname, inds in SCORE:
        block = []
        for level2, name, target, actual, mx in inds:
            s = q(mx * rate / 100, "0.1") if actual is None else mx - Decimal(rng.choice([0, 0, 0, 5, 10, 15, 20])) / 10
            block.append((level2, name, target, actual or f"{rate}%", mx, s))
        true = sum(b[5] for b in block)
        stated = true - 1 if bad() and true >= 1 else true  # a wrong 一级指标 subtotal
        cats.append((cname, sum(b[4] for b in block), stated, block))
    total = sum(c[2] for c in cats)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中"
    out += ["[score]", f"total = {one(total)}", "max = 100", f'grade = "{grade}"']
    for cname, mx, s, block in cats:
        out += ["[[score.categories]]", f'name = "{cname}"', f"max = {mx}", f"score = {one(s)}"]
        for level2, name, target, actual, imx, isc in block:
            out += ["[[score.categories.indicators]]"] + ([f'level2 = "{level2}"'] if level2 else [])
            out += [f'name = "{name}"', f'target = "{target}"', f'actual = "{actual}"', f"max = {imx}", f"score = {one(isc)}"]
    # 项目支出绩效自评: the tracking projects, in four score bands.
    n, extra = len(rows), rng.randint(0, 30)
    cuts = sorted(rng.randint(0, n) for _ in range(3))
    counts = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], n - cuts[2]]
    out += ["", "[self_evaluation]", f"projects = {n}", f"all_projects = {n + extra}",
            f"coverage_pct = {pct(n, n + extra)}", f"amount = {money(tb)}"]
    for label, c in zip(["100分", "90（含）-100分", "80（含）-90分", "80分以下"], counts):
        share = Decimal(pct(c, n)) + (Decimal("1.00") if bad() else 0)
        out += ["[[self_evaluation.buckets]]", f'label = "{label}"', f"count = {c}", f"share_pct = {share}"]
    out += ["", "[execution]", f'unit = "{ex_unit}"', f"budget = {money(eb)}", f"actual = {money(ea)}", f"rate_pct = {rate}",
            'text = "全年预算执行情况如下表。"']
    for name, b, a in parts:
        r = Decimal(pct(a, b)) + (Decimal("1.00") if bad() else 0)
        out += ["[[execution.parts]]", f'name = "{name}"', f"budget = {money(b)}", f"actual = {money(a)}", f"rate_pct = {r}"]
    out += ["[[execution.also_stated]]", 'where = "三、（一）3.产出成本"', f"budget = {money(eb)}", f"actual = {money(ea)}", f"rate_pct = {rate}"]
    # 监控项目: the tracking projects by execution rate; total ≤ all_projects.
    bands = [0, 0, 0, 0]
    for r in rows:
        x = r.actual / r.adjusted * 100
        bands[0 if x >= 90 else 1 if x >= 80 else 2 if x >= 60 else 3] += 1
    out += ["", "[monitoring]", 'title = "监控项目"', f"total = {n - 1 if bad() and n else n}", 'text = "监控项目按预算执行率分档如下。"']
    labels = ["预算执行率90%（含）以上", "预算执行率80%（含）-90%", "预算执行率60%（含）-80%", "预算执行率60%以下"]
    for label, c in zip(labels, bands):
        out += ["[[monitoring.buckets]]", f'label = "{label}"', f"count = {c}"]
    a, b = ea * scale, eb * scale
    diff = Decimal(pct(a - b, b)) + (Decimal("0.50") if bad() else 0)
    out += ["", "[[ratios]]", 'name = "重点项目预算执行率"', 'formula_text = "重点项目预算执行率=实际支出/调整后预算×100%"',
            'formula = "a/b"', 'a_name = "实际支出"', f"a = {money(ta)}", 'b_name = "调整后预算"', f"b = {money(tb)}", f"stated_pct = {pct(ta, tb)}",
            "", "[[ratios]]", 'name = "部门预决算差异率"', 'formula_text = "预决算差异率=（决算数-全年预算数）/全年预算数×100%"',
            'formula = "(a-b)/b"', 'a_name = "决算数"', f"a = {money(a)}", 'b_name = "全年预算数"', f"b = {money(b)}", f"stated_pct = {diff}"]
    # 合同支付表 for the largest project: a construction contract and two merged consultancies.
    if rows:
        p = max(rows, key=lambda r: r.adjusted)
        c1 = q(p.adjusted * Decimal(rng.randrange(60, 80)) / 100)
        c2, c3 = q(p.adjusted * Decimal(rng.randrange(2, 6)) / 100), q(p.adjusted * Decimal(rng.randrange(1, 4)) / 100)
        p1, p2 = q(c1 * Decimal(rng.randrange(50, 101)) / 100), q((c2 + c3) * Decimal(rng.randrange(20, 101)) / 100)
        cum1 = Decimal(pct(p1, c1)) + (Decimal("5.00") if bad() else 0)
        firm = lambda kind: f"北京{rng.choice(FIRMS)}{kind}有限公司"
        out += ["", "[[contract_tables]]", f'project = "{p.name}"', 'text = "本项目资金安排及合同支付情况如下。"',
                f"budget = {money(p.adjusted)}", f"paid = {money(p.actual)}", f"rate_pct = {pct(p.actual, p.adjusted)}",
                f"total_amount = {money(c1 + c2 + c3)}", f"total_paid = {money(p1 + p2)}",
                "[[contract_tables.rows]]", 'name = "施工合同"', f'contractor = "{firm("建设工程")}"',
                f"amount = {money(c1)}", f"paid = {money(p1)}", f"cumulative_pct = {cum1}",
                "[[contract_tables.rows]]", 'name = "造价咨询合同"', f'contractor = "{firm("工程咨询")}"',
                f"amount = {money(c2)}", f"paid = {money(p2)}", f"cumulative_pct = {pct(p2, c2 + c3)}", 'merged = "A"',
                "[[contract_tables.rows]]", 'name = "监理合同"', f'contractor = "{firm("工程监理")}"', f"amount = {money(c3)}", 'merged = "A"']
    big = [r for r in rows if r.budget >= 4_500_000]
    if big:
        out += ["", "[[project_tables]]", 'title = "450万元及以上年初预算项目"', 'unit = "元"', f"count = {len(big)}"]
        for r in big:
            act = r.actual + (Decimal("1000.00") if bad() else 0)  # E-CROSS against tracking
            out += ["[[project_tables.rows]]", f'name = "{r.name}"', f"budget = {money(r.budget)}", f"actual = {money(act)}", f"rate_pct = {pct(act, r.budget)}"]
    return "\n".join(out) + "\n"


def form(rng: random.Random, dept: str, p: Project, bad) -> str:
    """项目支出绩效自评表 of a tracking project: 年度资金总额 = its 年初/调整后预算 and 实际支出."""
    rate = Decimal(pct(p.actual, p.adjusted))
    fscore = q(10 * rate / 100, "0.1")
    inds = [(l1, l2, name, target, mx, mx - Decimal(rng.choice([0, 0, 0, 5, 10, 20])) / 10) for l1, l2, name, target, mx in FORM_INDICATORS]
    total = fscore + sum(i[5] for i in inds) - (2 if bad() else 0)
    out = [f'name = "{p.name}"', f'department = "{dept}"', f'implementer = "{p.office}"', f'manager = "{person(rng)}"',
           f'phone = "010-6{rng.randrange(1000000, 9999999)}"', 'unit = "元"', "weights_sum_to_100 = true",
           f'goal_expected = "按计划完成{p.name}各项任务，服务辖区居民。"', f'goal_actual = "全年执行{money(p.actual)}元，基本完成预期目标。"',
           "total_max = 100", f"total_score = {one(total)}", 'text = "经自评，项目总体实施情况良好。"', "",
           "[[funds]]", 'name = "年度资金总额"', f"initial = {money(p.budget)}", f"full_year = {money(p.adjusted)}",
           f"executed = {money(p.actual)}", "max = 10", f"rate_pct = {rate + (Decimal('1.50') if bad() else 0)}", f"score = {one(fscore)}",
           "[[funds]]", 'name = "其中：当年财政拨款"', f"initial = {money(p.budget)}", f"full_year = {money(p.adjusted)}", f"executed = {money(p.actual)}"]
    for l1, l2, name, target, mx, s in inds:
        actual = target if s == mx else "基本完成"
        out += ["", "[[indicators]]", f'level1 = "{l1}"', f'level2 = "{l2}"', f'name = "{name}"', f'target = "{target}"',
                f'actual = "{actual}"', f"max = {mx}", f"score = {one(s)}"]
    return "\n".join(out) + "\n"


def cost(rng: random.Random, short: str, dept: str, year: int, bad) -> tuple[str, str, str]:
    """成本绩效分析: two years' budgets; the later one is priced at the norms."""
    project, slug = rng.choice(COST_PROJECTS)
    services = [SERVICES[i] for i in sorted(rng.sample(range(len(SERVICES)), 4))]
    prices = {}
    for k, s in enumerate(services):  # 原支出标准 → 新定额; the first one is always lowered
        p0 = rng.randrange(s[3][0], s[3][1], 10)
        prices[s[4]] = (p0, p0 - rng.choice([10, 20, 50] if k == 0 else [0, 0, 10, 20]))
    years, totals, out_b = (year - 1, year), [], []
    for b, y in enumerate(years):
        blocks = []
        for k, (sname, item, units, _, nid) in enumerate(services):
            price = Decimal(prices[nid][b])
            factors = [rng.randint(2, 4), rng.randint(6, 12) if units[1] == "月" else rng.randint(20, 120)] if len(units) == 2 else [rng.randint(20, 400)]
            qty = "*".join(f"{n}{u}" for n, u in zip(factors, units))
            amt = price * prod(factors)
            line = ["[[budgets.services.lines]]", f'item = "{item}"', f'quantity = "{qty}"', f"price = {money(price)}"]
            line += [f'formula = "{qty}*{price}元={amt}元"'] if len(units) == 2 else [f"amount = {money(amt)}"]
            if k == 0:
                line.append(f'restated = {{ "表5" = "{prod(factors)}{"".join(units)}*{price}元={amt}元" }}')
            if b == 1:
                line.append(f'norm = "{nid}"')
            lines, sub = [line], amt
            if rng.random() < 0.5:  # a plain extra line: the one a wrong amount is injected into
                ename, eu, ep = rng.choice(EXTRAS)
                m = rng.randint(50, 500)
                stated = ep * m + (ep * 10 if bad() else 0)
                lines.append(["[[budgets.services.lines]]", f'item = "{ename}"', f'quantity = "{m}{eu}"', f"price = {ep}.00", f"amount = {stated}.00"])
                sub += stated
            blocks.append((f"{k + 1}.{sname}", sub, lines))
        services_sum = sum(bl[1] for bl in blocks)
        mrate, trate = rng.choice([5, 6, 8]), rng.choice([3, 6])
        mgmt = q(services_sum * mrate / 100)
        tax = q((services_sum + mgmt) * trate / 100)
        total = services_sum + mgmt + tax
        totals.append(total)
        out_b += ["", "[[budgets]]", f"year = {y}", f'title = "表{b + 2} {y}年项目预算（合同）情况表"', 'unit = "元"', f"total = {money(total)}"]
        for name, sub, lines in blocks:
            out_b += ["[[budgets.services]]", f'name = "{name}"', f"subtotal = {money(sub)}", f"share_pct = {pct(sub, total)}"]
            out_b += [x for line in lines for x in line]
        n = len(blocks)
        for name, rate, base, amount in ((f"{n + 1}.管理费", mrate, "services", mgmt), (f"{n + 2}.税费", trate, "above", tax)):
            out_b += ["[[budgets.charges]]", f'name = "{name}"', f"rate_pct = {rate}", f'base = "{base}"',
                      f"amount = {money(amount)}", f"share_pct = {pct(amount, total)}"]
    first, (p0, p1) = services[0][0], prices[services[0][4]]
    out = [f'title = "{project}成本绩效分析"', f'project = "{project}"', "",
           "[[sections]]", 'title = "一、基本情况"', "[[sections.parts]]", 'title = "（一）项目资金情况"',
           f'text = "{years[0]}年至{years[1]}年的委托服务合同见下表。"', 'show = "contracts"', "",
           "[[sections]]", 'title = "二、成本绩效分析"', "[[sections.parts]]", 'title = "（一）成本构成分析"', 'show = "budgets"',
           "[[sections.parts]]", 'title = "（二）成本变化分析"', 'show = "comparison"',
           "[[sections.parts]]", f'title = "（1）{first}"', "level = 4", f'text = "{first}两年的单价分别为 {p0} 元和 {p1} 元。"',
           f'show = "service:{first}"', f'caption = "表5 {first}工作成本情况表"',
           "[[sections.parts]]", 'title = "（三）横向比较"', 'show = "peers"', "",
           "[[sections]]", 'title = "三、确定支出定额标准"', "[[sections.parts]]", 'show = "norms"', "",
           "[[sections]]", 'title = "四、附件"', "[[sections.parts]]", 'title = "附件1.指标体系表"', 'show = "indicators"',
           "[[sections.parts]]", 'title = "附件2.成果汇总表"', 'show = "reductions"',
           "[[sections.parts]]", 'title = "附件3.支出定额标准汇总表"', 'show = "standards"']
    contracts = [q(t / 10000) for t in totals]
    provider = f"北京{rng.choice(FIRMS)}社会工作服务中心"
    out += ["", "[contracts]", 'title = "表1 各年度委托服务情况"', 'unit = "万元"',
            f"total_amount = {money(sum(contracts))}", f"total_spent = {money(sum(contracts))}"]
    for y, c in zip(years, contracts):
        out += ["[[contracts.rows]]", f"year = {y}", f'provider = "{provider}"', f'period = "{y}.1.1-{y}.12.31"', f"amount = {money(c)}", f"spent = {money(c)}"]
    out += out_b
    out += ["", "[peers]", 'title = "表9 其他街道合同对比"', 'unit = "万元"', "months = 12"]
    peers = [(f"{p}街道", q(contracts[1] * Decimal(rng.randrange(70, 150)) / 100), False) for p in rng.sample("甲乙丙丁戊", 3)]
    peers.append((short, contracts[1], True))
    for name, amount, own in peers:
        out += ["[[peers.rows]]", f'name = "{name}"', f"amount = {money(amount)}", f'monthly = "{money(amount / 12)}万元/月"'] + (["self = true"] if own else [])
    unit_of = {s[4]: "".join(s[2]) for s in services}
    for sname, _, _, _, nid in services:
        out += ["", "[[norms]]", f'id = "{nid}"', f'name = "{sname}"', f'value = "{prices[nid][1]}元/{unit_of[nid]}"',
                f'conditions = "按{unit_of[nid]}计价，含人工及日常耗材"', f'history = "{prices[nid][0]}元/{unit_of[nid]}"']
    out += ["", "[indicators]", 'title = "成本绩效分析指标体系表"']
    for k, (sname, _, _, _, nid) in enumerate(services):
        h, v, u = prices[nid][0], prices[nid][1], unit_of[nid]
        head = ['level1 = "直接成本"', 'level2 = "商品和服务支出"'] if k == 0 else []
        out += ["[[indicators.rows]]"] + head + [f'level3 = "{sname}"', f'history = "{h}元/{u}"', f'target = "{v}元/{u}"', f'norm = "{nid}"']
    out += ["[[indicators.rows]]", 'level1 = "满意度指标"', 'level2 = "服务对象满意度"', 'level3 = "服务对象满意程度"',
            'history = "≥95%"', 'target = "≥95%"']
    lowered = [nid for *_, nid in services if prices[nid][0] > prices[nid][1]]
    out += ["", "[reductions]", 'title = "成本绩效分析成果汇总表"', f'department = "{dept}"', f"total_new = {len(lowered)}"]
    for sname, _, _, _, nid in services:
        h, v, u = prices[nid][0], prices[nid][1], unit_of[nid]
        out += ["[[reductions.rows]]", f'name = "{sname}"', f'norm = "{nid}"', f'before = "{h}元/{u}"', f'after = "{v}元/{u}"']
        out += [f'amount = "{h - v}元/{u}"', f"rate_pct = {pct(h - v, h)}", "new = 1"] if h > v else ['amount = "-"', 'rate_pct = "-"', 'new = "-"']
    out += ["", "[standards]", 'title = "支出定额标准汇总表"', f'department = "{dept}"', 'citywide = "无"']
    for sname, _, _, _, nid in services:
        u = unit_of[nid]
        out += ["[[standards.rows]]", f'norm = "{nid}"', f'old_tier = "{sname}"', f'old_unit = "元/{u}"', f"old_value = {prices[nid][0]}",
                f'new_tier = "{sname}"', f'new_unit = "元/{u}"', f"new_value = {prices[nid][1]}"]
    return slug, project, "\n".join(out) + "\n"


def narratives(year: int, rows: list[Project], forms: list[str], cost_slug: str) -> dict[str, str]:
    """Short prose per report, binding its figures with {{ … }}."""
    def md(title, report, section, body):
        return f'+++\ntitle = "{title}"\nreport = "{report}"\nsection = "{section}"\n+++\n{body}\n'
    out = {"tracking-goals.md": md("绩效目标完成情况", "tracking", "goals",
           f"{year}年共跟踪重点项目{len(rows)}个，调整后预算合计{{{{ tracking.totals.adjusted | money }}}}元，"
           "实际支出{{ tracking.totals.actual | money }}元，执行率{{ tracking.totals.rate_pct | % }}。"),
           "evaluation-overview.md": md("预算绩效工作开展情况", "evaluation", "overview",
           "本年度部门整体绩效评价得分{{ evaluation.score.total }}分，等级为“{{ evaluation.score.grade }}”。"
           "全年执行数{{ evaluation.execution.actual | 万元 }}，预算执行率{{ evaluation.execution.rate_pct | % }}。"),
           "evaluation-management.md": md("成本预算绩效管理", "evaluation", "management",
           f"本年度开展了{{{{ cost/{cost_slug}.project }}}}成本绩效分析，{year}年预算（合同）"
           f"{{{{ cost/{cost_slug}.budgets[1].total | 元 }}}}，并据此确定了单项定额。")}
    if forms:
        out["evaluation-forms.md"] = md("项目绩效自评", "evaluation", "forms",
            f"本年度对{len(forms)}个重点项目填报了自评表，其中“{{{{ projects/{forms[0]}.name }}}}”"
            f"全年执行{{{{ projects/{forms[0]}.funds[0].executed | money }}}}元，执行率{{{{ projects/{forms[0]}.funds[0].rate_pct | % }}}}。")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--units", type=int, default=10)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--projects", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=float, default=0.02)
    ap.add_argument("--gongkai", default="target/release/gongkai")
    ap.add_argument("--manifest", help="write the 决算 injections here, one JSON object a line")
    a = ap.parse_args()
    if a.projects < 1 or a.years < 1:
        ap.error("--projects and --years must be at least 1")
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    # The init example gives site.toml, glossary, a unit and the 决算's livelihood.md.
    subprocess.run([a.gongkai, "init", str(out)], check=True, stderr=subprocess.DEVNULL)
    example = out / "units" / "example"
    unit_toml = (example / "unit.toml").read_text()
    md = (example / "2024" / "livelihood.md").read_text()
    shutil.rmtree(example)
    rng = random.Random(a.seed)
    bad = lambda: rng.random() < a.errors  # noqa: E731 — one draw per eligible figure, whatever --errors is
    injections = []
    offices = "".join(f'\n[[offices]]\nname = "{o}"\nduties = "负责{o}相关工作。"\n' for o in OFFICES[2:])
    for u in range(a.units):
        d = out / "units" / f"u{u + 1:04d}"
        d.mkdir(parents=True)
        dept, short = f"第{u + 1}街道办事处", f"第{u + 1}街道"
        (d / "unit.toml").write_text(unit_toml.replace("示例街道办事处", dept).replace('short_name = "示例街道"', f'short_name = "{short}"') + offices)
        planned, serial = [], [0]
        # The unit's drift: its 支出 move by `growth` a year, its “三公”经费 by `tp`
        # (rising in some units, falling in others), each year ±3% on top.
        base_seed, growth = rng.randrange(2**32), Decimal(rng.randrange(-6, 11)) / 100
        tp = Decimal(rng.choice([rng.randrange(-30, -4), rng.randrange(5, 36)])) / 100
        fa_data = None
        for y in range(a.years):
            year = 2024 - a.years + 1 + y
            yd = d / str(year)
            yd.mkdir()
            noise = lambda: Decimal(rng.randrange(97, 104)) / 100  # noqa: E731
            drift = Drift(random.Random(base_seed), (1 + growth) ** y * noise(), (1 + tp) ** y * noise(), fa_data)
            # A 决算 every year, its 上年数 the previous year's own figures.
            rel = f"units/{d.name}/{year}/final-accounts.toml"
            fa, fa_data, injected = final_accounts(rng, bad, rel, drift)
            injections += injected
            (yd / "final-accounts.toml").write_text(fa)
            (yd / "livelihood.md").write_text(md)
            planned = catalogue(rng, year, planned, a.projects, serial, u + 1)
            text, rows = tracking(rng, year, planned, bad)
            (yd / "tracking.toml").write_text(text)
            (yd / "evaluation.toml").write_text(evaluation(rng, year, rows, fa_data, bad))
            slugs = []
            for p in sorted(rng.sample(rows, min(3, len(rows))), key=lambda r: r.no):
                (yd / "projects").mkdir(exist_ok=True)
                slugs.append(f"project-{p.no:03d}")
                (yd / "projects" / f"{slugs[-1]}.toml").write_text(form(rng, dept, p, bad))
            slug, _, text = cost(rng, short, dept, year, bad)
            (yd / "cost").mkdir()
            (yd / "cost" / f"{slug}.toml").write_text(text)
            for name, body in narratives(year, rows, slugs, slug).items():
                (yd / name).write_text(body)
    if a.manifest:
        Path(a.manifest).write_text("".join(json.dumps(j, ensure_ascii=False) + "\n" for j in injections))
    print(f"{out}: {a.units} units x {a.years} years x {a.projects} projects; {len(injections)} errors injected in 部门决算 identities",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
