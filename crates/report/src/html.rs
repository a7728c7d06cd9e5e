pub fn html(_r: &crate::Report) -> String { String::new() }
