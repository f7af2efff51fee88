"""部门决算 for scripts/gen-demo.py: the 情况说明 and the nine 部门决算公开表
(docs/content-format.md §3.4.1) of one unit, all from one set of figures.

The figures: per 项 of the 功能分类 the 一般公共预算 基本支出 and 项目支出, one
政府性基金 项 (for some units), 其他收入 spent on one 项, and the 年初/年末
结转和结余 of each 财政拨款 source (年末 = 年初 + 收入 − 支出). Every table is
computed from them (类 = Σ款 = ΣΣ项, 合计 = Σ类, rows = Σ columns, table 1 ↔ 2
↔ 3 ↔ 4 ↔ 5 ↔ 6 ↔ 7, 三公 parts), and so is every 情况说明 figure.

Errors: with probability `rate` for each identity of §3.4.1 (IDENTITIES), one
written figure that the identity involves is made wrong by 2^k 万元 (k = the
injection's number in the file, so two wrong figures never cancel). One
wrong figure in a table whose rows and columns are both checked breaks two
identities (its row and its column: the defects are linearly dependent, so
one alone cannot be broken), and a figure another table or the 情况说明 copies
breaks that comparison too. So the generator evaluates every identity the
checker applies (scripts/gen_final_accounts_model.py) on the
written figures and reports, per injection, the fields the checker must
dispute: `expect`. The random draws do not depend on the rate.
"""

from collections import namedtuple
from decimal import Decimal

from gen_final_accounts_model import ZERO, Part, bare, disputed, q

CLASSES = [
    ("201", "一般公共服务支出", [("20103", "政府办公厅（室）及相关机构事务",
                                [("2010301", "行政运行", "basic"), ("2010350", "事业运行", "basic"),
                                 ("2010399", "其他政府办公厅（室）及相关机构事务支出", "project")])]),
    ("208", "社会保障和就业支出", [("20802", "民政管理事务", [("2080208", "基层政权建设", "project")]),
                                 ("20810", "社会福利", [("2081002", "老年福利", "project")]),
                                 ("20819", "最低生活保障", [("2081901", "城市最低生活保障金支出", "project")])]),
    ("212", "城乡社区支出", [("21201", "城乡社区管理事务", [("2120101", "行政运行", "basic"), ("2120104", "城管执法", "project")]),
                             ("21205", "城乡社区环境卫生", [("2120501", "城乡社区环境卫生", "project")])]),
    ("221", "住房保障支出", [("22102", "住房改革支出", [("2210201", "住房公积金", "basic"), ("2210203", "购房补贴", "basic")])]),
]
# The 政府性基金 项 (in 类 212).
FUND = ("212", "城乡社区支出", "21208", "国有土地使用权出让收入安排的支出", "2120899", "其他国有土地使用权出让收入安排的支出")
OTHER_ITEM = "2010350"  # 事业运行: where 其他收入 is spent (基本支出)
# 经济分类 of 基本支出: 类 → 款; 301 and 303 are 人员经费.
ECONOMIC = [("301", "工资福利支出", [("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30108", "机关事业单位基本养老保险缴费")]),
            ("302", "商品和服务支出", [("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"), ("30231", "公务用车运行维护费")]),
            ("303", "对个人和家庭的补助", [("30302", "退休费"), ("30305", "生活补助")])]
# The identities of §3.4.1, in its order: (name, what an injection makes wrong).
IDENTITIES = [
    ("行 = 各列之和", "a 项 row's total (收入/支出/一般公共预算表)"),
    ("类 = Σ款，款 = Σ项", "a 款 row's 财政拨款收入, 基本支出 or 项目支出"),
    ("合计行", "a 合计 row's part, 人员经费合计/公用经费合计, or the 三公 合计"),
    ("收入总计 = 支出总计", "收入支出决算总表's 支出总计 and 年末结转和结余, by the same amount"),
    ("年初结转 + 收入 − 支出 = 年末结转", "财政拨款收支总表's 年末 一般公共预算, or the 政府性基金 项's 年末"),
    ("总表 = 财政拨款收支总表", "a 财政拨款收入 line of 收入支出决算总表"),
    ("总表 = 收入决算表、支出决算表", "a 类 line of 收入支出决算总表"),
    ("财政拨款收支总表 = 各来源的表", "a 类's 一般公共预算 figure in 财政拨款收支总表"),
    ("一般公共预算表 = 基本支出表", "基本支出表's 合计"),
    ("情况说明 = 表", "a basic_expenditure figure"),
]


