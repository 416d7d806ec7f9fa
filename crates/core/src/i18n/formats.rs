//! Dates and numbers as a German or English reader writes them ("3. Dezember 1985",
//! "3 December 1985", "1.528", "1,528"), from CLDR's data built into the program by
//! ICU4X. English is British English: day before month, as a European site writes it.

use super::Lang;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, locale};

fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::De => locale!("de"),
        Lang::En => locale!("en-GB"),
    }
}

// Formatters are made once per thread: cheap to keep, and each thread serving pages
// formats without sharing anything.
thread_local! {
    static DATES: [DateTimeFormatter<YMD>; 2] = Lang::ALL.map(|lang| {
        DateTimeFormatter::try_new(locale_of(lang).into(), YMD::long()).expect("CLDR has long dates for de and en-GB")
    });
    static NUMBERS: [DecimalFormatter; 2] = Lang::ALL.map(|lang| {
        DecimalFormatter::try_new(locale_of(lang).into(), Default::default()).expect("CLDR has numbers for de and en-GB")
    });
}

/// A day, written out: "3. Dezember 1985", "3 December 1985".
pub fn long_date(lang: Lang, date: time::Date) -> String {
    let Ok(day) = Date::try_new_iso(date.year(), u8::from(date.month()), date.day()) else {
        return date.to_string();
    };
    DATES.with(|f| f[lang as usize].format(&day).to_string())
}

/// A whole number with the reader's grouping: "1.528", "1,528".
pub fn number(lang: Lang, n: i64) -> String {
    NUMBERS.with(|f| f[lang as usize].format(&Decimal::from(n)).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn days_and_numbers_read_as_each_language_writes_them() {
        assert_eq!(long_date(Lang::De, date!(1985 - 12 - 03)), "3. Dezember 1985");
        assert_eq!(long_date(Lang::En, date!(1985 - 12 - 03)), "3 December 1985");
        assert_eq!(long_date(Lang::De, date!(2024 - 02 - 29)), "29. Februar 2024");
        assert_eq!(number(Lang::De, 1528), "1.528");
        assert_eq!(number(Lang::En, 1528), "1,528");
        assert_eq!(number(Lang::De, 999), "999");
        assert_eq!(number(Lang::De, -14_073), "-14.073");
    }
}
