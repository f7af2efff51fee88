"""The model of the 部门决算公开表 for scripts/gen_final_accounts.py: a table
part (rows of 科目编码, name, level and cells) and every identity the checker
applies to the tables and the 情况说明 (src/reports/final_accounts/tables/
check.rs and cross.rs, docs/content-format.md §3.4.1), evaluated on the
written figures: `disputed` gives the fields `gongkai check` must dispute.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

ROW_SUMS = {"income": ("total", ["appropriation", "superior", "business", "operation", "affiliated", "other"]),
            "expenditure": ("total", ["basic", "project", "upward", "operation", "subsidiary"]),
            "general_budget": ("total", ["basic", "project"]), "government_fund": ("total", ["basic", "project"]),
            "basic": ("amount", ["personnel", "public"])}
COLUMNS = {"summary": ["amount"], "income": ["total", "appropriation", "other"], "expenditure": ["total", "basic", "project"],
           "appropriation": ["total", "general_budget", "government_fund"], "general_budget": ["total", "basic", "project"],
           "basic": ["amount"], "government_fund": ["carryover", "income", "total", "basic", "project", "closing"],
           "three_public": ["budget", "actual"]}
ZERO = Decimal(0)


def q(d) -> Decimal:
    """An amount at two decimals (half up)."""
    return Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

def bare(name: str) -> str:
    return re.sub(r"^[一二三四五六七八九十（）()0-9]+、", "", name.strip()).replace(" ", "")


class Part:
    """One side of a table: rows of {code, name, level, total, cells}."""

    def __init__(self, kind: str, key: str):
        self.kind, self.key, self.rows = kind, key, []

    def add(self, name: str, code: str | None = None, level: int = 1, **cells):
        level = {3: 1, 5: 2, 7: 3}[len(code)] if code else level
        total = code is None and (name.endswith("合计") or name.endswith("总计"))
        self.rows.append({"code": code, "name": name, "level": level, "total": total,
                          "cells": {k: q(v) for k, v in cells.items() if v is not None}})

    def columns(self) -> list[str]:
        """The columns this generator writes in this part."""
        return ["amount"] if (self.kind, self.key) == ("appropriation", "income") else COLUMNS[self.kind]

    def field(self, i: int, col: str) -> str:
        return f"tables.{self.kind}.{self.key}[{i}].{col}"

    def children(self, i: int) -> list[int]:
        r = self.rows[i]
        if r["total"]:
            return []
        out = []
        for j in range(i + 1, len(self.rows)):
            s = self.rows[j]
            if s["level"] <= r["level"] or s["total"]:
                break
            if s["level"] == r["level"] + 1:
                out.append(j)
        return out

    def value(self, i: int, col: str) -> Decimal:
        """A cell's value: written, else the sum of its children (blank = 0)."""
        v = self.rows[i]["cells"].get(col)
        return v if v is not None else sum((self.value(c, col) for c in self.children(i)), ZERO)

    def find(self, pred) -> int | None:
        return next((i for i, r in enumerate(self.rows) if pred(r)), None)

    def starts(self, stem: str) -> int | None:
        return self.find(lambda r: bare(r["name"]).startswith(stem))

    def first_total(self) -> int | None:
        return self.find(lambda r: r["total"])

    def classes(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r["level"] == 1 and not r["total"]]

    def toml(self) -> str:
        lines = []
        for r in self.rows:
            head = ([f'code = "{r["code"]}"'] if r["code"] else []) + [f'name = "{r["name"]}"']
            head += [f"level = {r['level']}"] if not r["code"] and r["level"] > 1 else []
            head += [f"{c} = {r['cells'][c]}" for c in self.columns() if c in r["cells"]]
            lines.append("  { " + ", ".join(head) + " },")
        return f"{self.key} = [\n" + "\n".join(lines) + "\n]\n"


