fn main() {
    std::process::exit(jixiao::cli::run(std::env::args_os()));
}
