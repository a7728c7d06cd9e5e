//! Records are held to the form they claim: `asi validate --form` and `asi seal --form`
//! refuse an item of another form (issue 18), naming the line and the item.

mod common;
use common::asi;

/// A Trivsel & forbrug record that also carries an ASI kort item.
const MIXED: &str = "{\"wellbeing_personal\": 5, \"hash_days\": 2, \"drug_problem_days\": 3}\n";
/// A Trivsel & forbrug record with the alcohol items a clinic may add to it.
const TRIVSEL_ALCOHOL: &str =
    "{\"wellbeing_personal\": 5, \"hash_days\": 2, \"alc_use_days\": 3, \"alc_heavy_days\": 0}\n";
/// A proper Trivsel & forbrug record.
const TRIVSEL: &str = "{\"wellbeing_personal\": 5, \"hash_days\": 2}\n";
/// A proper ASI kort record.
const ASI_KORT: &str = "{\"wellbeing_personal\": 5, \"alc_use_days\": 3}\n";

fn public_key() -> String {
    let (_, public) = asi_envelope::keys::generate();
    format!("--public-key={public}")
}

#[test]
fn validate_with_a_form_refuses_an_item_of_another_form() {
    let (code, out, err) = asi(&["validate", "--form", "trivsel"], MIXED);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        out,
        "linje 1: drug_problem_days: Spørgsmålet hører ikke til skemaet «Trivsel & forbrug» (trivsel).\n"
    );
    assert_eq!(err, "1 af 1 besvarelser er ugyldige.\n");

    let (code, out, _) = asi(
        &["validate", "--form", "asi_kort", "--lang", "en", "-"],
        &format!("{ASI_KORT}\n{MIXED}"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "line 3: hash_days: This question is not part of the form “ASI short form + Wellbeing & use” (asi_kort).\n"
    );
}

#[test]
fn validate_accepts_a_record_as_the_form_it_belongs_to() {
    for (form, record) in [
        ("trivsel", TRIVSEL),
        ("trivsel", TRIVSEL_ALCOHOL),
        ("asi_kort", ASI_KORT),
        (
            "inddragelse",
            "{\"involvement_time\": 3, \"involvement_important\": \"Ro\"}\n",
        ),
    ] {
        let (code, out, err) = asi(&["validate", "--form", form], record);
        assert_eq!(code, 0, "{form}: {out}{err}");
        assert_eq!(out, "Alle 1 besvarelser er gyldige.\n");
    }
    // Without --form, any item of the questionnaire is accepted, as before.
    let (code, out, _) = asi(&["validate"], MIXED);
    assert_eq!(
        (code, out.as_str()),
        (0, "Alle 1 besvarelser er gyldige.\n")
    );
}

#[test]
fn identification_items_need_identified_records() {
    let record = "{\"cpr\": \"010190-1234\", \"name\": \"Jens\", \"wellbeing_close\": 3}\n";
    let (code, out, _) = asi(&["validate", "--form", "trivsel"], record);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "linje 1: cpr: Spørgsmålet hører kun til en identificeret besvarelse (med cpr-nummer og navn).",
            "linje 1: name: Spørgsmålet hører kun til en identificeret besvarelse (med cpr-nummer og navn).",
        ]
    );
    let (code, _, err) = asi(&["validate", "--form", "trivsel", "--identified"], record);
    assert_eq!(code, 0, "{err}");
    // --identified says something only about a form.
    let (code, _, err) = asi(&["validate", "--identified"], record);
    assert_eq!(code, 2);
    assert!(err.contains("--form"), "{err}");

    let pk = public_key();
    let seal = |mode: &str| asi(&["seal", &pk, "--form", "trivsel", "--mode", mode], record);
    let (code, envelopes, err) = seal("anonymous");
    assert_eq!((code, envelopes.as_str()), (1, ""));
    assert!(err.starts_with("linje 1: cpr: Spørgsmålet hører kun til en identificeret"));
    let (code, envelopes, err) = seal("identified");
    assert_eq!(code, 0, "{err}");
    assert_eq!(envelopes.lines().count(), 1);
}

#[test]
fn an_unknown_form_stops_the_command() {
    let (code, out, err) = asi(&["validate", "--form", "trivsle"], TRIVSEL);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "asi: ukendt skema trivsle (kendte: asi_kort, trivsel, inddragelse)\n"
    );
    let (code, out, err) = asi(&["seal", &public_key(), "--form", "trivsle"], TRIVSEL);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "asi: ukendt skema trivsle (kendte: asi_kort, trivsel, inddragelse)\n"
    );
}

#[test]
fn seal_refuses_an_item_of_another_form_and_seals_the_rest() {
    let pk = public_key();
    let (code, envelopes, err) = asi(&["seal", &pk, "--form", "trivsel"], MIXED);
    assert_eq!((code, envelopes.as_str()), (1, ""), "{err}");
    assert_eq!(
        err,
        "linje 1: drug_problem_days: Spørgsmålet hører ikke til skemaet «Trivsel & forbrug» (trivsel).\n"
    );
    let (code, envelopes, err) = asi(
        &["seal", &pk, "--form", "trivsel", "--lang", "en"],
        &format!("{MIXED}{TRIVSEL}"),
    );
    assert_eq!(code, 1);
    assert_eq!(envelopes.lines().count(), 1, "the valid record is sealed");
    assert_eq!(
        err,
        "line 1: drug_problem_days: This question is not part of the form “Wellbeing & use” (trivsel).\n"
    );
    // The same ASI kort items are what an asi_kort response holds.
    let (code, envelopes, err) = asi(&["seal", &pk, "--form", "asi_kort"], ASI_KORT);
    assert_eq!(code, 0, "{err}");
    assert_eq!(envelopes.lines().count(), 1);
    // And the default form is asi_kort: Trivsel & forbrug's consumption items are refused.
    let (code, _, err) = asi(&["seal", &pk], TRIVSEL);
    assert_eq!(code, 1);
    assert!(err.starts_with("linje 1: hash_days: "), "{err}");
}

#[test]
fn the_involvement_form_is_sealed_at_its_timepoints_only() {
    let pk = public_key();
    let record = "{\"involvement_decisions\": 4}\n";
    let (code, envelopes, err) = asi(
        &[
            "seal",
            &pk,
            "--form",
            "inddragelse",
            "--timepoint",
            "discharge",
        ],
        record,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(envelopes.lines().count(), 1);
    // The form is not used at the default timepoint, the self-test.
    let (code, envelopes, err) = asi(&["seal", &pk, "--form", "inddragelse"], record);
    assert_eq!((code, envelopes.as_str()), (2, ""));
    assert_eq!(
        err,
        "asi: skemaet inddragelse bruges ikke ved tidspunktet self_screening (det bruges ved midway, discharge, aftercare, followup_40w, followup_6m)\n"
    );
    // An involvement item does not belong to another form.
    let (code, _, err) = asi(&["seal", &pk, "--form", "trivsel"], record);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "linje 1: involvement_decisions: Spørgsmålet hører ikke til skemaet «Trivsel & forbrug» (trivsel).\n"
    );
}