def disputed(t: dict, s: dict) -> set[str]:
    """The fields the checker disputes: every identity of §3.4.1 on the
    written figures (a model of tables/check.rs and tables/cross.rs).
    t: kind → {part key → Part}; s: 情况说明 field → figure."""
    out = set()

    def hold(p: Part, i, col, computed):
        if i is not None and p.rows[i]["cells"].get(col, ZERO) != computed:
            out.add(p.field(i, col))

    def part(kind, key="rows"):
        return t.get(kind, {}).get(key)

    for kind, parts in t.items():
        for key, p in parts.items():
            total, cols = ("total", ["general_budget", "government_fund", "state_capital"]) if (kind, key) == ("appropriation", "expenditure") \
                else ROW_SUMS.get(kind, (None, []))
            if kind == "basic":
                cols = []  # 人员经费/公用经费 columns not written
            for i in range(len(p.rows)):
                if cols:
                    hold(p, i, total, sum((p.value(i, c) for c in cols), ZERO))
                kids = p.children(i)
                for col in p.columns() if kids else []:
                    hold(p, i, col, sum((p.value(k, col) for k in kids), ZERO))
            previous = None
            for i, r in enumerate(p.rows):
                if not r["total"]:
                    continue
                if kind in ("summary", "appropriation"):
                    start = previous + 1 if previous is not None else 0
                    members = ([previous] if previous is not None else []) + [j for j in range(start, i) if p.rows[j]["level"] == 1 and not p.rows[j]["total"]]
                else:
                    personnel = lambda j: p.rows[j]["code"] in ("301", "303")  # noqa: E731
                    members = p.classes()
                    if kind == "basic" and bare(r["name"]).startswith("人员经费"):
                        members = [j for j in members if personnel(j)]
                    elif kind == "basic" and bare(r["name"]).startswith("公用经费"):
                        members = [j for j in members if not personnel(j)]
                previous = i
                for col in p.columns() if members else []:
                    hold(p, i, col, sum((p.value(m, col) for m in members), ZERO))
            if kind == "government_fund":
                for i, r in enumerate(p.rows):
                    if "closing" in r["cells"]:
                        hold(p, i, "closing", p.value(i, "carryover") + p.value(i, "income") - p.value(i, "total"))
        if kind in ("summary", "appropriation"):
            inc, exp = parts["income"], parts["expenditure"]
            i, e = inc.starts("总计"), exp.starts("总计")
            hold(exp, e, COLUMNS[kind][0], inc.value(i, "amount"))

    def same(this, other):
        (p, i, col), (q_, j, qcol) = this, other
        if p is not None and q_ is not None and i is not None and j is not None:
            hold(p, i, col, q_.value(j, qcol))

    def cell(kind, key, stem, col):
        p = part(kind, key)
        return (p, p.starts(stem) if p else None, col)

    def total(kind, col):
        p = part(kind)
        return (p, p.first_total() if p else None, col)

    sources = [("一般公共预算财政拨款", "general_budget"), ("政府性基金预算财政拨款", "government_fund"), ("国有资本经营预算财政拨款", "state_capital")]
    for stem, _ in sources:
        same(cell("summary", "income", stem, "amount"), cell("appropriation", "income", stem, "amount"))
    same(cell("summary", "income", "本年收入合计", "amount"), total("income", "total"))
    same(cell("summary", "expenditure", "本年支出合计", "amount"), total("expenditure", "total"))
    for (fp, fc), (tp, tc) in [((part("summary", "expenditure"), "amount"), (part("expenditure"), "total")),
                               ((part("appropriation", "expenditure"), "general_budget"), (part("general_budget"), "total"))]:
        names = {bare(fp.rows[i]["name"]): i for i in fp.classes()}
        there = {bare(tp.rows[j]["name"]): j for j in tp.classes()}
        for n, j in there.items():
            if n not in names:
                hold(tp, j, tc, ZERO)
        for n, i in names.items():
            if not (n.endswith("结转和结余") or n.endswith("结余分配")):
                hold(fp, i, fc, tp.value(there[n], tc) if n in there else ZERO)
    for stem, col in sources:
        same(cell("appropriation", "expenditure", "本年支出合计", col), total(col, "total"))
        if col != "general_budget":
            same(cell("appropriation", "income", stem, "amount"), total(col, "income"))
            same(cell("appropriation", "expenditure", "年末", col), total(col, "closing"))
    gp, i = total("general_budget", "basic")[:2]
    bp = part("basic")
    t_ = bp.find(lambda r: r["total"] and bare(r["name"]) == "合计")
    hold(gp, i, "basic", bp.value(t_, "amount") if t_ is not None else sum((bp.value(c, "amount") for c in bp.classes()), ZERO))
    inc, exp = part("appropriation", "income"), part("appropriation", "expenditure")
    close, open_, spent = exp.starts("年末"), inc.starts("年初"), exp.starts("本年支出合计")
    for stem, col in [("一般公共预算", "general_budget"), ("政府性基金", "government_fund"), ("国有资本经营", "state_capital")]:
        if col in exp.rows[close]["cells"]:
            line = inc.starts(stem)
            after = next((j for j in range(open_ + 1, len(inc.rows)) if bare(inc.rows[j]["name"]).startswith(stem)), None)
            income = inc.value(line, "amount") if line is not None and line < open_ else ZERO
            opening = inc.value(after, "amount") if after is not None else ZERO
            hold(exp, close, col, opening + income - exp.value(spent, col))
    # 情况说明 = 表: each stated figure against the cell that gives it.
    for fld, (p, j, col) in statement_cells(t, s).items():
        if p is not None and j is not None and s[fld] != p.value(j, col):
            out.add(fld)
    return out


