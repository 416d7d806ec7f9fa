//! The operator's page, and what happens to members' accounts over time.

use crate::app::Answered;
use crate::app::{PASSWORD, TestApp, attrs, message, texts};
use crate::on_both;
use reqwest::StatusCode;
use time::Duration;

on_both!(
    approval_mode_holds_new_members_until_approved,
    invite_only_closes_sign_up,
    suspended_members_are_locked_out_until_reinstated,
    deleted_members_are_gone,
    admins_cannot_remove_the_last_admin,
    members_cannot_administer,
    a_deleted_account_reopens_within_the_grace_period,
    unverified_sign_ups_expire,
    a_required_second_factor_comes_before_anything_else,
    admins_end_one_members_or_everyones_sign_ins,
);

async fn approval_mode_holds_new_members_until_approved(app: TestApp) {
    let olga = app.admin().await;
    let r = olga.post_form("/admin/settings", &[("site_name", "Netzwerk Leipzig"), ("signup_mode", "approval")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let b = app.browser();
    let (_, page) = b.page("/signup").await;
    assert_eq!(texts(&page, "a.brand"), ["Netzwerk Leipzig"]);
    let note = texts(&page, "[role=status]").concat();
    assert!(note.contains("approved by an administrator"), "the sign-up form says so: {note}");
    b.post_form("/signup", &[("name", "Paul Quast"), ("email", "paul@example.org"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::OK);
    let link = app.deliver_mail().await[0].link("/verify/");
    let r = b.post_form(&link, &[]).await;
    let said = message(&r.text().await.unwrap());
    assert!(said.contains("An administrator will now review"), "{said}");
    let r = b.post_form("/login", &[("email", "paul@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let problem = texts(&r.text().await.unwrap(), ".flash-error").concat();
    assert!(problem.contains("waiting for an administrator"), "{problem}");

    let (_, pending) = olga.page("/admin?state=awaiting_approval").await;
    assert_eq!(emails(&pending), ["paul@example.org"]);
    let paul_id = member_ids(&pending).remove(0);
    let r = olga.post_form(&format!("/admin/members/{paul_id}/approve"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let mails = app.deliver_mail().await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject().contains("Welcome to Netzwerk Leipzig"));
    b.log_in("paul@example.org", PASSWORD).await;
    let (_, pending) = olga.page("/admin?state=awaiting_approval").await;
    assert!(emails(&pending).is_empty(), "nobody waits any more");
    app.stop().await;
}

async fn invite_only_closes_sign_up(app: TestApp) {
    let olga = app.admin().await;
    olga.post_form("/admin/settings", &[("site_name", "Kontor"), ("signup_mode", "invite_only")]).await.see_other();
    let b = app.browser();
    let (_, page) = b.page("/signup").await;
    let said = texts(&page, "main .card p").concat();
    assert!(said.contains("by invitation only"), "{said}");
    assert!(texts(&page, "form[action='/signup']").is_empty(), "and no form to fill in");
    let r = b
        .post_form("/signup", &[("name", "Rita Sommer"), ("email", "rita@example.org"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::FORBIDDEN);
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(app.deliver_mail().await.is_empty());
    app.stop().await;
}

async fn suspended_members_are_locked_out_until_reinstated(app: TestApp) {
    let olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let id = app.id_of(&paul).await;
    olga.post_form(&format!("/admin/members/{id}/suspend"), &[]).await.see_other();
    assert_eq!(paul.get("/home").await.status(), StatusCode::SEE_OTHER, "the session has ended");
    let r = paul.post_form("/login", &[("email", "paul@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let problem = texts(&r.text().await.unwrap(), ".flash-error").concat();
    assert!(problem.contains("suspended"), "{problem}");
    let (status, _) = olga.page(&format!("/members/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a suspended member's profile is gone from view");
    olga.post_form(&format!("/admin/members/{id}/reinstate"), &[]).await.see_other();
    paul.log_in("paul@example.org", PASSWORD).await;
    app.stop().await;
}

async fn deleted_members_are_gone(app: TestApp) {
    let olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let id = app.id_of(&paul).await;
    let r = olga.post_form(&format!("/admin/members/{id}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(olga.page(&format!("/members/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(paul.get("/home").await.status(), StatusCode::SEE_OTHER);
    let r = paul.post_form("/login", &[("email", "paul@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The address is free again.
    app.member("Paul Quast", "paul@example.org").await;
    app.stop().await;
}

async fn admins_cannot_remove_the_last_admin(app: TestApp) {
    let olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let paul_id = app.id_of(&paul).await;
    let olga_id = app.id_of(&olga).await;
    let r = olga.post_form(&format!("/admin/members/{olga_id}/revoke_admin"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let said = message(&r.text().await.unwrap());
    assert!(said.contains("make someone else admin first"), "{said}");
    olga.post_form(&format!("/admin/members/{paul_id}/make_admin"), &[]).await.see_other();
    assert_eq!(paul.page("/admin").await.0, StatusCode::OK, "Paul is an admin now");
    let r = olga.post_form(&format!("/admin/members/{olga_id}/revoke_admin"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(olga.page("/admin").await.0, StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn members_cannot_administer(app: TestApp) {
    let _olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let id = app.id_of(&paul).await;
    assert_eq!(paul.page("/admin").await.0, StatusCode::FORBIDDEN);
    let r = paul.post_form("/admin/settings", &[("site_name", "Mine"), ("signup_mode", "open")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = paul.post_form(&format!("/admin/members/{id}/make_admin"), &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.browser().page("/admin").await.0, StatusCode::SEE_OTHER, "visitors are sent to log in");
    app.stop().await;
}

async fn a_deleted_account_reopens_within_the_grace_period(app: TestApp) {
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let id = app.id_of(&paul).await;
    let r = paul.post_form("/settings/delete-account", &[("password", "not my password")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = paul.post_form("/settings/delete-account", &[("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(texts(&r.text().await.unwrap(), "h1"), ["Your account is closed"]);
    assert!(app.deliver_mail().await[0].subject().contains("will be deleted"));
    assert_eq!(paul.get("/home").await.status(), StatusCode::SEE_OTHER);
    let viewer = app.member("Vera Weiss", "vera@example.org").await;
    assert_eq!(
        viewer.page(&format!("/members/{id}")).await.0,
        StatusCode::NOT_FOUND,
        "a closed account is gone from view at once"
    );

    app.clock.advance(Duration::days(13));
    paul.log_in("paul@example.org", PASSWORD).await;
    app.clock.advance(Duration::days(2));
    app.node.kontor.maintenance().run().await.unwrap();
    assert_eq!(paul.get("/home").await.status(), StatusCode::OK, "reopened, so not purged");

    let r = paul.post_form("/settings/delete-account", &[("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "two days after log-in, the password is asked again");
    assert_eq!(paul.post_form("/settings/confirm", &[("password", PASSWORD)]).await.status(), StatusCode::SEE_OTHER);
    paul.post_form("/settings/delete-account", &[("password", PASSWORD)]).await.answered(StatusCode::OK);
    app.clock.advance(Duration::days(14) + Duration::minutes(1));
    let swept = app.node.kontor.maintenance().run().await.unwrap();
    assert_eq!(swept.deleted, 1);
    let r = paul.post_form("/login", &[("email", "paul@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(viewer.page(&format!("/members/{id}")).await.0, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn unverified_sign_ups_expire(app: TestApp) {
    let b = app.browser();
    b.post_form("/signup", &[("name", "Uwe Vogt"), ("email", "uwe@example.org"), ("password", PASSWORD)])
        .await
        .answered(StatusCode::OK);
    let link = app.deliver_mail().await[0].link("/verify/");
    app.clock.advance(Duration::hours(49));
    assert_eq!(app.node.kontor.maintenance().run().await.unwrap().unverified, 1);
    assert_eq!(b.post_form(&link, &[]).await.status(), StatusCode::BAD_REQUEST);
    // The address can sign up afresh.
    app.member("Uwe Vogt", "uwe@example.org").await;
    app.stop().await;
}

mod invitations {
    use super::emails;
    use crate::app::Answered;
    use crate::app::{PASSWORD, TestApp, attrs, texts};
    use crate::on_both;
    use kontor_core::accounts::{AccountState, DisplayName, Email, NewAccount, Role};
    use kontor_core::imports::ImportedMember;
    use reqwest::StatusCode;

    on_both!(
        invited_people_join_by_setting_a_password,
        imported_members_log_in_only_once_invited,
        invitations_go_out_in_the_language_chosen,
        the_admin_page_says_when_mail_has_no_sender,
    );

    async fn invitations_go_out_in_the_language_chosen(app: TestApp) {
        let olga = app.admin().await;
        let invite_lang = |page: &str| texts(page, "#invite_lang option[selected]");
        let (_, page) = olga.page("/admin").await;
        assert_eq!(invite_lang(&page), ["English"], "the site's language first (English until chosen)");
        let site = [("site_name", "Kontor"), ("signup_mode", "open"), ("site_lang", "de")];
        assert_eq!(olga.post_form("/admin/settings", &site).await.status(), StatusCode::SEE_OTHER);
        let (_, page) = olga.page("/admin").await;
        assert_eq!(invite_lang(&page), ["Deutsch"], "now the site's is German");
        assert_eq!(texts(&page, "#site_lang option[selected]"), ["Deutsch"]);
        let form = [("invite_name", "Rita Sommer"), ("invite_email", "rita@example.org"), ("invite_lang", "de")];
        assert_eq!(olga.post_form("/admin/invite", &form).await.status(), StatusCode::SEE_OTHER);
        let form = [("invite_name", "Tom Hart"), ("invite_email", "tom@example.org")];
        assert_eq!(olga.post_form("/admin/invite", &form).await.status(), StatusCode::SEE_OTHER);
        let form = [("invite_name", "Una Vogt"), ("invite_email", "una@example.org"), ("invite_lang", "en")];
        assert_eq!(olga.post_form("/admin/invite", &form).await.status(), StatusCode::SEE_OTHER);
        let mails = app.deliver_mail().await;
        let to = |who: &str| mails.iter().find(|m| m.to == [who]).expect("a mail");
        assert!(to("rita@example.org").subject().contains("Einladung"), "{}", to("rita@example.org").subject());
        assert!(to("tom@example.org").subject().contains("Einladung"), "left out: the site's");
        assert!(to("una@example.org").subject().contains("invited"), "chosen: English, though the site's is German");
        let rita = app.browser();
        let r = rita.post_form(&to("rita@example.org").link("/invite/"), &[("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        rita.log_in("rita@example.org", PASSWORD).await;
        let (_, page) = rita.page("/home").await;
        assert_eq!(attrs(&page, "html", "lang"), ["de"], "her pages are German too");
        app.stop().await;
    }

    async fn the_admin_page_says_when_mail_has_no_sender(app: TestApp) {
        let olga = app.admin().await;
        let (_, page) = olga.page("/admin").await;
        assert!(texts(&page, "#mail-sender").is_empty(), "a sender is configured: nothing to say");
        // Without one, and with the tests' public address an IP address: no domain.
        let app = app.restart_with(|s| s.smtp.as_mut().expect("the tests' mail server").from = None).await;
        let olga = app.browser();
        olga.log_in("olga@example.org", PASSWORD).await;
        let (_, page) = olga.page("/admin").await;
        let said = texts(&page, "#mail-sender").concat();
        assert!(said.contains("noreply@kontor.invalid"), "the page names the sender in use: {said}");
        app.stop().await;
    }

    async fn invited_people_join_by_setting_a_password(app: TestApp) {
        let olga = app.admin().await;
        olga.post_form("/admin/settings", &[("site_name", "Kontor"), ("signup_mode", "invite_only")]).await.see_other();
        let r = olga
            .post_form("/admin/invite", &[("invite_name", "Rita Sommer"), ("invite_email", "rita@example.org")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mails = app.deliver_mail().await;
        assert_eq!(mails[0].to, vec!["rita@example.org"]);
        assert!(mails[0].subject().contains("invited"));
        let link = mails[0].link("/invite/");
        let rita = app.browser();
        let r = rita.post_form("/login", &[("email", "rita@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "no password yet");
        let r = rita.post_form(&link, &[("password", "short")]).await;
        let errors = texts(&r.text().await.unwrap(), ".field-error").concat();
        assert!(errors.contains("at least 10 characters"), "{errors}");
        let r = rita.post_form(&link, &[("password", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            rita.post_form(&link, &[("password", "another passphrase")]).await.status(),
            StatusCode::BAD_REQUEST
        );
        rita.log_in("rita@example.org", PASSWORD).await;
        let r = olga
            .post_form("/admin/invite", &[("invite_name", "Rita Sommer"), ("invite_email", "rita@example.org")])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "members are not invited again");
        app.stop().await;
    }

    async fn imported_members_log_in_only_once_invited(app: TestApp) {
        let olga = app.admin().await;
        let imported = ImportedMember {
            account: NewAccount {
                id: kontor_core::ids::MemberId::new(),
                email: Email::parse("mahinda.perera@kontor.invalid").unwrap(),
                name: DisplayName::parse("Mahinda Perera").unwrap(),
                password_hash: None,
                lang: kontor_core::i18n::Lang::En,
                state: AccountState::Invited,
                role: Role::Member,
                created_at: time::OffsetDateTime::now_utc(),
                terms_accepted_at: None,
            },
            profile: Default::default(),
        };
        assert_eq!(app.node.kontor.imports().members(vec![imported]).await.unwrap(), 1);
        let b = app.browser();
        let r = b.post_form("/login", &[("email", "mahinda.perera@kontor.invalid"), ("password", "kontor-demo")]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "imported members have no log-in");
        let (_, invited) = olga.page("/admin?state=invited").await;
        assert_eq!(emails(&invited), ["mahinda.perera@kontor.invalid"]);
        let actions = attrs(&invited, ".member-row form[action$='/invite']", "action");
        assert_eq!(actions.len(), 1, "one invitation to send: {actions:?}");
        olga.post_form(&actions[0], &[]).await.see_other();
        let link = app.deliver_mail().await[0].link("/invite/");
        b.post_form(&link, &[("password", PASSWORD)]).await.answered(StatusCode::OK);
        b.log_in("mahinda.perera@kontor.invalid", PASSWORD).await;
        app.stop().await;
    }
}

/// The e-mail addresses of the members the admin page lists.
fn emails(page: &str) -> Vec<String> {
    texts(page, ".member-row .headline")
}

/// The public ids of the members the admin page lists, from their profile links.
fn member_ids(page: &str) -> Vec<String> {
    attrs(page, ".member-row a.name", "href")
        .iter()
        .map(|href| href.trim_start_matches("/members/").to_owned())
        .collect()
}

/// What `token` gets from `GET /api/v1/me`: the status and the error code, if any.
async fn api_me(app: &TestApp, token: &str) -> (StatusCode, String) {
    let r = reqwest::Client::new().get(format!("{}/api/v1/me", app.base)).bearer_auth(token).send().await.unwrap();
    let status = r.status();
    let body: serde_json::Value = r.json().await.unwrap();
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn set_two_factor_rule(olga: &crate::app::Browser, rule: &str) {
    let form = [("site_name", "Kontor"), ("signup_mode", "open"), ("two_factor_required", rule)];
    let r = olga.post_form("/admin/settings", &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "setting the rule {rule}");
}

async fn a_required_second_factor_comes_before_anything_else(app: TestApp) {
    let olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let paul_app = app.api_session("paul@example.org", PASSWORD).await;

    set_two_factor_rule(&olga, "admins").await;
    let r = olga.get("/admin").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the admin without a second factor is stopped");
    assert_eq!(r.headers()["location"], "/settings/two-factor");
    let (status, page) = olga.page("/settings/two-factor").await;
    assert_eq!(status, StatusCode::OK);
    let shown = texts(&page, "[role=status]").concat();
    assert!(shown.contains("This site requires two-factor log-in for your account."), "{shown}");
    assert_eq!(paul.get("/home").await.status(), StatusCode::OK, "members still choose");
    crate::two_factor::turn_on(&app, &olga).await;
    assert_eq!(olga.get("/admin").await.status(), StatusCode::OK, "with it set up the admin goes on");

    set_two_factor_rule(&olga, "everyone").await;
    for path in ["/home", "/contacts", "/members/x", "/settings"] {
        let r = paul.get(path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.headers()["location"], "/settings/two-factor", "{path}");
    }
    assert_eq!(api_me(&app, &paul_app).await, (StatusCode::FORBIDDEN, "two_factor_required".into()));
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/me/two-factor", app.base))
        .bearer_auth(&paul_app)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "an app may set it up");
    crate::two_factor::turn_on(&app, &paul).await;
    assert_eq!(paul.get("/home").await.status(), StatusCode::OK);

    set_two_factor_rule(&olga, "optional").await;
    let (_, page) = olga.page("/admin").await;
    let chosen = attrs(&page, "input[name=two_factor_required][checked]", "value");
    assert_eq!(chosen, ["optional"], "the page shows the rule in force");
    app.stop().await;
}

async fn admins_end_one_members_or_everyones_sign_ins(app: TestApp) {
    let olga = app.admin().await;
    let paul = app.member("Paul Quast", "paul@example.org").await;
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let paul_app = app.api_session("paul@example.org", PASSWORD).await;
    let anna_app = app.api_session("anna@example.org", PASSWORD).await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/me/access-tokens", app.base))
        .bearer_auth(&paul_app)
        .json(&serde_json::json!({"name": "Calendar", "scopes": ["read"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let paul_token = r.json::<serde_json::Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();

    let id = app.id_of(&paul).await;
    let (_, page) = olga.page("/admin").await;
    let end = format!("/admin/members/{id}/end_sessions");
    assert_eq!(attrs(&page, &format!("form[action='{end}']"), "action"), [end.as_str()], "the member list offers it");
    let r = olga.post_form(&format!("/admin/members/{id}/end_sessions"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(paul.get("/home").await.status(), StatusCode::SEE_OTHER, "the browser session has ended");
    assert_eq!(api_me(&app, &paul_app).await.0, StatusCode::UNAUTHORIZED, "so has the app's");
    assert_eq!(api_me(&app, &paul_token).await.0, StatusCode::UNAUTHORIZED, "and the access token");
    assert_eq!(anna.get("/home").await.status(), StatusCode::OK, "another member's go on");
    assert_eq!(api_me(&app, &anna_app).await.0, StatusCode::OK);
    paul.log_in("paul@example.org", PASSWORD).await;

    let r = olga.post_form("/admin/sessions/end", &[]).await;
    assert_eq!(r.headers()["location"], "/admin?notice=sessions_ended");
    assert_eq!(paul.get("/home").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(anna.get("/home").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(api_me(&app, &anna_app).await.0, StatusCode::UNAUTHORIZED);
    let (status, page) = olga.page("/admin?notice=sessions_ended").await;
    assert_eq!(status, StatusCode::OK, "the admin's own session goes on");
    let shown = texts(&page, "[role=status]").concat();
    assert!(shown.contains("Every member's sessions and access tokens have ended"), "{shown}");

    paul.log_in("paul@example.org", PASSWORD).await;
    let r = paul.post_form("/admin/sessions/end", &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "members cannot");
    assert_eq!(olga.get("/admin").await.status(), StatusCode::OK);
    app.stop().await;
}
