/// mimalloc (its v2 line) instead of the system allocator: a full index build spends most
/// of its time in tantivy's term tables and jieba's dictionary trie, and runs about a tenth
/// faster on it (README, "Benchmarks"), for about 10 MB more memory while searching.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gwr::cli::main()
}
