//! 数量与单价 — quantities written as expressions and prices per unit of
//! measure, as cost analyses write them:
//!
//! - [`Expression`]: `3人*180次`, `966 人.次`, `3人*120次*50元=18000元`,
//!   `2人*483人*200元=193200元` — factors with optional units, multiplied,
//!   optionally `=` a stated result.
//! - [`UnitValue`]: `200元/人次`, `3.48万元/月`, `150元/次` — a number, a
//!   money unit and optionally the unit of measure it is priced per.
//!
//! Both keep the literal text and its span, so checks can name file:line;
//! the number parts are [`Figure`]s (decimals as written) for the rounding rule.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::number::{Figure, parse_literal};
use crate::source::{Span, current_literal};

/// A factor of an expression: `180次` → 180, "次".
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub value: Figure,
    /// The unit written after the number ("人", "次", "人.次", "元"; may be empty).
    pub unit: String,
}

impl Term {
    fn number(&self) -> Decimal {
        self.value.value.unwrap_or_default()
    }

    /// Is this factor money (元, 万元) rather than a count?
    pub fn is_money(&self) -> bool {
        matches!(self.unit.as_str(), "元" | "万元")
    }
}

/// A quantity or amount expression as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Expression {
    pub text: String,
    pub span: Span,
    pub factors: Vec<Term>,
    /// The result after `=`, when written.
    pub result: Option<Term>,
}

impl Expression {
    /// Product of the factors, exact.
    pub fn product(&self) -> Decimal {
        self.factors.iter().map(Term::number).product()
    }

    /// The value the expression states: its result when written, else its product.
    #[cfg(test)]
    pub fn value(&self) -> Decimal {
        self.result.as_ref().map_or_else(|| self.product(), Term::number)
    }

    /// The figure it states, for the rounding rule: the result, or the single
    /// factor, or (a product of several) the exact product.
    pub fn stated(&self) -> Figure {
        match (&self.result, self.factors.as_slice()) {
            (Some(r), _) => Figure { span: self.span, ..r.value.clone() },
            (None, [one]) => Figure { span: self.span, ..one.value.clone() },
            _ => Figure { value: Some(self.product()), text: self.product().normalize().to_string(), span: self.span },
        }
    }

    /// The unit it counts in: the units of its non-money factors, joined
    /// (`3人*180次` → 人次), normalised by [`normalize_unit`].
    pub fn count_unit(&self) -> String {
        normalize_unit(&self.factors.iter().filter(|t| !t.is_money()).map(|t| t.unit.as_str()).collect::<String>())
    }

    /// Parse an expression; the error says what is wrong in Chinese.
    pub fn parse(text: &str, span: Span) -> Result<Self, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("数量表达式为空（应写成如 3人*180次 或 966）".into());
        }
        let (lhs, rhs) = match t.split_once(['=', '＝']) {
            Some((l, r)) => (l, Some(r)),
            None => (t, None),
        };
        let factors = lhs.split(['*', '×', '＊', 'x', 'X']).map(|f| term(f, text)).collect::<Result<Vec<_>, _>>()?;
        let result = rhs.map(|r| term(r, text)).transpose()?;
        // A count above a billion is a typo; bounding it keeps 数量 × 单价 exact.
        let product = factors.iter().try_fold(Decimal::ONE, |acc, t| acc.checked_mul(t.number()));
        if product.is_none_or(|p| p.abs() > Decimal::from(MAX_PRODUCT)) {
            return Err(format!("数量表达式 “{text}” 的乘积太大（应不超过 10 亿）"));
        }
        Ok(Expression { text: text.to_string(), span, factors, result })
    }
}

/// The largest product an expression may have.
const MAX_PRODUCT: i64 = 1_000_000_000;

/// Make units comparable: drop separators and spaces (`人.次` = `人次`).
pub fn normalize_unit(u: &str) -> String {
    u.chars().filter(|c| !matches!(c, '.' | '·' | '．' | '・' | ' ' | '\u{3000}')).collect()
}

/// Split `180次` into 180 and "次".
fn term(raw: &str, whole: &str) -> Result<Term, String> {
    let s = raw.trim();
    let end = s.char_indices().find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ',')).map_or(s.len(), |(i, _)| i);
    let (num, unit) = s.split_at(end);
    if num.is_empty() {
        return Err(format!("数量表达式 “{whole}” 里的 “{s}” 不是数字（应写成如 3人*180次，乘号用 *）"));
    }
    let value = parse_literal(num).map_err(|_| format!("数量表达式 “{whole}” 里的 “{num}” 不是数字"))?;
    let unit = unit.trim();
    if unit.chars().any(|c| c.is_ascii_digit() || "+-/()（）".contains(c)) {
        return Err(format!("数量表达式 “{whole}” 里的 “{s}” 看不懂：只能写 数字+单位，用 * 相乘，可加 =结果"));
    }
    Ok(Term { value: Figure { value, text: num.to_string(), span: Span::default() }, unit: unit.to_string() })
}