def statement_cells(t: dict, s: dict) -> dict:
    """Each 情况说明 field of `s` → the table cell (part, row, column) it must equal."""
    def part(kind, key="rows"):
        return t.get(kind, {}).get(key)

    def row(kind, key, pred):
        p = part(kind, key)
        return p, (p.find(pred) if p else None)

    stem = lambda n: lambda r: bare(r["name"]).startswith(n)  # noqa: E731
    total = lambda r: r["total"]  # noqa: E731
    cols = {"财政拨款收入": "appropriation", "其他收入": "other", "基本支出": "basic", "项目支出": "project"}
    out = {}
    for fld, name in s.get("_names", {}).items():
        if fld.startswith(("income.items", "expenditure.items")):
            out[fld] = (*row(fld.split(".")[0], "rows", total), cols[name])
        elif fld.startswith("general_budget.classes"):
            p, j = row("general_budget", "rows", stem(bare(name)))
            out[fld] = (p, j if j is not None and p.rows[j]["level"] == 1 else None, "total")
        elif fld.startswith("basic_expenditure.categories"):
            out[fld] = (*row("basic", "rows", lambda r, n=bare(name): bare(r["name"]) in (n, n + "合计")), "amount")
        elif fld.startswith("three_public.items"):
            out[fld] = (*row("three_public", "rows", stem(bare(name))), fld.rsplit(".", 1)[1])
    out["overview.total"] = (*row("summary", "income", stem("总计")), "amount")
    out["income.total"] = (*row("summary", "income", stem("本年收入合计")), "amount")
    out["expenditure.total"] = (*row("summary", "expenditure", stem("本年支出合计")), "amount")
    out["appropriation.total"] = (*row("appropriation", "income", stem("总计")), "amount")
    out["general_budget.total"] = (*row("general_budget", "rows", total), "total")
    out["basic_expenditure.general_budget"] = (*row("general_budget", "rows", total), "basic")
    out["three_public.actual"] = (*row("three_public", "rows", total), "actual")
    out["three_public.budget"] = (*row("three_public", "rows", total), "budget")
    return out
