//! A calendar date without time or zone: all "last updated" needs, and small in wasm
//! (`time` or `chrono` would cost the browser bundles tens of kilobytes for this).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date, written `YYYY-MM-DD` on the wire and in content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error("a date must be written YYYY-MM-DD, for example 2026-03-17")]
    Format,
    /// The shape is right but the day does not exist (2026-02-30).
    #[error("{0} is not a day of the calendar")]
    NoSuchDay(String),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Builds a date, refusing days that do not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if year == 0 || day == 0 || day > days_in_month {
            return Err(DateError::NoSuchDay(format!(
                "{year:04}-{month:02}-{day:02}"
            )));
        }
        Ok(Self { year, month, day })
    }

    /// The UTC day of a time in seconds since 1970 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400) + 719_468;
        let era = days.div_euclid(146_097);
        let doe = days - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The casts are in range for any year from 1 to 65535; outside it, clamp.
        Self {
            year: u16::try_from(year.clamp(1, i64::from(u16::MAX))).unwrap_or(1),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The date as a reader sees it: `17 March 2026` (day first, month spelled out, so it
    /// cannot be misread whatever the reader's locale).
    pub fn human(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::Format);
        }
        let number =
            |range: std::ops::Range<usize>| s[range].parse::<u16>().map_err(|_| DateError::Format);
        let month = u8::try_from(number(5..7)?).map_err(|_| DateError::Format)?;
        let day = u8::try_from(number(8..10)?).map_err(|_| DateError::Format)?;
        Date::new(number(0..4)?, month, day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_become_the_utc_day() {
        assert_eq!(Date::from_unix_seconds(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_unix_seconds(951_782_400).to_string(),
            "2000-02-29"
        );
        assert_eq!(
            Date::from_unix_seconds(1_795_910_399).to_string(),
            "2026-11-28"
        );
    }

    #[test]
    fn a_date_round_trips_through_its_iso_form() {
        let date: Date = "2026-03-17".parse().unwrap();
        assert_eq!(date.to_string(), "2026-03-17");
        assert_eq!(date.human(), "17 March 2026");
    }

    #[test]
    fn a_day_that_does_not_exist_is_refused() {
        assert_eq!(
            "2026-02-29".parse::<Date>(),
            Err(DateError::NoSuchDay("2026-02-29".into()))
        );
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2026-13-01".parse::<Date>().is_err());
    }

    #[test]
    fn a_date_in_another_shape_is_refused() {
        for text in [
            "17/03/2026",
            "2026-3-17",
            "",
            "2026-03-17T00:00",
            "２０２６-03-17",
        ] {
            assert_eq!(text.parse::<Date>(), Err(DateError::Format), "{text}");
        }
    }

    #[test]
    fn dates_serialize_as_iso_strings() {
        let date: Date = "2026-03-17".parse().unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2026-03-17\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
    }
}
