//! What the LDBC data set's people say of themselves in a business network. Its tags are
//! Wikipedia entities ("Genghis Khan", "Hamlet"), which read oddly as someone's skills;
//! each tag's class (a writer, a country, a football player) stands instead for a few
//! plausible professional skills, industries and wishes, from this fixed table, and each
//! member gets a role. Every choice is drawn from the member's and tag's ids, so an
//! import gives the same profiles every time.

/// Tag classes (as in TagClass.csv), the skills they stand for, and the industry.
const BY_CLASS: &[(&[&str], &[&str], &str)] = &[
    (
        &["Writer", "Philosopher", "ComicsCreator", "Work", "Book", "WrittenWork"],
        &["Redaktion", "Texten", "Öffentlichkeitsarbeit", "Content-Strategie", "Lektorat"],
        "Medien und Verlage",
    ),
    (
        &[
            "Artist",
            "MusicalArtist",
            "Band",
            "Album",
            "Song",
            "Single",
            "MusicalWork",
            "EurovisionSongContestEntry",
            "Actor",
            "Comedian",
            "Film",
            "Model",
        ],
        &["Veranstaltungsmanagement", "Markenkommunikation", "Mediengestaltung", "Kulturmanagement", "Videoproduktion"],
        "Kultur und Kreativwirtschaft",
    ),
    (
        &[
            "Politician",
            "President",
            "PrimeMinister",
            "Chancellor",
            "Senator",
            "Governor",
            "Congressman",
            "MemberOfParliament",
            "OfficeHolder",
            "Monarch",
            "Royalty",
            "BritishRoyalty",
            "Judge",
        ],
        &["Verwaltungsrecht", "Verbandsarbeit", "Öffentliche Vergabe", "Compliance", "Fördermittelberatung"],
        "Öffentliche Verwaltung",
    ),
    (
        &[
            "Athlete",
            "SoccerPlayer",
            "SoccerManager",
            "TennisPlayer",
            "FormulaOneRacer",
            "Cricketer",
            "GolfPlayer",
            "Cyclist",
            "MartialArtist",
            "IceHockeyPlayer",
            "Wrestler",
            "BasketballPlayer",
            "NascarDriver",
            "BaseballPlayer",
            "Boxer",
            "AmericanFootballPlayer",
            "GridironFootballPlayer",
            "SnookerChamp",
            "SnookerPlayer",
            "CollegeCoach",
            "SportsTeamMember",
        ],
        &["Teamführung", "Coaching", "Betriebliches Gesundheitsmanagement", "Sportmarketing", "Sponsoring"],
        "Sport und Gesundheit",
    ),
    (
        &["Scientist", "Astronaut"],
        &["Forschung und Entwicklung", "Datenanalyse", "Innovationsmanagement", "Technologietransfer", "Statistik"],
        "Forschung",
    ),
    (
        &["Architect"],
        &["Bauprojektmanagement", "Stadtentwicklung", "Immobilienbewertung", "Energieberatung"],
        "Bau und Immobilien",
    ),
    (
        &["Country", "PopulatedPlace", "Place", "City", "Settlement"],
        &["Export", "Internationaler Vertrieb", "Interkulturelle Kommunikation", "Zollrecht", "Logistik"],
        "Handel und Logistik",
    ),
    (
        &["Company", "Organisation", "OrganisationMember"],
        &["Unternehmensstrategie", "Controlling", "Personalentwicklung", "Vertrieb", "Prozessmanagement"],
        "Unternehmensberatung",
    ),
    (
        &["MilitaryPerson", "MilitaryUnit"],
        &["Sicherheitsmanagement", "Krisenmanagement", "Einkauf", "Logistik"],
        "Sicherheit",
    ),
    (
        &["Saint", "Cleric", "ChristianBishop"],
        &["Ehrenamtskoordination", "Sozialmanagement", "Moderation", "Mediation"],
        "Soziales",
    ),
];

/// For tags of any other class.
const GENERAL: &[&str] =
    &["Projektmanagement", "Digitalisierung", "Kundenservice", "Qualitätsmanagement", "Netzwerken"];

/// Roles, without gender (as German job titles are written to be read by everyone).
const ROLES: &[&str] = &[
    "Geschäftsführung",
    "Leitung Vertrieb",
    "Projektleitung",
    "Leitung Marketing",
    "Beratung Steuern und Finanzen",
    "Softwareentwicklung",
    "Controlling",
    "Leitung Personal",
    "Einkauf",
    "Rechtsberatung",
    "Produktmanagement",
    "Unternehmensberatung",
    "Kommunikation und Presse",
    "Qualitätsmanagement",
    "Leitung Logistik",
];

