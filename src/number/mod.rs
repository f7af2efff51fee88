//! Exact numbers as written in the content: [`Figure`] keeps the decimal
//! value with every digit the author wrote (`1.50` stays two decimals), the
//! literal text and its source span; "not reported" (`"-"` or `""`) is kept
//! distinct from zero. [`MoneyUnit`] is the 元/万元 a file declares.
//!
//! The `toml` crate reads numbers as `f64`, which drops trailing zeros and
//! digits beyond 15. So a `Figure` re-reads the literal text of the value from
//! the source through its span (see [`crate::source::with_source`]).

pub mod format;
pub mod typed;

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::source::{Span, current_literal};

/// A number stated in the content, exactly as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `None` when the source leaves the value empty or writes `-` (未填报 — not reported).
    pub value: Option<Decimal>,
    /// The literal text as written (without quotes).
    pub text: String,
    pub span: Span,
}

impl Figure {
    /// A figure made by a program (tests, `init`), not read from a file.
    pub fn exact(value: Decimal) -> Self {
        Figure { value: Some(value), text: value.to_string(), span: Span::default() }
    }

    /// Number of decimals written (`1.50` → 2).
    pub fn decimals(&self) -> u32 {
        self.value.map_or(0, |v| v.scale())
    }

    pub fn is_reported(&self) -> bool {
        self.value.is_some()
    }
}

/// Parse the literal text of a number: digits with optional sign, decimal
/// point and `_` separators, `,` every three digits; `-` or empty means not
/// reported, and so does `待填` (still to fill in: an `E-TODO` of its own, see
/// `load::todo`). A character typed by mistake (全角数字, `%`, …) or a
/// misplaced comma is refused with the fix ([`typed`]).
pub fn parse_literal(raw: &str) -> Result<Option<Decimal>, String> {
    let t = raw.trim().trim_matches('"').trim_matches('\'').trim();
    if t.is_empty() || t == "-" || t == "—" || t == crate::load::todo::MARKER {
        return Ok(None);
    }
    if let Some(why) = typed::typed_wrong(t).or_else(|| typed::bad_grouping(t)) {
        return Err(why);
    }
    let cleaned: String = t.chars().filter(|c| *c != '_' && *c != ',').collect();
    let lower = cleaned.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return Err(format!("“{t}” 不是有限的数字"));
    }
    let parsed = if lower.contains('e') { Decimal::from_scientific(&lower) } else { Decimal::from_str(&cleaned) };
    let v = parsed.map_err(|_| format!("“{t}” 不是数字（应写成如 1234.56 的数字，未填报写 \"-\"）"))?;
    // Bounds that keep every sum, product and ratio gongkai computes far from
    // Decimal's limits (no budget figure comes near either).
    if v.abs() >= Decimal::new(1, 0) * Decimal::from(MAX_MAGNITUDE) {
        return Err(format!("“{t}” 太大：绝对值应小于 10 的 15 次方"));
    }
    if v.scale() > MAX_DECIMALS {
        return Err(format!("“{t}” 的小数位太多：最多 {MAX_DECIMALS} 位"));
    }
    Ok(Some(v))
}

/// Figures must be smaller than this in absolute value (10^15).
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;
/// Figures may be written with at most this many decimals.
pub const MAX_DECIMALS: u32 = 10;

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<RawNumber>::deserialize(d)?;
        let range = spanned.span();
        let RawNumber(fallback) = spanned.into_inner();
        let (span, literal) = current_literal(range);
        let text = literal.unwrap_or(fallback);
        let value = parse_literal(&text).map_err(de::Error::custom)?;
        let text = text.trim().trim_matches('"').trim_matches('\'').trim().to_string();
        Ok(Figure { value, text, span })
    }
}

/// What serde hands us before we re-read the literal: its text form.
struct RawNumber(String);

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawNumberVisitor;
        impl Visitor<'_> for RawNumberVisitor {
            type Value = RawNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("数字，或写成字符串的数字（未填报写 \"-\"）")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNumber, E> {
                Ok(RawNumber(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNumber, E> {
                Ok(RawNumber(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNumber, E> {
                Ok(RawNumber(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNumber, E> {
                Ok(RawNumber(v.to_string()))
            }
        }
        d.deserialize_any(RawNumberVisitor)
    }
}

/// 金额单位 — the money unit a file's amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    TenThousandYuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::TenThousandYuan => "万元",
        }
    }

    /// An amount `v` written in this unit, exactly, in the unit `to`
    /// (112.56 万元 → 1125600.00 元; 418508.42 元 → 41.850842 万元).
    pub fn convert(self, v: Decimal, to: MoneyUnit) -> Decimal {
        match (self, to) {
            (MoneyUnit::TenThousandYuan, MoneyUnit::Yuan) => v * Decimal::from(10_000),
            (MoneyUnit::Yuan, MoneyUnit::TenThousandYuan) => v / Decimal::from(10_000),
            _ => v,
        }
    }
}

/// Round half away from zero (四舍五入) to `dp` decimals.
pub fn round_half_up(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Cut to `dp` decimals without rounding (截断).
pub fn truncate(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_keeps_every_digit() {
        assert_eq!(parse_literal("1.50").unwrap().unwrap().scale(), 2);
        assert_eq!(parse_literal("4414.344467").unwrap().unwrap().to_string(), "4414.344467");
        assert_eq!(parse_literal("211_698_047.41").unwrap().unwrap().to_string(), "211698047.41");
        assert_eq!(parse_literal("\"-\"").unwrap(), None);
        assert!(parse_literal("abc").is_err());
        assert!(parse_literal("nan").is_err());
        assert!(parse_literal("1000000000000000").is_err(), "10^15 is out of range");
        assert!(parse_literal("999999999999999.99").is_ok());
        assert!(parse_literal("0.00000000001").is_err(), "11 decimals");
    }

    #[test]
    fn rounding_is_half_up() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(round_half_up(d("26.9992"), 2), d("27.00"));
        assert_eq!(round_half_up(d("0.045"), 2), d("0.05"));
        assert_eq!(round_half_up(d("-2.845"), 2), d("-2.85"));
        assert_eq!(truncate(d("26.9992"), 2), d("26.99"));
    }
}
