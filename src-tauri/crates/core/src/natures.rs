//! The natures of what is reported or complained about: one list for the
//! advisor's register and the complaints register, so that the annual
//! report can set their figures side by side. The advisor can add natures
//! of their own (in advisor.db); these shipped ones keep their code across
//! renames.

/// (code, Dutch, English) of the shipped natures, in their order (their
/// Dutch names as the advisor's register ships them).
pub const NATURES: &[(&str, &str, &str)] = &[
    (
        "sexual_harassment",
        "seksuele intimidatie",
        "sexual harassment",
    ),
    (
        "aggression_violence",
        "agressie en geweld",
        "aggression and violence",
    ),
    ("bullying", "pesten", "bullying"),
    ("discrimination", "discriminatie", "discrimination"),
    (
        "other_undesirable",
        "overige ongewenste omgangsvormen",
        "other undesirable behaviour",
    ),
    (
        "integrity",
        "integriteit / vermoeden van een misstand",
        "integrity / suspected wrongdoing",
    ),
    (
        "workload_conflict",
        "werkdruk / arbeidsconflict / overig",
        "workload / labour conflict / other",
    ),
];

/// Whether `code` is a shipped nature.
pub fn is_nature(code: &str) -> bool {
    NATURES.iter().any(|(c, ..)| *c == code)
}
