//! `vertrouwd-preview PAGES WIDTH`: draws the first PAGES pages of the PDF
//! on standard input as PNG pictures WIDTH pixels wide, under hard limits
//! on memory and CPU (see `vertrouwd_pdf::isolated`). Started by the app
//! for each attachment preview; not meant to be run by hand.

use std::process::ExitCode;

use vertrouwd_pdf::preview::PreviewOptions;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let defaults = PreviewOptions::default();
    let max_pages = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(defaults.max_pages)
        .clamp(1, 50);
    let width_px = args
        .next()
        .and_then(|a| a.parse::<f32>().ok())
        .filter(|w| w.is_finite())
        .unwrap_or(defaults.width_px)
        .clamp(50.0, 3000.0);
    let options = PreviewOptions {
        max_pages,
        width_px,
    };
    // Parsers of untrusted files recurse: a deep file gets a large stack.
    let served = std::thread::Builder::new()
        .stack_size(32 * 1024 * 1024)
        .spawn(move || {
            vertrouwd_pdf::isolated::serve(
                &mut std::io::stdin().lock(),
                &mut std::io::stdout().lock(),
                options,
            )
        })
        .ok()
        .and_then(|t| t.join().ok())
        .unwrap_or(false);
    if served {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
