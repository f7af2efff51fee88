//! In-sentence arithmetic (正文中的算式): a computation a sentence writes
//! out with its result — `8人次×800元=6400元`, `48000+24000=72000元`,
//! `小组活动6400元+社区活动6400元=12800元`, `0.43万元÷6.96万元×100%=6.18%`,
//! chains of operators and of `=` — recomputed exactly (rust_decimal) from
//! the figures as written. A result that agrees is 已核对; one that does
//! not is `E-PROSE-CALC`.
//!
//! Operators: `×` `*` `＊` (Markdown's `\*` too), `÷`, `+` `＋`, `-` `－`
//! `−`; `/` is not one (it writes rates: `200元/人次`). Each operand is a
//! number with its unit (元, 万元, 亿元, %, or a measure word) and, after
//! `+` `-`, a name before it. 万元 and 亿元 are converted to 元; a `%`
//! operand is a hundredth. Without `÷` or `%` the result must be exact;
//! with them it is compared at the decimals written (half away from zero).
//! Brackets, a unit between an operator and `=` (`4000元/月*人=`) and
//! sums of unlike units are not read: such a computation is not checked.

use rust_decimal::{Decimal, RoundingStrategy};

/// One written computation and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct Calc {
    /// The computation as written, `\*` shown as `*` (`8人次*800元=6400元`).
    pub written: String,
    /// The stated result as written, with its unit (`6400元`).
    pub stated: String,
    /// Byte range of the stated result's number and unit in the text.
    pub start: usize,
    /// End of the stated result (after its unit).
    pub end: usize,
    /// What the operands compute to, in the result's unit, at its decimals when rounding applies.
    pub computed: Decimal,
    /// The unit the result is written with (`元`, `%`, `人次`, or empty).
    pub unit: String,
    /// Whether the stated result is what the operands compute to.
    pub agrees: bool,
}

/// A token of a sentence, for reading computations.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A number: its value, where it starts and ends.
    Number(Decimal, usize, usize),
    /// A run of other characters (a unit or a name) and where it ends.
    Text(String, usize),
    /// An operator (`*`, `/` for ÷, `+`, `-`).
    Op(char),
    /// `=`.
    Equals,
    /// Anything that ends a computation: punctuation, brackets, spaces.
    Break,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn breaks(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '、'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '（'
            | '）'
            | '('
            | ')'
            | '【'
            | '】'
            | '|'
            | '“'
            | '”'
            | '{'
            | '}'
            | '`'
    ) || c.is_whitespace()
}

fn operator(c: char) -> Option<char> {
    match c {
        '×' | '*' | '＊' => Some('*'),
        '÷' => Some('/'),
        '+' | '＋' => Some('+'),
        '-' | '－' | '−' => Some('-'),
        _ => None,
    }
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_digit(c) {
            let (end_i, digits) = super::scan::number(&chars, i);
            let end = chars.get(end_i).map_or(text.len(), |x| x.0);
            match crate::number::parse_literal(&digits).ok().flatten() {
                Some(v) => out.push(Token::Number(v, at, end)),
                None => out.push(Token::Break),
            }
            i = end_i;
        } else if c == '\\' && chars.get(i + 1).is_some_and(|x| x.1 == '*') {
            i += 1;
        } else if let Some(op) = operator(c) {
            out.push(Token::Op(op));
            i += 1;
        } else if matches!(c, '=' | '＝') {
            out.push(Token::Equals);
            i += 1;
        } else if breaks(c) {
            // Spaces next to an operator or `=` do not end a computation.
            let next = chars[i..].iter().map(|x| x.1).find(|c| *c != ' ');
            let joins = |c: Option<char>| c.is_some_and(|c| operator(c).is_some() || matches!(c, '=' | '＝' | '\\'));
            if c == ' ' && (matches!(out.last(), Some(Token::Op(_) | Token::Equals)) || joins(next)) {
                i += 1;
                continue;
            }
            out.push(Token::Break);
            i += 1;
        } else {
            let mut s = String::new();
            while i < chars.len() {
                let c = chars[i].1;
                if is_digit(c) || operator(c).is_some() || matches!(c, '=' | '＝' | '\\') || breaks(c) {
                    break;
                }
                s.push(c);
                i += 1;
            }
            out.push(Token::Text(s, chars.get(i).map_or(text.len(), |x| x.0)));
        }
    }
    out
}

