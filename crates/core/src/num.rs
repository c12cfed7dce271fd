//! Exact decimal numbers as printed in a report.
//!
//! Counts are integers; the 表二 万元 cell may carry decimals. Arithmetic is exact
//! (no floating point), so `0.1 + 0.2 = 0.3` and no tolerance model is needed.

use core::fmt;

/// A decimal number: `units / 10^scale`. `scale` is the number of digits printed after
/// the decimal point, so `Num::parse("1.50")` keeps `scale = 2` and prints as `1.50`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Num {
    pub units: i64,
    pub scale: u8,
}

pub(crate) const MAX_SCALE: u8 = 12;

impl Num {
    pub const ZERO: Num = Num { units: 0, scale: 0 };

    pub const fn int(v: i64) -> Num {
        Num { units: v, scale: 0 }
    }

    /// Parses an ASCII number: optional sign, digits, optional `.` and digits.
    /// Separators must already be removed. Returns `None` on anything else or on overflow.
    pub fn parse(s: &str) -> Option<Num> {
        let (neg, body) = match s.as_bytes().split_first()? {
            (b'-', rest) => (true, rest),
            (b'+', rest) => (false, rest),
            _ => (false, s.as_bytes()),
        };
        // One pass: digits before the point, then (after one `.`) at least one digit.
        let mut units: i64 = 0;
        let mut int_digits = 0usize;
        let mut frac_digits: Option<usize> = None;
        for &b in body {
            match b {
                b'0'..=b'9' => {
                    units = units.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
                    match &mut frac_digits {
                        Some(n) => *n += 1,
                        None => int_digits += 1,
                    }
                }
                b'.' if frac_digits.is_none() => frac_digits = Some(0),
                _ => return None,
            }
        }
        let scale = frac_digits.unwrap_or(0);
        if int_digits == 0 || frac_digits == Some(0) || scale > MAX_SCALE as usize {
            return None;
        }
        Some(Num {
            units: if neg { -units } else { units },
            scale: scale as u8,
        })
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0 || self.units % 10i64.pow(u32::from(self.scale)) == 0
    }

    pub fn is_negative(&self) -> bool {
        self.units < 0
    }

    /// The value as an integer, if it is one.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            Some(self.units / 10i64.pow(u32::from(self.scale)))
        } else {
            None
        }
    }

    pub fn to_f64(&self) -> f64 {
        self.units as f64 / 10f64.powi(i32::from(self.scale))
    }

    fn rescale(self, scale: u8) -> Option<Num> {
        let f = 10i64.checked_pow(u32::from(scale.checked_sub(self.scale)?))?;
        Some(Num {
            units: self.units.checked_mul(f)?,
            scale,
        })
    }

    /// Exact sum; `None` on overflow.
    #[inline]
    pub fn checked_add(self, other: Num) -> Option<Num> {
        if self.scale == other.scale {
            // the common case (counts): no rescaling
            return Some(Num {
                units: self.units.checked_add(other.units)?,
                scale: self.scale,
            });
        }
        let s = self.scale.max(other.scale);
        let a = self.rescale(s)?;
        let b = other.rescale(s)?;
        Some(Num {
            units: a.units.checked_add(b.units)?,
            scale: s,
        })
    }

    pub fn checked_sub(self, other: Num) -> Option<Num> {
        self.checked_add(Num {
            units: other.units.checked_neg()?,
            scale: other.scale,
        })
    }

    /// Numeric equality regardless of printed scale (`1.0 == 1`).
    #[inline]
    pub fn same_value(self, other: Num) -> bool {
        if self.scale == other.scale {
            return self.units == other.units;
        }
        self.checked_sub(other).is_some_and(|d| d.units == 0)
    }

    /// Sum of many numbers; `None` on overflow.
    pub fn sum<I: IntoIterator<Item = Num>>(it: I) -> Option<Num> {
        it.into_iter().try_fold(Num::ZERO, Num::checked_add)
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let p = 10u64.pow(u32::from(self.scale));
        let a = self.units.unsigned_abs();
        let sign = if self.units < 0 { "-" } else { "" };
        write!(
            f,
            "{sign}{}.{:0width$}",
            a / p,
            a % p,
            width = self.scale as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_round_trip() {
        for s in ["0", "15", "-8", "1.50", "24252.311082", "0.00"] {
            assert_eq!(Num::parse(s).unwrap().to_string(), s);
        }
        for s in ["", "-", "1.", ".5", "1e3", "12件", "１２"] {
            assert!(Num::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn exact_arithmetic() {
        let a = Num::parse("0.1").unwrap();
        let b = Num::parse("0.2").unwrap();
        assert!(a
            .checked_add(b)
            .unwrap()
            .same_value(Num::parse("0.3").unwrap()));
        assert_eq!(Num::sum([Num::int(5), Num::int(6)]), Some(Num::int(11)));
        assert!(Num::parse("2.0").unwrap().is_integer());
        assert!(!Num::parse("2.5").unwrap().is_integer());
        assert_eq!(Num::parse("99999999999999999999"), None);
    }
}