def pct(a, b) -> Decimal:
    return q(Decimal(a) / Decimal(b) * 100)


def cents(rng, lo: int, hi: int) -> Decimal:
    """A random amount in 万元 between lo and hi, two decimals."""
    return Decimal(rng.randrange(lo * 100, hi * 100)) / 100


def split(rng, total: Decimal, n: int) -> list[Decimal]:
    """n non-negative two-decimal parts of total, summing to it exactly."""
    cuts = sorted(rng.randrange(0, int(total * 100) + 1) for _ in range(n - 1))
    edges = [0] + cuts + [int(total * 100)]
    return [Decimal(edges[i + 1] - edges[i]) / 100 for i in range(n)]

def tables(rng, fund: bool, scale: Decimal = Decimal(1), tp_scale: Decimal = Decimal(1)) -> tuple[dict, dict]:
    """The nine tables from random figures, and the totals the 情况说明 states.
    `rng` is the unit's own base generator, seeded alike every year, so a unit's
    years share their structure and base figures; each amount is then scaled:
    the 支出 by `scale`, the “三公”经费 by `tp_scale` (the year's drift)."""
    amount = lambda lo, hi, k=scale: q(cents(rng, lo, hi) * k)  # noqa: E731
    # “三公”经费 first: the draws below depend on the scaled figures.
    buy = (amount(0, 30, tp_scale), ZERO) if rng.random() < 0.3 else (ZERO, ZERO)
    run = (amount(5, 20, tp_scale), amount(2, 20, tp_scale))
    host = (amount(1, 5, tp_scale), amount(0, 5, tp_scale))
    gb = {}  # 项 code → (basic, project) of 一般公共预算
    for _, _, kuan in CLASSES:
        for _, _, xiang in kuan:
            for code, _, kind in xiang:
                big = amount(300, 3000)
                gb[code] = (big, amount(0, 200) if rng.random() < 0.3 else ZERO) if kind == "basic" else (ZERO, big)
    other = amount(10, 200) if rng.random() < 0.7 else ZERO
    a_gb, d_gb = amount(0, 300), amount(0, 300)  # 年初 and 年末 − 年初 of 一般公共预算
    gf_spent, a_gf, d_gf = (amount(100, 2000), amount(0, 100), amount(0, 100)) if fund else (ZERO, ZERO, ZERO)
    first = next(iter(gb))

    def leaf(code: str, table: str) -> dict:
        """The cells of 项 `code` in `table`."""
        b, p = gb.get(code, (ZERO, ZERO))
        gf = gf_spent if code == FUND[4] else ZERO
        o = other if code == OTHER_ITEM else ZERO
        if table == "general_budget":
            return {"total": b + p, "basic": b, "project": p}
        if table == "expenditure":
            return {"total": b + p + gf + o, "basic": b + o, "project": p + gf}
        if table == "appropriation":
            return {"total": b + p + gf, "general_budget": b + p, "government_fund": gf}
        appr = b + p + gf + (d_gb if code == first else ZERO) + (d_gf if code == FUND[4] else ZERO)
        return {"total": appr + o, "appropriation": appr, "other": o}

    tree = [(c, n, [(k, kn, list(x)) for k, kn, x in kuan]) for c, n, kuan in CLASSES]
    if fund:
        tree[2][2].append((FUND[2], FUND[3], [(FUND[4], FUND[5], "project")]))

    def ranked(table: str) -> list:
        """(code, name, level, cells) of every 类/款/项 with figures, sums computed."""
        rows = []
        for c, n, kuan in tree:
            crow = (c, n, 1, {})
            kuans = []
            for k, kn, xiang in kuan:
                leaves = [(x, xn, 3, leaf(x, table)) for x, xn, _ in xiang if table != "general_budget" or x != FUND[4]]
                leaves = [lf for lf in leaves if lf[3]["total"]]
                if leaves:
                    kuans.append(((k, kn, 2, {col: sum(lf[3][col] for lf in leaves) for col in leaves[0][3]}), leaves))
            if kuans:
                crow = (c, n, 1, {col: sum(kr[0][3][col] for kr in kuans) for col in kuans[0][0][3]})
                rows.append(crow)
                for kr, leaves in kuans:
                    rows += [kr] + leaves
        return rows

    def nonzero(cells: dict) -> dict:
        return {k: v for k, v in cells.items() if v or k in ("total", "amount")}

    t = {}
    for kind in ("income", "expenditure", "general_budget"):
        p = Part(kind, "rows")
        rows = ranked(kind)
        p.add("合计", **nonzero({col: sum(r[3][col] for r in rows if r[2] == 1) for col in rows[0][3]}))
        for code, name, _, cells in rows:
            p.add(name, code, **nonzero(cells))
        t[kind] = {"rows": p}
    tot = lambda kind, col: t[kind]["rows"].rows[0]["cells"].get(col, ZERO)  # noqa: E731
    g_s, g_in = tot("general_budget", "total"), tot("general_budget", "total") + d_gb
    f_in = gf_spent + d_gf
    classes = [(r[1], r[3]) for r in ranked("appropriation") if r[2] == 1]
    numerals = "一二三四五六七八九十"
    s = Part("summary", "income")
    income_lines = [("一般公共预算财政拨款收入", g_in), ("政府性基金预算财政拨款收入", f_in or None), ("国有资本经营预算财政拨款收入", None),
                    ("上级补助收入", None), ("事业收入", None), ("经营收入", None), ("附属单位上缴收入", None), ("其他收入", other or None)]
    for k, (name, v) in enumerate(income_lines):
        s.add(f"{numerals[k]}、{name}", amount=v)
    s.add("本年收入合计", amount=g_in + f_in + other)
    s.add("使用非财政拨款结余")
    s.add("年初结转和结余", amount=a_gb + a_gf)
    s.add("总计", amount=g_in + f_in + other + a_gb + a_gf)
    e = Part("summary", "expenditure")
    exp_rows = [r for r in ranked("expenditure") if r[2] == 1]
    for k, (_, name, _, cells) in enumerate(exp_rows):
        e.add(f"{numerals[k]}、{name}", amount=cells["total"])
    spent = tot("expenditure", "total")
    e.add("本年支出合计", amount=spent)
    e.add("结余分配")
    e.add("年末结转和结余", amount=a_gb + d_gb + a_gf + d_gf)
    e.add("总计", amount=spent + a_gb + d_gb + a_gf + d_gf)
    t["summary"] = {"income": s, "expenditure": e}
    ai = Part("appropriation", "income")
    ai.add("一、一般公共预算财政拨款", amount=g_in)
    ai.add("二、政府性基金预算财政拨款", amount=f_in if fund else None)
    ai.add("三、国有资本经营预算财政拨款")
    ai.add("本年收入合计", amount=g_in + f_in)
    ai.add("年初财政拨款结转和结余", amount=a_gb + a_gf)
    ai.add("一、一般公共预算财政拨款", level=2, amount=a_gb)
    ai.add("二、政府性基金预算财政拨款", level=2, amount=a_gf if fund else None)
    ai.add("三、国有资本经营预算财政拨款", level=2)
    ai.add("总计", amount=g_in + f_in + a_gb + a_gf)
    ae = Part("appropriation", "expenditure")
    for k, (name, cells) in enumerate(classes):
        ae.add(f"{numerals[k]}、{name}", **nonzero(cells))
    ae.add("本年支出合计", **nonzero({"total": g_s + gf_spent, "general_budget": g_s, "government_fund": gf_spent}))
    closing = {"total": a_gb + d_gb + a_gf + d_gf, "general_budget": a_gb + d_gb} | ({"government_fund": a_gf + d_gf} if fund else {})
    ae.add("年末财政拨款结转和结余", **closing)
    ae.add("总计", **nonzero({col: ae.rows[-2]["cells"].get(col, ZERO) + v for col, v in closing.items()}))
    t["appropriation"] = {"income": ai, "expenditure": ae}
    # 基本支出 by 经济分类: 人员经费 (301, 303) about four fifths.
    basic = tot("general_budget", "basic")
    b = Part("basic", "rows")
    personnel = q(basic * Decimal(rng.randrange(70, 90)) / 100)
    shares = {"301": None, "302": basic - personnel, "303": None}
    shares["303"] = q(personnel * Decimal(rng.randrange(2, 10)) / 100)
    shares["301"] = personnel - shares["303"]
    for code, name, kuan in ECONOMIC:
        b.add(name, code, amount=shares[code])
        for (k, kn), v in zip(kuan, split(rng, shares[code], len(kuan))):
            b.add(kn, k, amount=v)
    b.add("人员经费合计", amount=personnel)
    b.add("公用经费合计", amount=basic - personnel)
    b.add("合计", amount=basic)
    t["basic"] = {"rows": b}
    gfp = Part("government_fund", "rows")
    if fund:
        cells = {"carryover": a_gf, "income": f_in, "total": gf_spent, "project": gf_spent, "closing": a_gf + d_gf}
        gfp.add("合计", **cells)
        for code, name in ((FUND[0], FUND[1]), (FUND[2], FUND[3]), (FUND[4], FUND[5])):
            gfp.add(name, code, **cells)
    t["government_fund"] = {"rows": gfp}
    # “三公”经费: 预算数 and 决算数 of each item; the vehicle line is 购置费 + 运行维护费.
    tp = Part("three_public", "rows")
    abroad = (ZERO, ZERO)
    car = (buy[0] + run[0], buy[1] + run[1])
    items = [("因公出国（境）费", abroad), ("公务用车购置及运行维护费", car), ("公务接待费", host)]
    tp.add("合计", budget=sum(v[0] for _, v in items), actual=sum(v[1] for _, v in items))
    tp.add("因公出国（境）费", budget=abroad[0], actual=abroad[1])
    tp.add("公务用车购置及运行维护费", budget=car[0], actual=car[1])
    tp.add("公务用车购置费", level=2, budget=buy[0], actual=buy[1])
    tp.add("公务用车运行维护费", level=2, budget=run[0], actual=run[1])
    tp.add("公务接待费", budget=host[0], actual=host[1])
    t["three_public"] = {"rows": tp}
    figures = {"other": other, "appropriation_total": g_in + f_in + a_gb + a_gf, "personnel": personnel, "public": basic - personnel,
               "three_public": items, "buy": buy, "run": run, "livelihood": next(r[3]["total"] for r in ranked("general_budget") if r[0] == "2081901")}
    return t, figures