/// An operand: its value in 元 (or as a plain number, % a hundredth), what
/// kind of unit it has, and where its number starts and its unit ends.
#[derive(Debug, Clone)]
struct Operand {
    /// As written.
    raw: Decimal,
    /// In 元 for an amount, a hundredth for a percentage, else as written.
    value: Decimal,
    kind: Kind,
    unit: String,
    decimals: u32,
    number_start: usize,
    end: usize,
}

/// The kind of an operand's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Percent,
    Other,
    None,
}

/// How many 元 one of a money unit is.
fn yuan(unit: &str) -> Decimal {
    match unit {
        "亿元" => Decimal::from(100_000_000),
        "万元" => Decimal::from(10_000),
        _ => Decimal::ONE,
    }
}

/// The unit at the start of the text after a number: (kind, unit as written, scale).
fn unit_of(text: &str) -> (Kind, String, Decimal) {
    for w in ["亿元", "万元", "元"] {
        if text.starts_with(w) {
            return (Kind::Money, w.to_string(), yuan(w));
        }
    }
    if text.starts_with(['%', '％']) {
        return (Kind::Percent, "%".to_string(), Decimal::new(1, 2));
    }
    match text.chars().next() {
        Some(c) => (Kind::Other, super::scan::measure_word(text).unwrap_or(&text[..c.len_utf8()]).to_string(), Decimal::ONE),
        None => (Kind::None, String::new(), Decimal::ONE),
    }
}

/// Read an operand at `k`: an optional name (only when `named`), a number and its unit.
fn operand(toks: &[Token], k: usize, named: bool) -> Option<(Operand, usize)> {
    let mut k = k;
    if named && matches!(toks.get(k), Some(Token::Text(..))) {
        k += 1;
    }
    let Some(Token::Number(v, start, end)) = toks.get(k) else { return None };
    let (kind, unit, scale, end) = match toks.get(k + 1) {
        Some(Token::Text(t, _)) => {
            let (kind, unit, scale) = unit_of(t);
            (kind, unit.clone(), scale, end + unit.len())
        }
        _ => (Kind::None, String::new(), Decimal::ONE, *end),
    };
    let next = if matches!(toks.get(k + 1), Some(Token::Text(..))) { k + 2 } else { k + 1 };
    Some((Operand { raw: *v, value: *v * scale, kind, unit, decimals: v.scale(), number_start: *start, end }, next))
}

