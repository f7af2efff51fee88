//! Interval arithmetic over written figures. A value written with two
//! decimals stands for anything within ±0.005 of it; [`Approx`] carries that
//! range through sums, differences and ratios, so the checker can tell a
//! difference rounding explains (舍入差异) from a real error.

use rust_decimal::Decimal;

use crate::number::{Figure, half_ulp};

/// A computed value with the range its written inputs allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Approx {
    pub value: Decimal,
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Approx {
    pub fn exact(value: Decimal) -> Self {
        Approx { value, lo: value, hi: value }
    }

    pub fn zero() -> Self {
        Self::exact(Decimal::ZERO)
    }

    /// The range a reported figure stands for; `None` if not reported.
    pub fn of(f: &Figure) -> Option<Self> {
        let v = f.value?;
        let e = half_ulp(f);
        Some(Approx { value: v, lo: v - e, hi: v + e })
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
        Some(Approx { value, lo, hi })
    }

    pub fn scale(self, k: Decimal) -> Approx {
        let (a, b) = (self.lo * k, self.hi * k);
        Approx { value: self.value * k, lo: a.min(b), hi: a.max(b) }
    }

    /// `self / o × 100` — a percentage.
    pub fn percent_of(self, o: Approx) -> Option<Approx> {
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
        Approx { value: self.value + o.value, lo: self.lo + o.lo, hi: self.hi + o.hi }
    }
}

/// The range of a difference: the low end less the other's high end, and so on.
impl std::ops::Sub for Approx {
    type Output = Approx;
    fn sub(self, o: Approx) -> Approx {
        Approx { value: self.value - o.value, lo: self.lo - o.hi, hi: self.hi - o.lo }
    }
}

/// The range negated (its ends swap).
impl std::ops::Neg for Approx {
    type Output = Approx;
    fn neg(self) -> Approx {
        Approx { value: -self.value, lo: -self.hi, hi: -self.lo }
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
        // 0.00 stands for [-0.005, 0.005]: spans zero.
        assert!(Approx::exact(Decimal::ONE).checked_div(Approx::of(&fig("0.00")).unwrap()).is_none());
    }
}