def candidates(t: dict) -> list[list]:
    """Per identity of IDENTITIES, the figures an injection may make wrong, each
    chosen so that the identity is the one that disputes it (so a check left
    out shows): a list of targets, (part, row, column) of a table or a
    情况说明 field; the first is the wrong figure, the others move with it."""
    def cells(kind, key, pred, cols):
        p = t[kind][key]
        return [[(p, i, c)] for i, r in enumerate(p.rows) if pred(r) for c in cols if c in r["cells"]]

    leaf = lambda r: r["level"] == 3  # noqa: E731
    kuan = lambda r: r["level"] == 2 and r["code"]  # noqa: E731
    total = lambda r: r["total"]  # noqa: E731
    ae, si, se = t["appropriation"]["expenditure"], t["summary"]["income"], t["summary"]["expenditure"]
    gf = t["government_fund"]["rows"]
    return [
        # a 项's 合计 (its 款's is held by 类 = Σ款 too)
        [c for k in ("income", "expenditure", "general_budget") for c in cells(k, "rows", leaf, ["total"])],
        # a 款's parts
        cells("income", "rows", kuan, ["appropriation"]) + [c for k in ("expenditure", "general_budget") for c in cells(k, "rows", kuan, ["basic", "project"])],
        # a 合计 row's parts (its total is held by 行 = 各列之和 too; 一般公共预算表's 基本支出 by 基本支出表)
        cells("income", "rows", total, ["appropriation"]) + cells("expenditure", "rows", total, ["basic", "project"])
        + cells("general_budget", "rows", total, ["project"]) + cells("basic", "rows", lambda r: r["name"] in ("人员经费合计", "公用经费合计"), ["amount"])
        + cells("three_public", "rows", total, ["budget", "actual"]),
        # 支出总计 with 年末结转和结余: 总计 = 本年支出合计 + 年末 still holds, 收入总计 ≠ 支出总计
        [[(se, se.starts("总计"), "amount"), (se, se.starts("年末"), "amount")]],
        # 年末: 财政拨款收支总表's 一般公共预算 column, or the 项 of 政府性基金表
        [[(ae, ae.starts("年末"), "general_budget")]] + ([[(gf, len(gf.rows) - 1, "closing")]] if gf.rows else []),
        [[(si, i, "amount")] for i in (0, 1) if "amount" in si.rows[i]["cells"]],
        [[(se, i, "amount")] for i in se.classes() if "amount" in se.rows[i]["cells"] and not se.rows[i]["name"].endswith("结转和结余")],
        [[(ae, i, "general_budget")] for i in ae.classes() if "general_budget" in ae.rows[i]["cells"] and not ae.rows[i]["name"].endswith("结转和结余")],
        # 基本支出表's 合计 (一般公共预算表's 基本支出 is held to it)
        cells("basic", "rows", lambda r: r["name"] == "合计", ["amount"]),
        [["basic_expenditure.general_budget"], ["basic_expenditure.categories[0].amount"], ["basic_expenditure.categories[1].amount"]],
    ]