/// Every computation with a stated result in a text, in order.
pub fn calcs(text: &str) -> Vec<Calc> {
    let toks = tokens(text);
    let mut out = vec![];
    let mut k = 0;
    while k < toks.len() {
        match read(text, &toks, k) {
            Some((mut found, next)) => {
                out.append(&mut found);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// A computation starting at token `k`: its results and the token after it.
fn read(text: &str, toks: &[Token], k: usize) -> Option<(Vec<Calc>, usize)> {
    let (first, mut k) = operand(toks, k, false)?;
    let start = first.number_start;
    let mut terms = vec![first];
    let mut ops = vec![];
    while let Some(Token::Op(op)) = toks.get(k) {
        let (next, after) = operand(toks, k + 1, matches!(op, '+' | '-'))?;
        ops.push(*op);
        terms.push(next);
        k = after;
    }
    if ops.is_empty() || toks.get(k) != Some(&Token::Equals) {
        return None;
    }
    let mut results = vec![];
    while toks.get(k) == Some(&Token::Equals) {
        let (r, after) = operand(toks, k + 1, false)?;
        results.push(r);
        k = after;
    }
    let rounding = ops.contains(&'/') || terms.iter().chain(&results).any(|t| t.kind == Kind::Percent);
    let money = terms.iter().any(|t| t.kind == Kind::Money);
    let mut calcs = vec![];
    for r in &results {
        // The result's unit when the operands carry one; a bare result of
        // 万元 operands is not read.
        let scale = match r.kind {
            Kind::Money if money => yuan(&r.unit),
            Kind::Percent => Decimal::new(1, 2),
            Kind::None if money && terms.iter().any(|t| t.kind == Kind::Money && yuan(&t.unit) != Decimal::ONE) => return None,
            _ => Decimal::ONE,
        };
        let value = evaluate(&terms, &ops, r, scale)?;
        let stated = r.raw;
        let mut computed = value.checked_div(scale)?;
        if rounding {
            computed = computed.round_dp_with_strategy(r.decimals, RoundingStrategy::MidpointAwayFromZero);
        }
        let agrees = computed == stated;
        let written = text[start..r.end].replace("\\*", "*");
        calcs.push(Calc {
            written,
            stated: text[r.number_start..r.end].to_string(),
            start: r.number_start,
            end: r.end,
            computed: computed.normalize(),
            unit: r.unit.clone(),
            agrees,
        });
    }
    Some((calcs, k))
}

/// The value of the terms joined by the operators, `*` and `/` first; `None`
/// when a sum mixes unlike units or a divisor is zero.
fn evaluate(terms: &[Operand], ops: &[char], result: &Operand, scale: Decimal) -> Option<Decimal> {
    // A sum's terms must be of one kind; a bare number takes the result's unit.
    if ops.iter().any(|o| matches!(o, '+' | '-')) {
        let kinds: Vec<Kind> = terms.iter().map(|t| t.kind).filter(|k| *k != Kind::None).collect();
        if kinds.iter().any(|k| *k != result.kind && result.kind != Kind::None) || kinds.windows(2).any(|w| w[0] != w[1]) {
            return None;
        }
        if terms.iter().any(|t| t.kind == Kind::Other) || ops.iter().any(|o| matches!(o, '*' | '/')) {
            return None;
        }
    }
    // In a sum a bare number is in the result's unit.
    let bare = if ops.iter().all(|o| matches!(o, '+' | '-')) { scale } else { Decimal::ONE };
    let value = |t: &Operand| if t.kind == Kind::None { t.value * bare } else { t.value };
    let mut sum = Decimal::ZERO;
    let mut product = value(&terms[0]);
    let mut sign = Decimal::ONE;
    for (op, t) in ops.iter().zip(&terms[1..]) {
        match op {
            '*' => product = product.checked_mul(value(t))?,
            '/' => product = product.checked_div(value(t))?,
            _ => {
                sum += sign * product;
                sign = if *op == '-' { -Decimal::ONE } else { Decimal::ONE };
                product = value(t);
            }
        }
    }
    Some(sum + sign * product)
}

#[cfg(test)]
mod tests;

/// Settle a prose figure that is a computation's stated result: 已核对
/// when it agrees, else 不符 with an `E-PROSE-CALC` diagnostic and its
/// 核验提示.
pub(super) fn settle(map: &crate::source::SourceMap, checker: &mut crate::check::Checker, piece: &super::Piece, calc: &Calc, figure: &mut super::ProseFigure) {
    use crate::check::{Code, Diagnostic, Severity};
    if calc.agrees {
        figure.outcome = super::ProseOutcome::Verified;
        figure.why = format!("算式 {}", calc.written);
        return;
    }
    let span = piece.span(calc.start, calc.end);
    let computed = format!("{}{}", calc.computed, calc.unit);
    let message = format!("正文中的算式“{}”有误：按写出的数字算得 {computed}，原文写作 {}", calc.written, calc.stated);
    let mut d = Diagnostic::new(map, span, Severity::Error, Code::ProseCalc, "正文：算式".to_string(), message.clone()).with_plain(message);
    d.stated = Some(calc.stated.clone());
    d.computed = Some(computed.clone());
    checker.push(d);
    let anchor = crate::check::anchor_of(&checker.diagnostics, checker.diagnostics.len() - 1);
    let note = format!("算式有误：按原文写出的数字算得 {computed}");
    figure.mark = piece.mark_at(calc.start..calc.end).map(|range| super::ProseMark { range, anchor, note });
    figure.outcome = super::ProseOutcome::Disputed;
    figure.why = format!("算式 {}", calc.written);
}
