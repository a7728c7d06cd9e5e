//! The first screens the build writes into index.html (docs/first-screens.md): every screen
//! the boot script can ask for exists and holds what the app's first render of it holds, and
//! nothing in them needs what the app's Content-Security-Policy forbids. That the app's own
//! render of them is the same markup is checked in the browser (e2e/tests/first-screens.spec.ts).

use asi_app::prerender::{PrerenderError, Prerendered, check, page, prerender};
use asi_instrument::instrument;

fn rendered() -> Prerendered {
    prerender().expect("the first screens render")
}

fn screen<'a>(all: &'a Prerendered, key: &str) -> &'a str {
    &all.screens
        .iter()
        .find(|s| s.key == key)
        .unwrap_or_else(|| panic!("no screen {key}"))
        .html
}

#[test]
fn every_way_in_has_its_start_screen_and_every_form_its_first_section() {
    let all = rendered();
    let inst = instrument();
    assert!(screen(&all, "start:self").contains("Anonym selvtest"));
    for timepoint in inst.timepoints.iter().filter(|t| t.id != "self_screening") {
        let t = &timepoint.id;
        assert!(screen(&all, &format!("start:identified:*:{t}")).contains("<h1"));
        for form in inst.forms.iter().filter(|f| inst.form_at(&f.id, t).is_ok()) {
            let f = &form.id;
            let link = screen(&all, &format!("start:link:{f}:{t}"));
            // The link's start screen names its timepoint and offers its form only.
            assert!(link.contains(&*timepoint.title.da), "{f} {t}");
            assert_eq!(link.matches("class=\"form-card\"").count(), 1, "{f} {t}");
            assert!(
                screen(&all, &format!("start:identified:{f}:{t}"))
                    .contains(&format!("data-form=\"{f}\""))
            );
        }
    }
    for form in &inst.forms {
        let first = inst.section_items(&form.sections[0]).next().unwrap();
        let section = screen(&all, &format!("section:{}", form.id));
        assert!(
            section.contains(&format!("id=\"{}\"", first.id)),
            "{}",
            form.id
        );
        assert!(section.contains("Ikke gemt endnu"), "{}", form.id);
        let identified = screen(&all, &format!("section:{}:identified", form.id));
        assert!(identified.contains("id=\"cpr\"") && identified.contains("id=\"completed_on\""));
        let waits = all
            .screens
            .iter()
            .find(|s| s.key == format!("section:{}", form.id))
            .unwrap()
            .waits_for_clinic;
        assert_eq!(waits, !form.optional_sections.is_empty(), "{}", form.id);
    }
}

#[test]
fn the_build_fails_on_what_would_make_its_screens_differ_from_the_apps() {
    // Every screen passed the check, or `prerender()` would have failed.
    let all = rendered();
    assert!(all.screens.iter().all(|s| check(&s.key, &s.html).is_ok()));
    assert!(!all.frame.contains("<script"));
    assert_eq!(
        check(
            "section:x",
            "<progress class=\"progress\" style=\"width:9%\"></progress>"
        ),
        Err(PrerenderError::InlineStyle("section:x".into()))
    );
    assert_eq!(
        check("start:self", "<p class=\"field-error\"> </p>"),
        Err(PrerenderError::EmptyText("start:self".into()))
    );
    assert_eq!(check("start:self", "<p class=\"field-error\"></p>"), Ok(()));
}

#[test]
fn the_page_holds_the_templates_then_the_hidden_frame_with_its_loading_message() {
    let all = rendered();
    let index = "<html><body><div id=\"boot\"></div><script>boot()</script></body></html>";
    let html = page(index, &all).unwrap();
    let boot = html
        .find("<div id=\"boot\" hidden")
        .expect("the frame, hidden");
    assert!(html.rfind("<template data-screen=").unwrap() < boot);
    assert_eq!(
        html.matches("<template data-screen=").count(),
        all.screens.len()
    );
    assert!(
        html[boot..].contains("<p class=\"loading\" role=\"status\">Henter spørgeskemaet …</p>")
    );
    assert!(html.contains("data-failed=\"Skemaet kunne ikke hentes."));
    assert!(html.contains("<noscript>"));
    assert!(html.ends_with("<script>boot()</script></body></html>"));
    // No renderer markers left.
    assert!(!html.contains("<!>") && !html.contains("<!--<() />-->"));
}

#[test]
fn a_page_without_the_empty_boot_element_is_refused() {
    let all = rendered();
    assert_eq!(
        page("<html><body></body></html>", &all),
        Err(PrerenderError::NoBootElement)
    );
}
