//! Renders the specimen document: `cargo run -p vertrouwd-pdf --example specimen -- out.pdf`.

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "specimen.pdf".into());
    let created = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let r = vertrouwd_pdf::render(&vertrouwd_pdf::specimen::specimen(created));
    if let Err(e) = std::fs::write(&out, &r.bytes) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("{out}: {} pages, warnings: {:?}", r.pages, r.warnings);
}
