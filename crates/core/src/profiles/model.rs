use crate::error::FieldError;
use crate::text::short_text;
use serde::{Deserialize, Serialize};
use time::Date;

pub use crate::privacy::{Field, Visibilities};

/// A job held, from year to year (`to` empty: still there). Part of a request body, so
/// unknown fields are refused; a field dropped later needs the stored profiles rewritten.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub title: String,
    pub organisation: String,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

/// A school or university attended.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Schooling {
    pub degree: String,
    pub organisation: String,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

/// A member's profile as stored. Texts are validated by [`crate::profiles::ProfileForm`];
/// an empty text means "not filled in".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Profile {
    pub headline: String,
    /// The current position: title and company.
    pub position: String,
    pub company: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub industry: String,
    pub about: String,
    pub work_history: Vec<Position>,
    pub education: Vec<Schooling>,
    pub languages: Vec<String>,
    pub links: Vec<String>,
    pub haves: Vec<String>,
    pub wants: Vec<String>,
    pub interests: Vec<String>,
    pub organisations: Vec<String>,
    pub business_email: String,
    pub business_phone: String,
    pub private_email: String,
    pub private_phone: String,
    pub private_address: String,
    /// `yyyy-mm-dd`, as the profile form takes it.
    #[serde(default, with = "iso_date")]
    #[schema(value_type = Option<String>, format = Date, example = "1989-12-03")]
    pub birthday: Option<Date>,
    /// The stored photo's version, if there is one (images are addressed by member and
    /// version, so a new photo is a new URL).
    pub photo: Option<String>,
    pub visibility: Visibilities,
}

impl Profile {
    /// How complete the profile is, in percent: the share of the fields a good business
    /// card has that are filled in.
    pub fn completeness(&self) -> u8 {
        let filled = [
            self.photo.is_some(),
            !self.headline.is_empty(),
            !self.position.is_empty() || !self.company.is_empty(),
            !self.city.is_empty(),
            !self.industry.is_empty(),
            !self.about.is_empty(),
            !self.work_history.is_empty(),
            !self.education.is_empty(),
            !self.haves.is_empty(),
            !self.wants.is_empty(),
        ];
        let count = filled.iter().filter(|f| **f).count();
        (count * 100 / filled.len()) as u8
    }
}

/// Limits on what a profile may hold.
pub mod limits {
    pub const SHORT_TEXT: usize = 120;
    pub const ABOUT: usize = 4_000;
    pub const ADDRESS: usize = 300;
    pub const TAGS: usize = 30;
    pub const TAG_CHARS: usize = 60;
    pub const LINKS: usize = 8;
    pub const LINK_CHARS: usize = 300;
    pub const LANGUAGES: usize = 12;
    pub const HISTORY: usize = 30;
}

/// A comma- or line-separated list of short items, de-duplicated, order kept.
pub fn tag_list(field: &'static str, raw: &str, max_items: usize, max_chars: usize) -> Result<Vec<String>, FieldError> {
    let mut items: Vec<String> = Vec::new();
    for item in raw.split([',', '\n']) {
        let item = short_text(field, item, max_chars)?;
        if !item.is_empty() && !items.iter().any(|i| i.eq_ignore_ascii_case(&item)) {
            items.push(item);
        }
    }
    if items.len() > max_items {
        return Err(FieldError::new(field, "too_many"));
    }
    Ok(items)
}

/// A web link: http or https only, so no `javascript:` ends up in an `href`.
pub fn link(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let link = short_text(field, raw, limits::LINK_CHARS)?;
    let lower = link.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !link.contains(char::is_whitespace) => Ok(link),
        _ => Err(FieldError::new(field, "link_invalid")),
    }
}

/// A plausible phone number: digits, spaces and `+()-/.`, 5 to 30 characters.
pub fn phone(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let phone = short_text(field, raw, 30)?;
    let ok = phone.is_empty()
        || (phone.chars().filter(char::is_ascii_digit).count() >= 5
            && phone.chars().all(|c| c.is_ascii_digit() || " +()-/.".contains(c)));
    if ok { Ok(phone) } else { Err(FieldError::new(field, "phone_invalid")) }
}

/// Dates as `yyyy-mm-dd`, the way forms and the API write them. Profiles stored before
/// hold time's own form (`[year, day of the year]`), which is read too.
mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer, de, ser};
    use time::Date;
    use time::macros::format_description;

    const FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
        format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_str(&date.format(FORMAT).map_err(ser::Error::custom)?),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Stored(Date),
        }
        match Option::<Written>::deserialize(d)? {
            None => Ok(None),
            Some(Written::Text(text)) => Date::parse(&text, FORMAT).map(Some).map_err(de::Error::custom),
            Some(Written::Stored(date)) => Ok(Some(date)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birthday_is_written_as_the_form_takes_it_and_older_profiles_still_read() {
        let profile = Profile { birthday: Some(time::macros::date!(1989 - 12 - 03)), ..Profile::default() };
        let json = serde_json::to_value(&profile).unwrap();
        assert_eq!(json["birthday"], "1989-12-03");
        assert_eq!(serde_json::from_value::<Profile>(json).unwrap(), profile, "round trip");
        let with = |birthday: serde_json::Value| {
            let mut json = serde_json::to_value(Profile::default()).unwrap();
            json["birthday"] = birthday;
            serde_json::from_value::<Profile>(json).map(|p| p.birthday)
        };
        assert_eq!(with(serde_json::json!([1989, 337])).unwrap(), profile.birthday, "as profiles were stored");
        assert_eq!(with(serde_json::Value::Null).unwrap(), None);
        assert!(with(serde_json::json!("3.12.1989")).is_err());
    }
}
