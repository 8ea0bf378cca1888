//! Packs the four DejaVu faces (2.7 MB) with deflate before they are
//! embedded in the binary: half the size, inflated once when the first PDF
//! is made (`fonts.rs`).

use std::path::PathBuf;

const FACES: [&str; 4] = [
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for face in FACES {
        let source = format!("fonts/{face}");
        println!("cargo:rerun-if-changed={source}");
        let raw = std::fs::read(&source).expect("the shipped font");
        let packed = miniz_oxide::deflate::compress_to_vec(&raw, 10);
        std::fs::write(out.join(format!("{face}.deflate")), packed).expect("write to OUT_DIR");
    }
}
