//! The privacy notice an operator starts from: what Kontor stores, why, who sees it and
//! how long it is kept, taken from the constants the code itself works with, so the
//! template cannot drift from what the program does. The operator fills in who they
//! are and what they add (a mail provider, their own backups, server logs).

use crate::accounts::SESSION_TTL;
use crate::i18n::Lang;
use crate::maintenance::{DECLINED_KEPT, DELETION_GRACE, LOG_RETENTION, UNSUBSCRIBE_LINKS_KEPT, UNVERIFIED_TTL};

/// The generated privacy notice in `lang`, for the site `site` at `url`.
pub fn privacy(lang: Lang, site: &str, url: &str) -> String {
    let days = |d: time::Duration| d.whole_days();
    let facts = Facts {
        site,
        url,
        unverified_hours: UNVERIFIED_TTL.whole_hours(),
        grace_days: days(DELETION_GRACE),
        session_days: days(SESSION_TTL),
        declined_days: days(DECLINED_KEPT),
        log_days: days(LOG_RETENTION),
        unsubscribe_days: days(UNSUBSCRIBE_LINKS_KEPT),
    };
    match lang {
        Lang::De => german(&facts),
        Lang::En => english(&facts),
    }
}

/// The Impressum of a demo made by `kontor demo`: what the demo is, and where a real
/// operator writes theirs.
pub fn demo_imprint(lang: Lang) -> &'static str {
    match lang {
        Lang::De => {
            "# Impressum\n\nDies ist eine Demo von **Kontor**, freier Software für berufliche Netzwerke (GNU AGPL). \
             Ihre Mitglieder, Kontakte und Beiträge sind erfunden: Sie stammen aus dem LDBC Social Network Benchmark \
             (SF0.1), einem öffentlichen Testdatensatz.\n\n## Für Betreiber\n\nWer Kontor für seinen Verband, seine \
             Kammer oder sein Netzwerk betreibt, schreibt hier Name, Anschrift und Kontakt des Betreibers (§ 5 DDG), \
             auf der Verwaltungsseite unter „Rechtliche Seiten“, auf Deutsch und Englisch.\n"
        }
        Lang::En => {
            "# Legal notice\n\nThis is a demo of **Kontor**, free software for professional networks (GNU AGPL). \
             Its members, contacts and posts are made up: they come from the LDBC Social Network Benchmark (SF0.1), \
             a public test data set.\n\n## For operators\n\nWhoever runs Kontor for their association, chamber or \
             network writes the operator's name, address and contact here (§ 5 DDG in Germany), on the admin page \
             under \"Legal pages\", in German and English.\n"
        }
    }
}

struct Facts<'a> {
    site: &'a str,
    url: &'a str,
    unverified_hours: i64,
    grace_days: i64,
    session_days: i64,
    declined_days: i64,
    log_days: i64,
    unsubscribe_days: i64,
}

