#[test]
fn dump() {
    let p = asi_app::prerender::prerender().unwrap();
    std::fs::write("/tmp/pr/frame.html", &p.frame).unwrap();
    for s in &p.screens {
        std::fs::write(format!("/tmp/pr/{}.html", s.key.replace(':', "_").replace('*', "any")), &s.html).unwrap();
    }
}
