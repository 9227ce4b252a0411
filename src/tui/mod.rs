//! The terminal user interface.
//!
//! PLACEHOLDER (owned by the TUI work).

/// Runs the TUI on a corpus.
///
/// # Errors
/// When the terminal cannot be used.
pub fn run(
    corpus: &crate::corpus::Corpus,
    data_dir: &std::path::Path,
    mouse: bool,
) -> anyhow::Result<()> {
    let _ = (corpus, data_dir, mouse);
    anyhow::bail!("the TUI is not built yet")
}
