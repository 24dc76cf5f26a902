//! Dates as job descriptions write them (`2024年3月1日`, `2024/3/1`) and
//! as the content format holds them (`2024-03-01`, ISO 8601).

/// `2024年3月1日`, `2024-3-1`, `2024/03/01`, `2024.3.1` → `2024-03-01`;
/// `None` for anything that is not a day of the calendar.
pub fn iso_date(text: &str) -> Option<String> {
    let numbers: Vec<&str> = text
        .trim()
        .trim_end_matches(['日', '号'])
        .split(['年', '月', '-', '/', '.', '．'])
        .map(str::trim)
        .collect();
    let [year, month, day] = numbers.as_slice() else {
        return None;
    };
    let y = number(year, 4..=4)?;
    let (m, d) = (number(month, 1..=2)?, number(day, 1..=2)?);
    (1..=days_in_month(y, m))
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Whether `text` is an ISO date as the content format writes it.
pub fn is_iso_date(text: &str) -> bool {
    iso_date(text).as_deref() == Some(text)
}

fn number(text: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let plain = digits.contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit());
    plain.then(|| text.parse().ok()).flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_written() {
        for (written, iso) in [
            ("2024年3月1日", "2024-03-01"),
            ("2024-03-01", "2024-03-01"),
            ("2023/9/1", "2023-09-01"),
            ("2024.12.31", "2024-12-31"),
            ("2024 年 2 月 29 日", "2024-02-29"),
        ] {
            assert_eq!(iso_date(written).as_deref(), Some(iso), "{written}");
        }
        for not_a_date in [
            "2023-02-29",
            "2024-13-01",
            "24-3-1",
            "2024年3月",
            "下月一日",
            "",
        ] {
            assert_eq!(iso_date(not_a_date), None, "{not_a_date}");
        }
        assert!(is_iso_date("2024-03-01"));
        assert!(!is_iso_date("2024-3-1"));
    }
}
