//! Profiles: editing, and what each viewer sees of them.

use crate::app::{TestApp, attrs, fields, message, texts};
use crate::on_both;
use reqwest::StatusCode;

on_both!(
    fields_show_exactly_to_whom_they_should,
    edit_errors_are_shown_next_to_fields,
    view_as_previews_each_audience,
    a_profile_viewed_again_is_served_without_a_database_read,
);

/// Statements the node has sent to its database so far, from `/metrics`.
async fn statements(app: &TestApp) -> u64 {
    let (status, metrics) = app.browser().page("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    let line = metrics.lines().find_map(|l| l.strip_prefix("kontor_db_statements_total "));
    line.unwrap_or_else(|| panic!("a statement count in:\n{metrics}")).parse().expect("a count")
}

/// Which fields a profile page shows, by name.
fn shown(page: &str) -> Vec<String> {
    fields(page).into_keys().collect()
}

async fn a_profile_viewed_again_is_served_without_a_database_read(app: TestApp) {
    let (anna, _) = fill_in_anna(&app).await;
    let anna_id = app.id_of(&anna).await;
    app.member("Bert Kraus", "bert@example.org").await;
    let bert = app.api_session("bert@example.org", crate::app::PASSWORD).await;
    let view = || async {
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/members/{anna_id}", app.base))
            .bearer_auth(&bert)
            .send()
            .await
            .expect("a profile view");
        assert_eq!(r.status(), StatusCode::OK);
        r.text().await.expect("a body")
    };
    let first = view().await;
    // What reading the counter itself costs, measured as the difference of two reads.
    let (a, b) = (statements(&app).await, statements(&app).await);
    let again = view().await;
    let c = statements(&app).await;
    assert_eq!(first, again, "the same profile");
    let shown: serde_json::Value = serde_json::from_str(&again).expect("a profile");
    assert_eq!(shown["headline"], "Tax adviser for founders", "as Bert may see it: {shown}");
    assert_eq!(c - b, b - a, "viewing the profile again sent no statement to the database");
}

/// Anna's profile with one field at every visibility.
async fn fill_in_anna(app: &TestApp) -> (crate::app::Browser, String) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let r = anna
        .post_form(
            "/profile/edit",
            &[
                ("name", "Anna Berg"),
                ("vis_name", "public"),
                ("headline", "Tax adviser for founders"),
                ("vis_headline", "public"),
                ("position", "Partner"),
                ("company", "Berg Kraus GmbH"),
                ("vis_position", "members"),
                ("about", "I help start-ups with their first balance sheet."),
                ("vis_about", "contacts"),
                ("haves", "Tax law, Balance sheets"),
                ("vis_haves", "contacts_of_contacts"),
                ("private_phone", "+49 341 555 0101"),
                ("vis_private_contact", "only_me"),
                ("work_title", "Partner"),
                ("work_org", "Berg Kraus GmbH"),
                ("work_from", "2015"),
                ("work_to", ""),
                ("work_title", ""),
                ("work_org", ""),
                ("work_from", ""),
                ("work_to", ""),
                ("vis_work_history", "members"),
                ("links", "https://berg-kraus.example"),
                ("birthday", "1985-03-14"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "saving the profile");
    let id = app.id_of(&anna).await;
    (anna, id)
}

async fn fields_show_exactly_to_whom_they_should(app: TestApp) {
    let (anna, id) = fill_in_anna(&app).await;
    let path = format!("/members/{id}");

    let (status, own) = anna.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    let mine = fields(&own);
    for (field, value) in [
        ("name", "Anna Berg"),
        ("headline", "Tax adviser for founders"),
        ("position", "Partner"),
        ("company", "Berg Kraus GmbH"),
        ("about", "I help start-ups with their first balance sheet."),
        ("haves", "Tax law Balance sheets"),
        ("private_phone", "+49 341 555 0101"),
        ("links", "https://berg-kraus.example"),
        ("birthday", "1985-03-14"),
    ] {
        assert_eq!(mine.get(field).map(String::as_str), Some(value), "Anna sees her own {field}");
    }
    let work = &mine["work_history"];
    assert!(work.contains("2015") && work.contains("Partner · Berg Kraus GmbH"), "Anna sees her work history: {work}");

    // What others see, field by field; and nothing hidden anywhere on the page (its
    // text, attributes or scripts), which only a search of the whole page can say.
    let bernd = app.member("Bernd Kraus", "bernd@example.org").await;
    let (status, as_member) = bernd.page(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown(&as_member), ["company", "headline", "name", "position", "work_history"], "what a member sees");
    for hidden in ["first balance sheet", "Tax law", "+49 341 555 0101", "berg-kraus.example", "1985-03-14"] {
        assert!(!as_member.contains(hidden), "a member must not see {hidden} anywhere");
    }

    let (status, public) = app.browser().page(&path).await;
    assert_eq!(status, StatusCode::OK, "the name is public, so the profile is");
    assert_eq!(shown(&public), ["headline", "name"], "what the public sees");
    assert_eq!(fields(&public)["headline"], "Tax adviser for founders");
    for hidden in ["Partner", "first balance sheet", "Tax law", "+49 341 555 0101", "2015"] {
        assert!(!public.contains(hidden), "the public must not see {hidden} anywhere");
    }

    // Bernd's profile is not public: to the internet it does not exist.
    let bernd_id = app.id_of(&bernd).await;
    let (status, _) = app.browser().page(&format!("/members/{bernd_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (missing, _) = app.browser().page("/members/0192f0c1a2b37c4d8e9fa0b1c2d3e4f5").await;
    assert_eq!(missing, StatusCode::NOT_FOUND, "hidden and missing look the same");
    app.stop().await;
}

async fn edit_errors_are_shown_next_to_fields(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let long = "x".repeat(121);
    let r = anna
        .post_form(
            "/profile/edit",
            &[
                ("name", ""),
                ("headline", long.as_str()),
                ("links", "javascript:alert(1)"),
                ("birthday", "14.03.1985"),
                ("business_phone", "call me"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    let errors = texts(&page, ".field-error").join(" | ");
    for message in [
        "Please fill in this field.",
        "This is too long.",
        "Links must start with http",
        "This is not a valid date.",
        "not a valid phone number",
    ] {
        assert!(errors.contains(message), "the errors next to the fields say {message}: {errors}");
    }
    assert_eq!(attrs(&page, "input[name=headline]", "value"), [long.as_str()], "the input is kept");
    let (_, edit) = anna.page("/profile/edit").await;
    assert_eq!(attrs(&edit, "input[name=name]", "value"), ["Anna Berg"], "nothing was saved");
    app.stop().await;
}

async fn view_as_previews_each_audience(app: TestApp) {
    let (anna, _) = fill_in_anna(&app).await;
    let (_, public) = anna.page("/profile/preview?as=public").await;
    assert_eq!(shown(&public), ["headline", "name"], "the public's preview");
    let (_, member) = anna.page("/profile/preview?as=member").await;
    assert_eq!(shown(&member), ["company", "headline", "name", "position", "work_history"], "a member's preview");
    let (_, contact) = anna.page("/profile/preview?as=contact").await;
    assert_eq!(
        shown(&contact),
        ["about", "birthday", "company", "haves", "headline", "links", "name", "position", "work_history"],
        "a contact's preview (links and birthday: contacts by default)"
    );
    assert!(!contact.contains("+49 341 555 0101"), "private data stays private");
    let (_, second) = anna.page("/profile/preview?as=contact_of_contact").await;
    assert_eq!(
        shown(&second),
        ["company", "haves", "headline", "name", "position", "work_history"],
        "a contact of a contact's preview"
    );
    // With the name back to members only, the public sees nothing at all.
    let r = anna.post_form("/profile/edit", &[("name", "Anna Berg"), ("vis_name", "members")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, hidden) = anna.page("/profile/preview?as=public").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(message(&hidden), "Your profile is not visible to this audience at all.");
    app.stop().await;
}

mod entities {
    use crate::app::Answered;
    use crate::app::{TestApp, attrs};
    use crate::on_both;
    use reqwest::StatusCode;
    use serde_json::Value;

    on_both!(companies_are_suggested_and_can_be_merged);

    async fn companies_are_suggested_and_can_be_merged(app: TestApp) {
        let olga = app.admin().await;
        let anna = app.member("Anna Berg", "anna@example.org").await;
        anna.post_form(
            "/profile/edit",
            &[
                ("name", "Anna Berg"),
                ("company", "Berg Kraus GmbH"),
                ("vis_position", "members"),
                ("haves", "Steuerrecht"),
                ("vis_haves", "members"),
            ],
        )
        .await
        .see_other();
        let bernd = app.member("Bernd Kraus", "bernd@example.org").await;
        bernd
            .post_form(
                "/profile/edit",
                &[("name", "Bernd Kraus"), ("company", "Berg & Kraus"), ("vis_position", "members")],
            )
            .await
            .see_other();
        let carla = app.member("Carla Diaz", "carla@example.org").await;
        carla.post_form("/profile/edit", &[("name", "Carla Diaz"), ("company", "Berg Geheim AG")]).await.see_other();

        let (status, body) = bernd.page("/suggest?kind=organisation&q=BERG").await;
        assert_eq!(status, StatusCode::OK);
        let names: Vec<String> = serde_json::from_str::<Vec<Value>>(&body)
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(names.len(), 2, "Carla keeps her company to her contacts: {names:?}");
        assert!(names.contains(&"Berg Kraus GmbH".to_owned()) && names.contains(&"Berg & Kraus".to_owned()));
        let (_, tags) = bernd.page("/suggest?kind=tag&q=steu").await;
        assert!(tags.contains("Steuerrecht"));
        assert_eq!(app.browser().get("/suggest?kind=tag&q=steu").await.status(), StatusCode::SEE_OTHER, "members only");
        let (_, edit) = bernd.page("/profile/edit").await;
        assert_eq!(attrs(&edit, "#company", "data-suggest"), ["organisation"], "the form asks for suggestions");

        let r = bernd
            .post_form(
                "/admin/entities/merge",
                &[("kind", "organisation"), ("merge_from", "Berg & Kraus"), ("merge_into", "Berg Kraus GmbH")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = olga
            .post_form(
                "/admin/entities/merge",
                &[("kind", "organisation"), ("merge_from", "Berg & Kraus"), ("merge_into", "Berg Kraus GmbH")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, body) = bernd.page("/suggest?kind=organisation&q=berg").await;
        let merged: Vec<Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0]["name"], "Berg Kraus GmbH");
        assert_eq!(merged[0]["members"], 2);
        app.stop().await;
    }
}
