//! Interval arithmetic over written figures. A value written with two
//! decimals stands for anything within ±0.005 of it; [`Approx`] carries that
//! range through sums, differences and ratios, so the checker can tell a
//! difference rounding explains (舍入差异) from a real error.
//!
//! Two rules keep the range honest (docs/content-format.md 2.7): a figure
//! written as zero is exact (`0` means nothing was spent, not "anything
//! below 0.5"), and a figure is read at the precision of its context — the
//! most decimals its siblings (the other parts of the same sum, the other
//! side of the same difference) are written with — so `5` beside `12.34`
//! stands for 5.00 ± 0.005, not 5 ± 0.5.

use rust_decimal::Decimal;

use crate::number::Figure;

/// A computed value with the range its written inputs allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approx {
    pub value: Decimal,
    pub lo: Decimal,
    pub hi: Decimal,
    /// A percentage of a base that is zero or whose range spans zero (从 0
    /// “增长100%”): it has no value, and a rate stated for it is an error
    /// ([`crate::check::Code::ZeroBase`]). Carried through arithmetic.
    pub zero_base: bool,
}

impl Approx {
    pub fn exact(value: Decimal) -> Self {
        Approx { value, lo: value, hi: value, zero_base: false }
    }

    pub fn zero() -> Self {
        Self::exact(Decimal::ZERO)
    }

    /// The range a reported figure stands for; `None` if not reported.
    /// A zero is exact.
    pub fn of(f: &Figure) -> Option<Self> {
        Self::in_context(f, 0)
    }

    /// The range a reported figure stands for when its context (its
    /// siblings) is written with `context_dp` decimals: it is read with at
    /// least that many. A zero is exact. `None` if not reported.
    pub fn in_context(f: &Figure, context_dp: u32) -> Option<Self> {
        let v = f.value?;
        if v.is_zero() {
            return Some(Self::exact(v));
        }
        let e = Decimal::new(5, f.decimals().max(context_dp) + 1);
        Some(Approx { value: v, lo: v - e, hi: v + e, zero_base: false })
    }

    /// `self / o`; `None` when the divisor is zero or its range spans zero.
    pub fn checked_div(self, o: Approx) -> Option<Approx> {
        if o.value.is_zero() || (o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO) {
            return None;
        }
        let value = self.value.checked_div(o.value)?;
        let c = [self.lo.checked_div(o.lo)?, self.lo.checked_div(o.hi)?, self.hi.checked_div(o.lo)?, self.hi.checked_div(o.hi)?];
        let lo = c.iter().copied().min().unwrap_or(value);
        let hi = c.iter().copied().max().unwrap_or(value);
        Some(Approx { value, lo, hi, zero_base: self.zero_base })
    }

    pub fn scale(self, k: Decimal) -> Approx {
        let (a, b) = (self.lo * k, self.hi * k);
        Approx { value: self.value * k, lo: a.min(b), hi: a.max(b), zero_base: self.zero_base }
    }

    /// `self / o × 100` — a percentage; of a base that is zero or whose
    /// range spans zero, a value marked [`Approx::zero_base`].
    pub fn percent_of(self, o: Approx) -> Option<Approx> {
        if o.zero_base || o.value.is_zero() || (o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO) {
            return Some(Approx { zero_base: true, ..Approx::zero() });
        }
        self.checked_div(o).map(|r| r.scale(Decimal::ONE_HUNDRED))
    }

    /// Sum of many values.
    pub fn sum(items: impl IntoIterator<Item = Approx>) -> Approx {
        items.into_iter().fold(Approx::zero(), |a, b| a + b)
    }
}

/// The range of a sum: the value and both ends added.
impl std::ops::Add for Approx {
    type Output = Approx;
    fn add(self, o: Approx) -> Approx {
        Approx { value: self.value + o.value, lo: self.lo + o.lo, hi: self.hi + o.hi, zero_base: self.zero_base || o.zero_base }
    }
}

/// The range of a difference: the low end less the other's high end, and so on.
impl std::ops::Sub for Approx {
    type Output = Approx;
    fn sub(self, o: Approx) -> Approx {
        Approx { value: self.value - o.value, lo: self.lo - o.hi, hi: self.hi - o.lo, zero_base: self.zero_base || o.zero_base }
    }
}

/// The range negated (its ends swap).
impl std::ops::Neg for Approx {
    type Output = Approx;
    fn neg(self) -> Approx {
        Approx { value: -self.value, lo: -self.hi, hi: -self.lo, zero_base: self.zero_base }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn fig(s: &str) -> Figure {
        Figure::exact(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn sum_widens_by_each_half_unit() {
        let s = Approx::of(&fig("0.53")).unwrap() - Approx::of(&fig("5.17")).unwrap();
        assert_eq!(s.value, Decimal::from_str("-4.64").unwrap());
        assert_eq!(s.lo, Decimal::from_str("-4.650").unwrap());
        assert_eq!(s.hi, Decimal::from_str("-4.630").unwrap());
    }

    #[test]
    fn division_by_zero_is_none() {
        assert!(Approx::exact(Decimal::ONE).checked_div(Approx::zero()).is_none());
        // 0.00 is exactly zero.
        assert!(Approx::exact(Decimal::ONE).checked_div(Approx::of(&fig("0.00")).unwrap()).is_none());
        // 0.004 stands for [0.0035, 0.0045]; 0.4 read at three decimals too.
        assert!(Approx::exact(Decimal::ONE).checked_div(Approx::of(&fig("0.004")).unwrap()).is_some());
        assert!(Approx::exact(Decimal::ONE).checked_div(Approx::in_context(&fig("0"), 3).unwrap()).is_none());
    }

    #[test]
    fn a_percentage_of_a_zero_base_has_no_value() {
        let five = Approx::of(&fig("5.00")).unwrap();
        assert!(five.percent_of(Approx::zero()).unwrap().zero_base);
        // 5.00 − 5.00: zero, and its range [-0.01, 0.01] spans zero.
        assert!(five.percent_of(five - five).unwrap().zero_base);
        assert!(!five.percent_of(five).unwrap().zero_base);
    }

    #[test]
    fn zeros_are_exact() {
        for z in ["0", "0.00", "0.0000"] {
            assert_eq!(Approx::of(&fig(z)).unwrap(), Approx::exact(Decimal::ZERO), "{z}");
        }
    }

    #[test]
    fn a_figure_is_read_at_the_precision_of_its_context() {
        // `5` beside parts written with two decimals stands for 5.00 ± 0.005.
        let five = Approx::in_context(&fig("5"), 2).unwrap();
        assert_eq!((five.lo, five.hi), (Decimal::from_str("4.995").unwrap(), Decimal::from_str("5.005").unwrap()));
        // Its own decimals win when it is written with more.
        let x = Approx::in_context(&fig("5.125"), 2).unwrap();
        assert_eq!(x.hi - x.lo, Decimal::from_str("0.001").unwrap());
        // Alone (context 0) an integer is ± 0.5.
        let alone = Approx::of(&fig("18")).unwrap();
        assert_eq!(alone.hi - alone.lo, Decimal::ONE);
    }
}
