#!/usr/bin/env python3
"""Synthetic city-scale content for benchmarks: N units x Y years x P projects.

Every unit/year gets the `gongkai init` example's 部门决算 (consistent) and a
绩效跟踪 report with P projects in four offices, each with 年初预算, 追加/追减,
调整后预算, 实际支出 and 比例, office subtotals and a grand total — all exact
(decimal arithmetic), except a configurable share of projects whose stated
比例 is deliberately wrong (so the checker has work to report). Deterministic
for a seed.

Usage: scripts/gen-demo.py OUT --units N --years Y --projects P [--seed S] [--errors 0.02]
"""

import argparse
import random
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

OFFICES = ["综合办公室", "民生保障办公室", "城市管理办公室", "社区建设办公室"]
KINDS = ["社区服务中心运行经费", "困难群众救助服务", "老旧小区综合整治", "环境卫生作业", "社区养老驿站运营",
         "垃圾分类推进", "平安建设", "文体活动组织", "街巷长制工作", "物业管理提升"]
PLACES = ["一区", "二区", "东里", "西里", "南街", "北街", "新村", "花园", "胡同", "大院"]


def money(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def pct(a: Decimal, b: Decimal) -> str:
    return str((a / b * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def tracking(rng: random.Random, year: int, projects: int, errors: float) -> str:
    lines = ['unit = "元"', f'title = "{year}年度重点项目绩效跟踪报告"', 'rate_base = "adjusted"', ""]
    rows = []
    for i in range(projects):
        budget = Decimal(rng.randrange(50_000_00, 5_000_000_00)) / 100
        added = Decimal(rng.randrange(0, 200_000_00)) / 100 if rng.random() < 0.3 else Decimal(0)
        cut = Decimal(rng.randrange(0, 100_000_00)) / 100 if rng.random() < 0.2 else Decimal(0)
        adjusted = budget + added - cut
        actual = (adjusted * Decimal(rng.randrange(60, 100)) / 100).quantize(Decimal("0.01"))
        rate = pct(actual, adjusted)
        if rng.random() < errors:
            rate = str(Decimal(rate) + Decimal("1.50"))  # a deliberate discrepancy
        office = OFFICES[i % len(OFFICES)]
        name = f"{rng.choice(PLACES)}{rng.choice(KINDS)}（{i + 1:03d}）"
        rows.append((office, budget, added, cut, adjusted, actual))
        lines += ["[[projects]]", f"no = {i + 1}", f'office = "{office}"', f'name = "{name}"',
                  f"budget = {money(budget)}",
                  f'added = {money(added) if added else chr(34) + "-" + chr(34)}',
                  f'cut = {money(cut) if cut else chr(34) + "-" + chr(34)}',
                  f"adjusted = {money(adjusted)}", f"actual = {money(actual)}", f"rate_pct = {rate}", ""]

    def totals(rs, changes):
        b, ad, c, adj, act = (sum((r[k] for r in rs), Decimal(0)) for k in range(1, 6))
        mid = [f"added = {money(ad)}", f"cut = {money(c)}"] if changes else []
        return [f"budget = {money(b)}"] + mid + [f"adjusted = {money(adj)}", f"actual = {money(act)}", f"rate_pct = {pct(act, adj)}"]

    lines += ["[totals]"] + totals(rows, True) + [""]
    for office in OFFICES:
        mine = [r for r in rows if r[0] == office]
        lines += ["[[offices]]", f'name = "{office}"', f"count = {len(mine)}", "[offices.subtotal]"] + totals(mine, False) + [""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--units", type=int, default=10)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--projects", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=float, default=0.02)
    ap.add_argument("--gongkai", default="target/release/gongkai")
    a = ap.parse_args()
    out = Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    # The init example gives site.toml, glossary, a unit and a consistent 决算.
    subprocess.run([a.gongkai, "init", str(out)], check=True, stderr=subprocess.DEVNULL)
    example = out / "units" / "example"
    unit_toml = (example / "unit.toml").read_text()
    fa = (example / "2024" / "final-accounts.toml").read_text()
    md = (example / "2024" / "livelihood.md").read_text()
    shutil.rmtree(example)
    rng = random.Random(a.seed)
    offices = "".join(f'\n[[offices]]\nname = "{o}"\nduties = "负责{o}相关工作。"\n' for o in OFFICES[2:])
    for u in range(a.units):
        d = out / "units" / f"u{u + 1:04d}"
        d.mkdir(parents=True)
        (d / "unit.toml").write_text(unit_toml.replace("示例街道办事处", f"第{u + 1}街道办事处").replace('short_name = "示例街道"', f'short_name = "第{u + 1}街道"') + offices)
        for y in range(a.years):
            year = 2024 - a.years + 1 + y
            yd = d / str(year)
            yd.mkdir()
            if y == a.years - 1:  # one 决算 per unit: consecutive copies would contradict each other's 上年数
                (yd / "final-accounts.toml").write_text(fa)
                (yd / "livelihood.md").write_text(md)
            (yd / "tracking.toml").write_text(tracking(rng, year, a.projects, a.errors))
    print(f"{out}: {a.units} units x {a.years} years x {a.projects} projects", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