impl<'de> Deserialize<'de> for Expression {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<NumberOrText>::deserialize(d)?;
        let (span, _) = current_literal(s.span());
        Expression::parse(&s.into_inner().0, span).map_err(de::Error::custom)
    }
}

/// A value priced per a unit of measure: `200元/人次`, `3.19万元`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValue {
    /// The whole text as written.
    pub text: String,
    /// The number (not reported when the cell is `-`).
    pub figure: Figure,
    /// 元 or 万元 (empty when not reported).
    pub money: String,
    /// The unit of measure after `/` (人次, 份, 月), normalised; `None` if none written.
    pub per: Option<String>,
}

impl UnitValue {
    /// `元/人次` (or `元` without a unit of measure).
    pub fn unit_text(&self) -> String {
        match &self.per {
            Some(p) => format!("{}/{}", self.money, p),
            None => self.money.clone(),
        }
    }

    pub fn parse(text: &str, span: Span) -> Result<Self, String> {
        let t = text.trim();
        let not_reported = || UnitValue { text: t.to_string(), figure: Figure { value: None, text: t.to_string(), span }, money: String::new(), per: None };
        if t.is_empty() || t == "-" || t == "—" {
            return Ok(not_reported());
        }
        let sign = usize::from(t.starts_with(['-', '+']));
        let end = t.char_indices().skip(sign).find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ',')).map_or(t.len(), |(i, _)| i);
        let (num, rest) = t.split_at(end);
        let value = parse_literal(num).ok().flatten().ok_or_else(|| format!("“{t}” 应写成 数字+金额单位/计量单位，如 200元/人次"))?;
        let rest = rest.trim();
        let (money, per) = match rest.split_once('/') {
            Some((m, p)) => (m.trim(), Some(normalize_unit(p))),
            None => (rest, None),
        };
        if !matches!(money, "元" | "万元") {
            return Err(format!("“{t}” 的金额单位应是 元 或 万元，如 200元/人次"));
        }
        if per.as_deref() == Some("") {
            return Err(format!("“{t}” 的 / 后面缺少计量单位，如 200元/人次"));
        }
        Ok(UnitValue { text: t.to_string(), figure: Figure { value: Some(value), text: num.to_string(), span }, money: money.to_string(), per })
    }
}

impl<'de> Deserialize<'de> for UnitValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = toml::Spanned::<NumberOrText>::deserialize(d)?;
        let (span, _) = current_literal(s.span());
        UnitValue::parse(&s.into_inner().0, span).map_err(de::Error::custom)
    }
}

/// A TOML string or number, as text.
struct NumberOrText(String);

impl<'de> Deserialize<'de> for NumberOrText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumberOrTextVisitor;
        impl de::Visitor<'_> for NumberOrTextVisitor {
            type Value = NumberOrText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("写成字符串的表达式，如 \"3人*180次\" 或 \"200元/人次\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NumberOrText, E> {
                Ok(NumberOrText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumberOrText, E> {
                Ok(NumberOrText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumberOrText, E> {
                Ok(NumberOrText(v.to_string()))
            }
        }
        d.deserialize_any(NumberOrTextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn products_and_results() {
        let e = Expression::parse("3人*180次*200=108000元", Span::default()).unwrap();
        assert_eq!(e.product(), d("108000"));
        assert_eq!(e.value(), d("108000"));
        assert_eq!(e.count_unit(), "人次");
        let e = Expression::parse("2人*249天*20元=9960元", Span::default()).unwrap();
        assert_eq!(e.product(), d("9960"));
        assert_eq!(Expression::parse(" 966 人.次", Span::default()).unwrap().count_unit(), "人次");
        assert_eq!(Expression::parse("3人*120*50元=18000元", Span::default()).unwrap().count_unit(), "人");
    }

    #[test]
    fn bad_expressions_are_refused() {
        for bad in ["", "三人*180次", "3人+180次", "3人**2", "3人*180次=", "(3人)", "100000*100000*100000", "99999999999999*99999999999999"] {
            assert!(Expression::parse(bad, Span::default()).is_err(), "{bad}");
        }
    }

    #[test]
    fn unit_values() {
        let u = UnitValue::parse("200元/人.次", Span::default()).unwrap();
        assert_eq!((u.figure.value, u.money.as_str(), u.per.as_deref()), (Some(d("200")), "元", Some("人次")));
        assert_eq!(UnitValue::parse("3.19万元", Span::default()).unwrap().per, None);
        assert_eq!(UnitValue::parse("-", Span::default()).unwrap().figure.value, None);
        assert_eq!(UnitValue::parse("-300元/人次", Span::default()).unwrap().figure.value, Some(d("-300")));
        assert!(UnitValue::parse("200", Span::default()).is_err());
        assert!(UnitValue::parse("200元/", Span::default()).is_err());
    }
}
