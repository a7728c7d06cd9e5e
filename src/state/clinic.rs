//! What the app knows of the clinic responses go to.

use asi_protocol::ClinicSettings;

/// A clinic's public settings, as the inbox serves them (`docs/sync-api.md`); the type is
/// the inbox's own ([`asi_protocol::ClinicSettings`]). Settings kept from an older inbox lack
/// the later fields; they then take the defaults.
pub type Clinic = ClinicSettings;

/// What the app knows of the clinic. Set by [`crate::clinic`].
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "one value for the whole page")]
pub enum ClinicState {
    /// No clinic in the address: a self-test that sends nothing.
    None,
    /// Fetching the settings (none kept on the device yet).
    Loading,
    /// Known, from the inbox or kept from an earlier visit.
    Ready(Clinic),
    /// The inbox does not know this clinic.
    Unknown,
    /// Never fetched, and the inbox cannot be reached now.
    Unreachable,
    /// The inbox served settings that fail the checks of [`crate::clinic::parse`].
    BadSettings,
}

impl ClinicState {
    /// The clinic's name, once its settings are known.
    pub fn name(&self) -> Option<&str> {
        match self {
            ClinicState::Ready(c) => Some(&c.name),
            _ => None,
        }
    }
}