/// What members look for.
const WANTS: &[&str] = &[
    "Kooperationspartner",
    "Fachkräfte",
    "Mentoring",
    "Aufträge in der Region",
    "Erfahrungsaustausch",
    "Investoren",
    "Referentinnen und Referenten",
    "Lieferanten",
];

/// A stable pick from `list` for these ids.
fn pick<'a>(list: &[&'a str], seed: u64) -> &'a str {
    // SplitMix64: a few multiplications spread neighbouring ids over the whole list.
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    list[((z ^ (z >> 31)) % list.len() as u64) as usize]
}

fn number(id: &str) -> u64 {
    id.bytes().fold(0u64, |n, b| n.wrapping_mul(31).wrapping_add(u64::from(b)))
}

/// What one member says of themselves.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BusinessSide {
    pub role: String,
    pub headline: String,
    pub industry: String,
    pub haves: Vec<String>,
    pub wants: Vec<String>,
}

/// The business side of the person `id`, who works at `company` (if anywhere) and has
/// tags of these classes (tag id and class name).
pub fn business_side(id: &str, company: &str, tags: &[(String, String)], max: usize) -> BusinessSide {
    let person = number(id);
    let role = pick(ROLES, person).to_owned();
    let mut haves: Vec<String> = Vec::new();
    let mut industry = None;
    for (tag, class) in tags {
        let (skills, field) = BY_CLASS
            .iter()
            .find(|(classes, _, _)| classes.contains(&class.as_str()))
            .map_or((GENERAL, None), |(_, skills, field)| (*skills, Some(*field)));
        industry = industry.or(field);
        let skill = pick(skills, person ^ number(tag).rotate_left(17)).to_owned();
        if !haves.contains(&skill) {
            haves.push(skill);
        }
        if haves.len() == max {
            break;
        }
    }
    // Something general, and a skill of others: what one seeks, another offers.
    let mut wants = vec![pick(WANTS, person.rotate_left(7)).to_owned()];
    let skills: Vec<&str> =
        BY_CLASS.iter().flat_map(|(_, skills, _)| skills.iter().copied()).chain(GENERAL.iter().copied()).collect();
    let sought = pick(&skills, person.rotate_left(23));
    if !haves.iter().any(|h| h == sought) {
        wants.push(sought.to_owned());
    }
    // The position line already says role and company: the headline adds a strength.
    let headline = match (haves.first(), company.is_empty()) {
        (Some(skill), _) => format!("{role} · {skill}"),
        (None, false) => format!("{role} bei {company}"),
        (None, true) => role.clone(),
    };
    BusinessSide { role, headline, industry: industry.unwrap_or("Dienstleistungen").to_owned(), haves, wants }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_plausible_skills_the_same_every_time() {
        let tags = vec![("12".to_owned(), "Writer".to_owned()), ("40".to_owned(), "Country".to_owned())];
        let side = business_side("933", "Aero Dienst", &tags, 10);
        assert_eq!(side, business_side("933", "Aero Dienst", &tags, 10), "the same every time");
        assert_eq!(side.headline, format!("{} · {}", side.role, side.haves[0]));
        assert!(ROLES.contains(&side.role.as_str()), "{side:?}");
        assert_eq!(business_side("933", "Aero Dienst", &[], 10).headline, format!("{} bei Aero Dienst", side.role));
        assert_eq!(side.industry, "Medien und Verlage");
        assert_eq!(side.haves.len(), 2);
        assert!(BY_CLASS[0].1.contains(&side.haves[0].as_str()) && BY_CLASS[6].1.contains(&side.haves[1].as_str()));
        assert!(!side.wants.is_empty());
        let offered_somewhere = |want: &String| BY_CLASS.iter().any(|(_, skills, _)| skills.contains(&want.as_str()));
        assert!(side.wants.iter().all(|w| !side.haves.contains(w)), "nobody seeks what they offer: {side:?}");
        let sides = (0..50).map(|i| business_side(&i.to_string(), "", &[], 2));
        assert!(sides.filter(|s| s.wants.iter().any(offered_somewhere)).count() > 20, "most seek a skill others offer");
        let unknown = business_side("7", "", &[("1".into(), "Genghis".into())], 10);
        assert!(GENERAL.contains(&unknown.haves[0].as_str()) && unknown.headline.contains(" · "), "{unknown:?}");
        // Members differ.
        let roles: std::collections::HashSet<String> =
            (0..200).map(|i| business_side(&i.to_string(), "", &[], 10).role).collect();
        assert!(roles.len() > 10, "{roles:?}");
    }
}
