//! Languages and bilingual texts: the product's one mechanism for them lives in `asi-i18n`;
//! the instrument's texts are [`Text`]s read from its data.

pub use asi_i18n::{Lang, Text};
