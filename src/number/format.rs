//! Formatting exact decimals for display: thousands separators, money with
//! at least two decimals, percentages, the seeds' change phrasing. Formatting
//! only — no arithmetic on the data beyond rounding for display. Used by
//! binding (figures in narratives) and render (tables, cards); HTML escaping
//! is render's (`render::format`).

use rust_decimal::Decimal;

use super::round_half_up;

/// Group the integer digits of a plain decimal string by thousands.
fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Money: thousands separators, at least two decimals, more if written.
pub fn money(v: Decimal) -> String {
    let mut v = v;
    if v.scale() < 2 {
        v.rescale(2);
    }
    group(&v.to_string())
}

/// A stated percentage as written; a computed one with two decimals.
pub fn percent(v: Decimal, stated: bool) -> String {
    if stated { format!("{}%", v) } else { format!("{}%", round_half_up(v, 2)) }
}

/// Money rounded to two decimals (for computed values with long fractions).
pub fn money2(v: Decimal) -> String {
    money(round_half_up(v, 2))
}

/// The word for a change: 增加/减少 (amounts) or 增长/下降 (rates).
pub fn change_words(v: Decimal) -> (&'static str, &'static str) {
    if v < Decimal::ZERO { ("减少", "下降") } else { ("增加", "增长") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_groups_thousands() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(d("39985.83")), "39,985.83");
        assert_eq!(money(d("211698047.41")), "211,698,047.41");
        assert_eq!(money(d("18")), "18.00");
        assert_eq!(money(d("-1170.82")), "-1,170.82");
        assert_eq!(money(d("4414.344467")), "4,414.344467");
        assert_eq!(money(d("0.5")), "0.50");
    }

    #[test]
    fn percent_keeps_written_decimals() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(percent(d("0.005"), true), "0.005%");
        assert_eq!(percent(d("26.99924"), false), "27.00%");
    }
}
