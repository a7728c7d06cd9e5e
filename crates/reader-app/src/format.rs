//! Numbers and names as the reader shows them.

use asi_instrument::scoring::{self, Domain};
use asi_reader::Measure;

use crate::texts::{LANG, names, tr};

/// A value with `decimals` decimals and a decimal comma; "–" for none.
pub fn decimal(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |v| format!("{v:.decimals$}").replace('.', ","),
    )
}

/// A domain's name (from the scoring specification).
pub fn domain_name(domain: Domain) -> &'static str {
    scoring::current().domain(domain).name.get(LANG)
}

/// A measure's name.
pub fn measure_name(measure: Measure) -> String {
    let text = match measure {
        Measure::Domain(d) => return domain_name(d).to_owned(),
        Measure::Wellbeing => names::WELLBEING,
        Measure::WellbeingPersonal => names::WELLBEING_PERSONAL,
        Measure::WellbeingClose => names::WELLBEING_CLOSE,
        Measure::WellbeingSocial => names::WELLBEING_SOCIAL,
        Measure::Asi6 => names::ASI6,
        Measure::HashDays => names::HASH_DAYS,
        Measure::OtherDrugDays => names::OTHER_DRUG_DAYS,
        Measure::AlcoholDays => names::ALCOHOL_DAYS,
        Measure::HeavyDrinkingDays => names::HEAVY_DRINKING_DAYS,
    };
    tr(text)
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

/// How a response was given.
pub fn mode_name(mode: asi_instrument::Mode) -> String {
    tr(match mode {
        asi_instrument::Mode::Anonymous => names::ANONYMOUS,
        asi_instrument::Mode::Identified => names::IDENTIFIED,
        asi_instrument::Mode::Link => names::LINK,
    })
}

/// A timepoint's title (from the instrument data).
pub fn timepoint_title(id: &str) -> String {
    asi_instrument::instrument()
        .timepoint(id)
        .map_or_else(|| id.to_owned(), |t| t.title.get(LANG).to_owned())
}

/// Yes, no or unknown ("–").
pub fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => tr(names::YES),
        Some(false) => tr(names::NO),
        None => "–".to_owned(),
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
