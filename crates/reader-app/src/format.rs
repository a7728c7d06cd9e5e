//! Numbers and names as the reader shows them (Danish).

use asi_instrument::Lang;
use asi_instrument::scoring::{self, Domain};
use asi_reader::Measure;

/// A value with `decimals` decimals and a decimal comma; "–" for none.
pub fn decimal(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |v| format!("{v:.decimals$}").replace('.', ","),
    )
}

/// A domain's Danish name.
pub fn domain_name(domain: Domain) -> &'static str {
    scoring::current().domain(domain).name.get(Lang::Da)
}

/// A measure's Danish name.
pub fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Wellbeing => "Generel trivsel",
        Measure::WellbeingPersonal => "Personlig trivsel",
        Measure::WellbeingClose => "Trivsel i nære relationer",
        Measure::WellbeingSocial => "Social trivsel",
        Measure::Domain(d) => domain_name(d),
        Measure::Asi6 => "ASI 6",
        Measure::HashDays => "Dage med hash",
        Measure::OtherDrugDays => "Dage med andre stoffer",
        Measure::AlcoholDays => "Dage med alkohol",
        Measure::HeavyDrinkingDays => "Dage med overforbrug af alkohol",
    }
}

/// A share (0–1) as a whole percentage with a Danish space before the sign ("38 %"); "–"
/// for none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

/// A measure's id for data attributes (`wellbeing`, `economy`, …, `hash_days`).
pub fn measure_id(measure: Measure) -> String {
    serde_json::to_value(measure)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// How a response was given, in Danish.
pub fn mode_name(mode: asi_envelope::Mode) -> &'static str {
    match mode {
        asi_envelope::Mode::Anonymous => "anonym",
        asi_envelope::Mode::Identified => "identificeret",
        asi_envelope::Mode::Link => "link",
    }
}

/// A timepoint's Danish title.
pub fn timepoint_title(id: &str) -> String {
    asi_instrument::instrument()
        .timepoint(id)
        .map_or_else(|| id.to_owned(), |t| t.title.get(Lang::Da).to_owned())
}

/// Yes, no or unknown.
pub fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "ja",
        Some(false) => "nej",
        None => "–",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_decimal_comma() {
        assert_eq!(decimal(Some(0.3456), 2), "0,35");
        assert_eq!(decimal(None, 2), "–");
        assert_eq!(measure_id(Measure::HashDays), "hash_days");
        assert_eq!(measure_name(Measure::Domain(Domain::Drug)), "Stoffer");
        assert_eq!(measure_id(Measure::AlcoholDays), "alcohol_days");
        assert_eq!(percent(Some(2.0 / 3.0)), "67 %");
        assert_eq!(percent(Some(0.0)), "0 %");
        assert_eq!(percent(None), "–");
    }
}
