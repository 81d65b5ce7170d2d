// Copied by otc-sdkgen from generator/runtime/client/time.rs. Do not edit here: edit that file and run `cargo run`.

//! The timestamps of IAM tokens (`"2015-11-09T01:42:57.527363Z"`), read without a date library.

use std::time::Duration;

/// How long a token lives when its response says nothing usable: the pages say 24 hours.
pub(crate) const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest lifetime believed (a year): guards against absurd or mistyped timestamps.
const MAX_LIFETIME_SECS: f64 = 366.0 * 24.0 * 60.0 * 60.0;

/// Seconds since the Unix epoch of an RFC 3339 / ISO 8601 date-time:
/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing
/// (read as UTC). `None` for anything else.
pub(crate) fn unix_seconds(text: &str) -> Option<f64> {
    let s = text.trim();
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = s.get(from..to)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    let mut fraction = 0.0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let digits = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        fraction = format!("0.{}", after_dot.get(..digits)?).parse().ok()?;
        rest = after_dot.get(digits..)?;
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = rest.get(1..)?;
            let (h, m) = match zone.len() {
                2 => (zone, "00"),
                4 => (zone.get(..2)?, zone.get(2..)?),
                5 if zone.as_bytes().get(2) == Some(&b':') => (zone.get(..2)?, zone.get(3..)?),
                _ => return None,
            };
            if !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
                return None;
            }
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hour * 3600 + minute * 60 + second - offset) as f64 + fraction)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm, the
/// inverse of `days_from_civil`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// How long a token lives, from its `expires_at` and `issued_at`.
///
/// Both are the server's clock, so their difference does not depend on this machine's clock.
/// Without `issued_at`, `now_unix` (this machine's clock) stands in. Without a readable
/// `expires_at`, the documented 24 hours.
pub(crate) fn token_lifetime(expires_at: Option<&str>, issued_at: Option<&str>, now_unix: f64) -> Duration {
    let Some(expires) = expires_at.and_then(unix_seconds) else {
        return DEFAULT_TOKEN_LIFETIME;
    };
    let start = issued_at.and_then(unix_seconds).unwrap_or(now_unix);
    let secs = expires - start;
    if secs.is_finite() {
        Duration::from_secs_f64(secs.clamp(0.0, MAX_LIFETIME_SECS))
    } else {
        DEFAULT_TOKEN_LIFETIME
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_page_timestamps() {
        let issued = unix_seconds("2015-11-09T00:42:57.527404Z").unwrap_or_default();
        let expires = unix_seconds("2015-11-09T01:42:57.527363Z").unwrap_or_default();
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(unix_seconds("2015-11-09T01:42:57Z"), Some(1_447_033_377.0));
        assert!((expires - issued - 3600.0).abs() < 0.001);
        assert_eq!(unix_seconds("2015-11-09T02:42:57+01:00"), Some(1_447_033_377.0));
        assert_eq!(unix_seconds("2015-11-09T01:42:57"), Some(1_447_033_377.0));
        for bad in ["", "yesterday", "2015-13-09T01:42:57Z", "2015-11-09T01:42:57.Z", "2015-11-09T01:42:57+1", "２０１５-11-09T01:42:57Z"]
        {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-719_468, -1, 0, 13_150, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), days);
        }
        assert_eq!(civil_from_days(13_150), (2006, 1, 2));
    }

    #[test]
    fn lifetime_uses_the_server_clock() {
        let l = token_lifetime(Some("2015-11-10T00:00:00Z"), Some("2015-11-09T00:00:00Z"), 0.0);
        assert_eq!(l, Duration::from_secs(86_400));
        assert_eq!(token_lifetime(None, None, 0.0), DEFAULT_TOKEN_LIFETIME);
        assert_eq!(token_lifetime(Some("2015-11-09T00:00:00Z"), Some("2015-11-10T00:00:00Z"), 0.0), Duration::ZERO);
    }
}
