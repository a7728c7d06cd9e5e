//! The messages shown with the items on screen.

use asi_instrument::validate::ErrorKind;

/// Why an item shows a message.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// The value typed was refused.
    Invalid(ErrorKind),
    /// The item is neither answered nor declined and the citizen tried to go on.
    Missing,
}

/// The messages of the items on screen, by item id. A short list rather than a map: there
/// are a handful at a time, and the app carries no map code for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, FieldError)>);

impl FieldErrors {
    /// The message of `item`, if it has one.
    pub fn get(&self, item: &str) -> Option<&FieldError> {
        self.0.iter().find(|(id, _)| id == item).map(|(_, e)| e)
    }

    /// Whether `item`'s value was refused.
    pub fn is_invalid(&self, item: &str) -> bool {
        matches!(self.get(item), Some(FieldError::Invalid(_)))
    }

    /// Sets (or, with `None`, clears) the message of `item`.
    pub fn set(&mut self, item: &str, error: Option<FieldError>) {
        self.0.retain(|(id, _)| id != item);
        if let Some(error) = error {
            self.0.push((item.to_owned(), error));
        }
    }

    /// Clears every message.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}
