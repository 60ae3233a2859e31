//! The `jixiao` command: a thin command line over the library, and its
//! language server (`jixiao lsp`).

mod cli;
mod lsp;

fn main() {
    // SIGINT, SIGTERM and SIGHUP end the process without destructors: the
    // temporary files of the outputs being written are removed first.
    // (An exit status of 130 as shells give for an interrupt.)
    let _ = ctrlc::set_handler(|| {
        jixiao::emit::remove_pending_files();
        std::process::exit(130);
    });
    std::process::exit(cli::run(std::env::args_os()));
}
