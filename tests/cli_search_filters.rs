//! `gwr search` with a filter value that names nothing: a one-line message naming the
//! value and what to give instead, exit code 2 (as for a malformed query), no results.

#[path = "common/demo.rs"]
mod demo;

fn search(data: &std::path::Path, query: &str) -> (Option<i32>, String, String) {
    demo::run(data, &["search", query])
}

#[test]
fn unknown_filter_values_are_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    for (query, words) in [
        (
            "发展 region:火星",
            "region:火星 is no region of this corpus",
        ),
        ("year:abc", "year:abc"),
        (
            "就业 year:1990",
            "year:1990: the corpus has reports of 2008–2026 only",
        ),
        (
            "section:没有这样的标题",
            "section:没有这样的标题 is in no section title",
        ),
    ] {
        let (code, stdout, stderr) = search(data.path(), query);
        assert_eq!(code, Some(2), "{query}: {stderr}");
        assert!(stdout.is_empty(), "{query}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{query}: {stderr}");
        assert!(stderr.starts_with("gwr: "), "{query}: {stderr}");
        assert!(stderr.contains(words), "{query}: {stderr}");
    }
    // A known value still answers.
    let (code, stdout, _) = search(data.path(), "发展 region:河北省");
    assert_eq!(code, Some(0));
    assert!(stdout.contains("paragraphs in"), "{stdout}");
}