def inject(t: dict, s: dict, targets: list, delta: Decimal) -> str:
    """Add delta to the written figures `targets`; the first one's field."""
    fields = []
    for target in targets:
        if isinstance(target, str):
            s[target] += delta
            fields.append(target)
        else:
            p, i, col = target
            p.rows[i]["cells"][col] += delta
            fields.append(p.field(i, col))
    return fields[0]


Drift = namedtuple("Drift", "base scale tp_scale prior")
Drift.__doc__ = """One year of a unit: `base`, its own generator seeded alike every year
(the unit's structure and base figures); `scale` and `tp_scale`, the year's
factors for the 支出 and the “三公”经费; `prior`, the previous year's stated
totals (the `data` of its final_accounts) or None."""


def final_accounts(rng, bad, rel: str, drift: Drift) -> tuple[str, dict, list[dict]]:
    """final-accounts.toml of one unit-year (its path `rel` for the manifest):
    the text, the figures evaluation.toml copies and the next year states as
    上年数, and the injections. Its 上年数 are the previous year's (drift.prior)."""
    t, f = tables(drift.base, drift.base.random() < 0.5, drift.scale, drift.tp_scale)
    tot = lambda kind, col: t[kind]["rows"].rows[0]["cells"].get(col, ZERO)  # noqa: E731
    si, se = t["summary"]["income"], t["summary"]["expenditure"]
    cell = lambda p, name: p.rows[p.starts(name)]["cells"]["amount"]  # noqa: E731
    total, income, spent = cell(si, "总计"), cell(si, "本年收入合计"), cell(se, "本年支出合计")
    appr, g_s = f["appropriation_total"], tot("general_budget", "total")
    s = {"overview.total": total, "income.total": income, "expenditure.total": spent, "appropriation.total": appr,
         "general_budget.total": g_s, "basic_expenditure.general_budget": tot("general_budget", "basic"),
         "basic_expenditure.categories[0].amount": f["personnel"], "basic_expenditure.categories[1].amount": f["public"],
         "three_public.actual": t["three_public"]["rows"].rows[0]["cells"]["actual"], "three_public.budget": t["three_public"]["rows"].rows[0]["cells"]["budget"],
         "_names": {"basic_expenditure.categories[0].amount": "人员经费", "basic_expenditure.categories[1].amount": "公用经费"}}
    income_items = [("财政拨款收入", income - f["other"]), ("其他收入", f["other"])]
    spent_items = [("基本支出", tot("expenditure", "basic")), ("项目支出", tot("expenditure", "project"))]
    for key, items in (("income", income_items), ("expenditure", spent_items)):
        for i, (name, v) in enumerate(items):
            s[f"{key}.items[{i}].amount"], s["_names"][f"{key}.items[{i}].amount"] = v, name
    gbp = t["general_budget"]["rows"]
    classes = [(bare(r["name"]), r["cells"]["total"]) for r in gbp.rows if r["level"] == 1 and not r["total"]]
    for i, (name, v) in enumerate(classes):
        s[f"general_budget.classes[{i}].amount"], s["_names"][f"general_budget.classes[{i}].amount"] = v, name
    tp_items = [f["three_public"][k] for k in (0, 2, 1)]  # 出国, 接待, 车 as the 情况说明 lists them
    for i, (name, (budget, actual)) in enumerate(tp_items):
        for col, v in (("actual", actual), ("budget", budget)):
            s[f"three_public.items[{i}].{col}"], s["_names"][f"three_public.items[{i}].{col}"] = v, name
    # Injections: one draw per identity and one choice of figure, whatever the rate.
    injections = []
    for (identity, _), cands in zip(IDENTITIES, candidates(t)):
        hit, pick = bad(), rng.randrange(len(cands)) if cands else None
        if hit and cands:
            delta = Decimal(2) ** len(injections)
            field = inject(t, s, cands[pick], delta)
            # The fields it newly puts in dispute (a wrong figure in any identity disputes it, as 2^k never cancel).
            expect = sorted(disputed(t, s) - set().union(*(set(j["expect"]) for j in injections)))
            injections.append({"file": rel, "identity": identity, "field": field, "delta": str(delta), "expect": expect})
    # The 情况说明.
    prior = q(total * Decimal(rng.randrange(85, 115)) / 100)
    aprior = q(appr * Decimal(rng.randrange(85, 115)) / 100)
    if drift.prior:
        prior, aprior = drift.prior["total"], drift.prior["appropriation"]
    out = ["# 部门决算：情况说明与九张部门决算公开表出自同一组数字（scripts/gen-demo.py）", 'unit = "万元"', 'glossary = ["基本支出", "项目支出"]', "",
           "[overview]", f"total = {total}", f"prior = {prior}", f"change = {total - prior}", f"change_pct = {pct(total - prior, prior)}", "",
           "[income]", f"total = {s['income.total']}"]
    for i, (name, _) in enumerate(income_items):
        v = s[f"income.items[{i}].amount"]
        out += ["[[income.items]]", f'name = "{name}"', f"amount = {q(v)}", f"share_pct = {pct(v, s['income.total'])}"]
    out += ["", "[expenditure]", f"total = {s['expenditure.total']}"]
    for i, (name, _) in enumerate(spent_items):
        v = s[f"expenditure.items[{i}].amount"]
        out += ["[[expenditure.items]]", f'name = "{name}"', f"amount = {q(v)}", f"share_pct = {pct(v, s['expenditure.total'])}"]
    out += ["", "[appropriation]", f"total = {appr}", f"prior = {aprior}", f"change = {appr - aprior}", f"change_pct = {pct(appr - aprior, aprior)}",
            'reason = "社区服务项目调整。"', "", "[general_budget]", f"total = {g_s}"]
    for name, v in classes:
        budget = q(v * Decimal(rng.randrange(80, 120)) / 100)
        out += ["[[general_budget.classes]]", f'name = "{name}"', f"amount = {v}", f"share_pct = {pct(v, appr)}",
                f"budget = {budget}", f"budget_change = {v - budget}", f"budget_change_pct = {pct(v - budget, budget)}"]
    out += ["", "[basic_expenditure]", f"general_budget = {s['basic_expenditure.general_budget']}",
            "[[basic_expenditure.categories]]", 'name = "人员经费"', 'covers = "包括工资福利支出和对个人和家庭的补助。"',
            f"amount = {s['basic_expenditure.categories[0].amount']}",
            "[[basic_expenditure.categories]]", 'name = "公用经费"', 'covers = "包括办公费、差旅费、公务接待费、公务用车运行维护费等商品和服务支出。"',
            f"amount = {s['basic_expenditure.categories[1].amount']}", ""]
    tp_actual, tp_budget = sum(a for _, (_, a) in tp_items), sum(b for _, (b, _) in tp_items)
    out += ["[three_public]", f"actual = {q(tp_actual)}", f"budget = {q(tp_budget)}", f"change = {q(tp_actual - tp_budget)}"]
    if drift.prior:
        tp_prior = drift.prior["three_public"]
        out += [f"prior = {tp_prior}", f"prior_change = {q(tp_actual - tp_prior)}"]
    for name, (budget, actual) in tp_items:
        out += ["[[three_public.items]]", f'name = "{name}"', f"actual = {q(actual)}", f"budget = {q(budget)}", f"change = {q(actual - budget)}"]
        if name.startswith("公务用车"):
            out += [f"purchase = {q(f['buy'][1])}", f"operation = {q(f['run'][1])}"]
    goods, works, services = (cents(rng, 10, 200) for _ in range(3))
    ptotal = goods + works + services
    sme = q(ptotal * Decimal(rng.randrange(50, 95)) / 100)
    micro = q(sme * Decimal(rng.randrange(40, 90)) / 100)
    amount = f["livelihood"]
    lprior = q(amount * Decimal(rng.randrange(85, 115)) / 100)
    out += ["", "[procurement]", f"total = {ptotal}", f"goods = {goods}", f"works = {works}", f"services = {services}",
            f"sme = {sme}", f"sme_share_pct = {pct(sme, ptotal)}", f"small_micro = {micro}", f"small_micro_share_pct = {pct(micro, ptotal)}", "",
            "[[livelihood]]", 'name = "最低生活保障金"', f"amount = {amount}", f"prior = {lprior}", f"change = {amount - lprior}", ""]
    out.append("# 部门决算公开表")
    titles = {"summary": "公开01表", "income": "公开02表", "expenditure": "公开03表", "appropriation": "公开04表", "general_budget": "公开05表",
              "basic": "公开06表", "government_fund": "公开07表", "state_capital": "公开08表", "three_public": "公开09表"}
    for kind, number in titles.items():
        out += [f"[tables.{kind}]", f'number = "{number}"']
        parts = t.get(kind, {})
        if not any(p.rows for p in parts.values()):
            what = {"government_fund": "政府性基金预算", "state_capital": "国有资本经营预算"}[kind]
            out += [f'note = "本单位无{what}财政拨款收支，故本表为空表。"', ""]
            continue
        out += [p.toml() for p in parts.values()]
    data = {"expenditure": {"items": [{"name": n, "amount": s[f"expenditure.items[{i}].amount"]} for i, (n, _) in enumerate(spent_items)]},
            "total": total, "appropriation": appr, "three_public": q(tp_actual)}
    return "\n".join(out), data, injections

