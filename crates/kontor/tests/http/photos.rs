//! Profile photos: upload, who sees them, and what is refused.

use crate::app::Answered;
use crate::app::{Browser, TestApp, attrs, message, texts};
use crate::on_both;
use image::ImageEncoder;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

on_both!(
    photos_are_shown_to_whom_they_should,
    bad_images_get_clear_errors,
    costly_images_are_refused_unread_and_uploads_are_limited,
    the_header_shows_a_new_photo_at_once_and_the_site_has_an_icon
);

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, 120, (y % 256) as u8]));
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

async fn try_upload(b: &Browser, bytes: Vec<u8>, csrf: Option<String>) -> reqwest::Result<reqwest::Response> {
    let token = match csrf {
        Some(token) => token,
        None => b.csrf().await,
    };
    let part = Part::bytes(bytes).file_name("me.png").mime_str("image/png").unwrap();
    let form = Form::new().text("csrf", token).part("photo", part);
    b.client.post(format!("{}/profile/photo", b.base)).multipart(form).send().await
}

async fn upload(b: &Browser, bytes: Vec<u8>, csrf: Option<String>) -> reqwest::Response {
    try_upload(b, bytes, csrf).await.unwrap()
}

/// The first photo in the page's main part (the header shows the reader's own).
fn photo_url(page: &str) -> Option<String> {
    attrs(page, "#main img[src^='/media/photos/']", "src").into_iter().next()
}

/// What the photo card says went wrong with an upload.
fn photo_error(page: &str) -> String {
    texts(page, ".photo-card .field-error").concat()
}