fn german(f: &Facts) -> String {
    let Facts { site, url, unverified_hours, grace_days, session_days, declined_days, log_days, unsubscribe_days } = f;
    format!(
        r#"# Datenschutzerklärung

Diese Erklärung sagt, welche personenbezogenen Daten {site} ({url}) verarbeitet, wozu, wer sie sieht und wie lange sie gespeichert bleiben.

## Verantwortlicher

[Name, Anschrift, E-Mail-Adresse und Telefonnummer des Betreibers]

[Kontakt der oder des Datenschutzbeauftragten, falls bestellt]

## Was gespeichert wird

**Ihr Konto** — Name, E-Mail-Adresse, Sprache, Ihr Passwort nur als Argon2id-Hash, bei Zwei-Faktor-Anmeldung das Geheimnis Ihrer Authenticator-App und gehashte Wiederherstellungscodes; wann Sie die Nutzungsbedingungen angenommen haben. Zweck: das Konto und die Anmeldung (Art. 6 Abs. 1 lit. b DSGVO).

**Ihr Profil** — was Sie eintragen: Überschrift, Position, Werdegang, Ausbildung, Ort, Branche, Ich biete / Ich suche, Kontaktdaten, Geburtstag und Foto. Für jedes Feld bestimmen Sie, wer es sieht (nur ich, Kontakte, Kontakte von Kontakten, Mitglieder, öffentlich); Ihr Name ist mindestens für Mitglieder sichtbar. Fotos werden neu kodiert, dabei fallen Metadaten wie der Aufnahmeort weg.

**Ihr Netzwerk** — Ihre bestätigten Kontakte, Kontaktanfragen mit ihrer Nachricht, Ihre privaten Notizen und Tags zu Kontakten, Freigaben einzelner Felder, Blockierungen und ausgeblendete Vorschläge. Wer Ihre Kontaktliste sieht, bestimmen Sie.

**Was Sie teilen** — Beiträge, Kommentare, „Gefällt mir“ und geteilte Beiträge mit ihrer Zielgruppe, Meldungen von Beiträgen (nur Administratoren sehen sie), Ihre Einstellungen für den Ticker und Benachrichtigungen.

**Suche** — damit Mitglieder Sie finden, hält jeder Server einen Suchindex aus Ihrem Namen und den Profilfeldern, die andere sehen dürfen (Felder „nur ich“ kommen nicht hinein); gefunden werden Sie nur über Felder, die die suchende Person sehen darf. Ihre gespeicherten Suchen mit den Personen, über die sie Sie schon benachrichtigt haben.

**Anmeldungen** — für jede Anmeldung: wann, zuletzt genutzt, der Browser (User-Agent, gekürzt); ein Merkmal des Geräts, auf dem Sie sich schon angemeldet haben (damit fremde Fehlversuche Sie nicht aussperren); Ihre persönlichen Zugangstoken für Apps. IP-Adressen werden nicht zu Anmeldungen gespeichert.

**Schutz vor Missbrauch** — Zähler von Fehlversuchen je IP-Adresse, E-Mail-Adresse oder Konto (Art. 6 Abs. 1 lit. f DSGVO: Schutz vor Passwortraten und Massenversand).

**E-Mails** — Bestätigungs-, Anmelde- und Benachrichtigungsmails warten bis zum Versand in einer Warteschlange.

## Wie lange

- Nicht bestätigte Registrierungen: {unverified_hours} Stunden.
- Anmeldungen: höchstens {session_days} Tage; beim Abmelden, bei einem neuen Passwort und beim Löschen des Kontos sofort.
- Abgelehnte Kontaktanfragen: {declined_days} Tage.
- Zähler gegen Missbrauch: höchstens einen Tag.
- Abmeldelinks in Benachrichtigungsmails: {unsubscribe_days} Tage.
- Der Suchindex folgt Ihrem Profil binnen einer Sekunde und wird bei jedem Start neu aufgebaut; ein geschlossenes Konto fällt sofort heraus.
- Das interne Änderungsprotokoll enthält nur Nummern, keine Inhalte, und wird nach {log_days} Tagen gelöscht.
- E-Mails in der Warteschlange: bis sie versandt sind; was nach wiederholten Versuchen nicht zugestellt werden konnte, bis ein Administrator es erneut versucht oder das Konto gelöscht wird.
- Alles andere: bis Sie es ändern oder löschen, spätestens bis Ihr Konto gelöscht wird. Sie können Ihr Konto in den Einstellungen löschen; innerhalb von {grace_days} Tagen können Sie es durch Anmelden wiederherstellen, danach wird es mit allem, was dazugehört, gelöscht. Kommentare und „Gefällt mir“ anderer Mitglieder unter Ihren Beiträgen werden dabei mitgelöscht.

[Datensicherungen: wie oft der Betreiber sie anlegt und wie lange er sie aufbewahrt]

## Empfänger

{site} wird vom Betreiber selbst betrieben und ruft keine Dienste Dritter auf: keine Tracker, keine Werbung, keine Schriften oder Skripte von fremden Servern. E-Mails gehen über den Mailserver des Betreibers: [Anbieter des Mailservers und des Hostings, Auftragsverarbeitungsvertrag]

## Cookies

Nur technisch notwendige Cookies (§ 25 Abs. 2 TDDDG): die Anmeldung (`kontor_session`, {session_days} Tage), das bekannte Gerät (`kontor_device`, ein Jahr), die Registrierung in diesem Browser (`kontor_signup`, 48 Stunden), der zweite Faktor während der Anmeldung (`kontor_2fa`, 10 Minuten), der Schutz von Formularen (`kontor_csrf`, bis der Browser schließt), die Sprache (`kontor_lang`, ein Jahr) und dass Sie Ihre eigenen Änderungen sofort sehen (`kontor_seen`, 10 Minuten).

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21). Vieles davon können Sie selbst: Ihr Profil bearbeiten, Sichtbarkeiten ändern, Ihre Kontakte als vCard exportieren, Ihr Konto löschen. Für alles andere schreiben Sie dem Verantwortlichen. Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren: [zuständige Aufsichtsbehörde].

Eine automatisierte Entscheidungsfindung im Sinne von Art. 22 DSGVO findet nicht statt. Vorschläge („Personen, die Sie kennen könnten“) entstehen nur aus gemeinsamen Kontakten und Profilangaben, die Sie sehen dürfen.
"#
    )
}

