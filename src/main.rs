fn main() -> std::process::ExitCode {
    gwr::cli::main()
}
