//! One module per screen: start, a section of the form, review, result (with sending).

pub mod result;
pub mod review;
pub mod section;
pub mod send;
pub mod start;