fn english(f: &Facts) -> String {
    let Facts { site, url, unverified_hours, grace_days, session_days, declined_days, log_days, unsubscribe_days } = f;
    format!(
        r#"# Privacy notice

This notice says which personal data {site} ({url}) processes, what for, who sees it and how long it is kept.

## Controller

[Name, postal address, e-mail address and phone number of the operator]

[Contact of the data protection officer, if one is appointed]

## What is stored

**Your account** — name, e-mail address, language, your password only as an Argon2id hash, with two-factor log-in the secret of your authenticator app and hashed recovery codes; when you accepted the terms of use. Purpose: the account and logging in (Art. 6(1)(b) GDPR).

**Your profile** — what you enter: headline, position, career, education, place, industry, haves and wants, contact details, birthday and photo. For each field you decide who sees it (only me, contacts, contacts of contacts, members, public); your name is visible to members at least. Photos are re-encoded, which drops metadata such as where they were taken.

**Your network** — your confirmed contacts, contact requests with their message, your private notes and tags on contacts, fields you granted to single contacts, blocks and dismissed suggestions. You decide who sees your list of contacts.

**What you share** — posts, comments, likes and shares with their audience, reports of posts (only administrators see them), your ticker and notification settings.

**Search** — so that members find you, each server keeps a search index of your name and the profile fields others may see (fields set to "only me" are not in it); you are found only through fields the searcher may see. Your saved searches, with the people they have told you of.

**Log-ins** — for each log-in: when, when last used, the browser (user agent, shortened); a mark of each device you have logged in from before (so that others' failed attempts do not lock you out); your personal access tokens for apps. IP addresses are not stored with log-ins.

**Protection against abuse** — counts of failed attempts per IP address, e-mail address or account (Art. 6(1)(f) GDPR: protection against password guessing and mass mailing).

**E-mails** — confirmation, log-in and notification mails wait in a queue until they are sent.

## How long

- Unconfirmed sign-ups: {unverified_hours} hours.
- Log-ins: {session_days} days at most; at once when you log out, choose a new password or delete your account.
- Declined contact requests: {declined_days} days.
- Counts against abuse: one day at most.
- Unsubscribe links in notification mails: {unsubscribe_days} days.
- The search index follows your profile within a second and is built anew at every start; a closed account drops out of it at once.
- The internal change log holds numbers only, no content, and is deleted after {log_days} days.
- Mails in the queue: until they are sent; a mail that could not be delivered after repeated attempts, until an administrator retries it or the account is deleted.
- Everything else: until you change or delete it, at the latest until your account is deleted. You can delete your account in the settings; within {grace_days} days you can restore it by logging in, after that it is deleted with everything that belongs to it, including other members' comments and likes on your posts.

[Backups: how often the operator makes them and how long they are kept]

## Recipients

{site} is run by the operator and calls no third-party services: no trackers, no advertising, no fonts or scripts from other servers. E-mails go through the operator's mail server: [provider of the mail server and of the hosting, data processing agreement]

## Cookies

Only cookies that are strictly necessary: the log-in (`kontor_session`, {session_days} days), the known device (`kontor_device`, one year), the sign-up in this browser (`kontor_signup`, 48 hours), the second factor while logging in (`kontor_2fa`, 10 minutes), the protection of forms (`kontor_csrf`, until the browser closes), the language (`kontor_lang`, one year) and seeing your own changes at once (`kontor_seen`, 10 minutes).

## Your rights

You have the right of access (Art. 15 GDPR), rectification (Art. 16), erasure (Art. 17), restriction of processing (Art. 18), data portability (Art. 20) and to object (Art. 21). Much of it you can do yourself: edit your profile, change who sees what, export your contacts as vCards, delete your account. For anything else, write to the controller. You may lodge a complaint with a data protection supervisory authority: [competent authority].

There is no automated decision-making within the meaning of Art. 22 GDPR. Suggestions ("people you may know") come only from shared contacts and profile details you may see.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_states_the_programs_own_periods_in_both_languages() {
        for lang in Lang::ALL {
            let text = privacy(lang, "Netzwerk Leipzig", "https://netzwerk.example.org");
            assert!(text.contains("Netzwerk Leipzig (https://netzwerk.example.org)"), "{lang:?}");
            for period in [UNVERIFIED_TTL.whole_hours(), DELETION_GRACE.whole_days(), SESSION_TTL.whole_days()] {
                assert!(text.contains(&format!("{period} ")), "{lang:?} lacks {period}");
            }
            for cookie in ["kontor_session", "kontor_device", "kontor_csrf", "kontor_lang", "kontor_seen"] {
                assert!(text.contains(cookie), "{lang:?} lacks {cookie}");
            }
            // Each placeholder the operator must fill in is marked.
            assert!(text.matches('[').count() >= 4, "{lang:?}");
        }
    }
}