async fn photos_are_shown_to_whom_they_should(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let id = app.id_of(&anna).await;
    let r = upload(&anna, png(300, 200), None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, edit) = anna.page("/profile/edit").await;
    assert!(photo_url(&edit).is_some(), "the edit page shows the photo");
    assert_eq!(texts(&edit, "form[action='/profile/photo/delete'] button"), ["Remove photo"]);
    let (_, own) = anna.page(&format!("/members/{id}")).await;
    let url = photo_url(&own).expect("the profile shows the photo");
    let r = anna.get(&url).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let jpeg = r.bytes().await.unwrap();
    let img = image::load_from_memory(&jpeg).unwrap();
    assert_eq!(img.width(), img.height(), "square");

    // Members see photos by default; the public does not.
    let bernd = app.member("Bernd Kraus", "bernd@example.org").await;
    let (_, seen) = bernd.page(&format!("/members/{id}")).await;
    assert_eq!(photo_url(&seen).as_deref(), Some(url.as_str()));
    assert_eq!(bernd.get(&url).await.status(), StatusCode::OK);
    assert_eq!(app.browser().get(&url).await.status(), StatusCode::NOT_FOUND);

    // Narrowing the photo to contacts hides it from Bernd at once, the file included.
    let r = anna.post_form("/profile/edit", &[("name", "Anna Berg"), ("vis_photo", "contacts")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, seen) = bernd.page(&format!("/members/{id}")).await;
    assert!(photo_url(&seen).is_none());
    assert_eq!(bernd.get(&url).await.status(), StatusCode::NOT_FOUND);

    // Removing it removes the file for Anna too.
    anna.post_form("/profile/photo/delete", &[]).await.see_other();
    assert_eq!(anna.get(&url).await.status(), StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn bad_images_get_clear_errors(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let r = upload(&anna, b"GIF89a not really".to_vec(), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(photo_error(&r.text().await.unwrap()), "Please choose a JPEG, PNG or WebP image.");

    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let r = upload(&anna, bomb, None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = photo_error(&r.text().await.unwrap());
    assert!(error.contains("too many pixels") || error.contains("could not be read"), "a clear error: {error}");

    let r = upload(&anna, png(10, 10), Some("forged".into())).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, edit) = anna.page("/profile/edit").await;
    assert!(photo_url(&edit).is_none(), "nothing was stored");
    // Last, as the server may close this connection early.
    // The server answers 413 as soon as it knows; it may close the connection while the
    // client is still sending, which the client sees as a broken pipe.
    match try_upload(&anna, vec![0u8; 9 * 1024 * 1024], None).await {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request() && !e.is_timeout(), "refused while sending: {e}"),
    }
    app.stop().await;
}

/// An image small as a file and huge inside is refused from its header, and a member
/// can upload only so many photos per hour.
async fn costly_images_are_refused_unread_and_uploads_are_limited(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let mut plain = Vec::new();
    let img = image::RgbImage::from_pixel(7_999, 7_999, image::Rgb([200, 200, 200]));
    image::codecs::png::PngEncoder::new(&mut plain)
        .write_image(img.as_raw(), 7_999, 7_999, image::ExtendedColorType::Rgb8)
        .unwrap();
    let r = upload(&anna, plain, None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error = photo_error(&r.text().await.unwrap());
    assert!(error.contains("too many pixels"), "{error}");

    for i in 1..30 {
        assert_eq!(upload(&anna, png(40, 40), None).await.status(), StatusCode::SEE_OTHER, "upload {i}");
    }
    let r = upload(&anna, png(40, 40), None).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "30 uploads per hour, the refused one counted");
    let said = message(&r.text().await.unwrap());
    assert!(said.contains("try again in"), "{said}");
    app.clock.advance(time::Duration::hours(1));
    assert_eq!(upload(&anna, png(40, 40), None).await.status(), StatusCode::SEE_OTHER);
    app.stop().await;
}

async fn the_header_shows_a_new_photo_at_once_and_the_site_has_an_icon(app: TestApp) {
    let anna = app.member("Anna Berg", "anna@example.org").await;
    let id = app.id_of(&anna).await;
    let avatar = |html: &str| -> Option<String> {
        let selector = scraper::Selector::parse(".menu summary img.avatar").unwrap();
        let page = scraper::Html::parse_document(html);
        page.select(&selector).next().and_then(|img| img.value().attr("src")).map(str::to_owned)
    };
    let (_, home) = anna.page("/home").await;
    assert_eq!(avatar(&home), None, "initials before a photo");
    assert_eq!(upload(&anna, png(300, 200), None).await.status(), StatusCode::SEE_OTHER);
    let (_, home) = anna.page("/home").await;
    let first = avatar(&home).expect("the photo in the header");
    assert!(first.starts_with(&format!("/media/photos/{id}/")), "{first}");
    assert_eq!(anna.get(&first).await.status(), StatusCode::OK);
    assert_eq!(upload(&anna, png(320, 240), None).await.status(), StatusCode::SEE_OTHER);
    let (_, home) = anna.page("/home").await;
    assert_ne!(avatar(&home).as_deref(), Some(first.as_str()), "a new photo, a new address, at once");

    assert_eq!(attrs(&home, "link[rel=icon]", "href"), ["/static/icon.svg"]);
    let r = anna.get("/static/icon.svg").await;
    assert_eq!(
        (r.status(), r.headers()["content-type"].to_str().unwrap().to_owned()),
        (StatusCode::OK, "image/svg+xml".into())
    );
    let manifest: serde_json::Value = anna.get("/static/manifest.json").await.json().await.unwrap();
    assert_eq!(manifest["icons"][0]["src"], "/static/icon.svg");
    // A phone's home screen (iOS asks for a PNG of its own) gets a picture of the size it wants.
    assert_eq!(attrs(&home, "link[rel=apple-touch-icon]", "href"), ["/static/icon-180.png"]);
    let mut pngs = vec!["/static/icon-180.png".to_owned()];
    pngs.extend(
        manifest["icons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["type"] == "image/png")
            .map(|i| i["src"].as_str().unwrap().to_owned()),
    );
    assert_eq!(pngs.len(), 3, "{manifest}");
    for src in pngs {
        let r = anna.get(&src).await;
        assert_eq!(
            (r.status(), r.headers()["content-type"].to_str().unwrap().to_owned()),
            (StatusCode::OK, "image/png".into())
        );
        let picture = image::load_from_memory(&r.bytes().await.unwrap()).expect("a PNG");
        let size = src.trim_start_matches("/static/icon-").trim_end_matches(".png").parse::<u32>().unwrap();
        assert_eq!((picture.width(), picture.height()), (size, size), "{src}");
    }
    app.stop().await;
}
