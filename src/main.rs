/// mimalloc (its v2 line) instead of the system allocator: a full index build spends most
/// of its time in tantivy's term tables and jieba's dictionary trie, both allocation-heavy
/// and scattered over memory, and runs about a tenth faster on it (alternating
/// `gwr index --rebuild` of the bench corpus, 2026-11-28: 18.8 s against 21.6 s on
/// average), for about 10 MB more while searching (137 MB against 128 MB).
///
/// Measured and dropped: mimalloc's v3 line (as fast, 166 to 176 MB while searching);
/// jemalloc (`tikv-jemallocator`, with and without `thp:always`: no faster than the
/// system allocator); 2 MiB pages for mimalloc (`allow_large_os_pages`: within the
/// noise); `MIMALLOC_PURGE_DELAY=1000` (0.5 s of wall time at best, and setting it from
/// the program takes an unsafe call, which the crate forbids).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gwr::cli::main()
}
