//! The command line's arguments, read by hand. The tables here (the
//! commands, their options and arguments) are the one description of the
//! command line: the parser reads them, and `command.rs` turns them into a
//! clap `Command` for shell completions and the man page only.
//!
//! Adding a command: a [`Sub`] variant (its name, options and arguments
//! here), its [`Command`] and the check in `Parser::finish`, its help in
//! `messages`, its file in `cli/`, and one arm in `cli::run`.
//!
//! What is accepted, as clap accepted it before:
//! - `jixiao [GLOBAL...] COMMAND [ARG | OPTION]...`: options and arguments in
//!   any order after the command; before it only the options every command
//!   takes (`--lang`, `--color`, `--message-format`, `--encoding`);
//!   `-h`/`--help` and `-V`/`--version` anywhere before `--` (the first
//!   one wins, and the rest of the line is not read);
//! - `--opt value` and `--opt=value`; `-o value`, `-ovalue` and `-o=value`;
//!   a value is never taken from a word starting with `-` (except `-` itself,
//!   standard output), nor empty: write `--output=-x` for a file named `-x`;
//! - `--` ends the options: every later word is an argument;
//! - an option given twice in one place is refused; an option every command
//!   takes may be given before the command and again after it (the later
//!   wins);
//! - paths (files to check, build or format, `-o`) are taken as the system
//!   gives them, UTF-8 or not; `diff`'s arguments and `explain`'s code must be
//!   text.
//!
//! Every problem is a [`UsageError`]; `messages` words it.

use jixiao::diag::Lang;
use jixiao::source::Encoding;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The parsed command line.
#[derive(Debug)]
pub(super) struct Cli {
    pub command: Command,
    /// `-q`: diagnostics and errors only, no summary or progress lines.
    pub quiet: bool,
    pub color: ColorArg,
    pub message_format: MessageFormat,
    /// `None`: from the locale.
    pub lang: Option<Lang>,
    pub encoding: Encoding,
}

#[derive(Debug)]
pub(super) enum Command {
    Check {
        /// `-` (at most once) is standard input.
        files: Vec<PathBuf>,
        deny_warnings: bool,
        jobs: Option<usize>,
        watch: Option<Watch>,
        /// The name standard input goes by in messages.
        stdin_filename: Option<String>,
    },
    Build {
        files: Vec<PathBuf>,
        format: Option<Format>,
        output: PathBuf,
        deny_warnings: bool,
        jobs: Option<usize>,
        watch: Option<Watch>,
    },
    Fmt {
        files: Vec<PathBuf>,
        check: bool,
        keywords: Option<KeywordsArg>,
    },
    Diff {
        args: Vec<String>,
        format: DiffFormat,
        output: Option<PathBuf>,
    },
    Explain {
        code: String,
    },
    Import {
        file: PathBuf,
        output: Option<PathBuf>,
    },
    Report {
        /// Sheets and folders of sheets.
        inputs: Vec<PathBuf>,
        output: PathBuf,
        /// Last year's sheets, to find loosened targets.
        previous: Option<PathBuf>,
        jobs: Option<usize>,
    },
    Completions {
        shell: Shell,
    },
    /// The page of the tool, or of one command.
    Man {
        sub: Option<Sub>,
    },
    /// The language server on standard input and output.
    Lsp,
}

/// `--watch`: run again whenever an input is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Watch {
    /// `--poll`: look at the files twice a second instead of asking the
    /// system to tell (network shares).
    pub poll: bool,
}

/// What the command line asks for.
#[derive(Debug)]
pub(super) enum Parsed {
    Run(Cli),
    /// Show the help of the tool (`None`) or of one command.
    Help(Option<Sub>),
    Version,
}

/// The commands, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sub {
    Check,
    Build,
    Fmt,
    Diff,
    Import,
    Explain,
    Report,
    Completions,
    Man,
    Lsp,
    Help,
}

impl Sub {
    pub(super) const ALL: [Sub; 11] = [
        Sub::Check,
        Sub::Build,
        Sub::Fmt,
        Sub::Diff,
        Sub::Import,
        Sub::Explain,
        Sub::Report,
        Sub::Completions,
        Sub::Man,
        Sub::Lsp,
        Sub::Help,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Sub::Check => "check",
            Sub::Build => "build",
            Sub::Fmt => "fmt",
            Sub::Diff => "diff",
            Sub::Import => "import",
            Sub::Explain => "explain",
            Sub::Report => "report",
            Sub::Completions => "completions",
            Sub::Man => "man",
            Sub::Lsp => "lsp",
            Sub::Help => "help",
        }
    }

    fn from_name(name: &str) -> Option<Sub> {
        Sub::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The options of this command, besides the global ones and help.
    pub(super) fn options(self) -> &'static [Spec] {
        match self {
            Sub::Check => CHECK,
            Sub::Build => BUILD,
            Sub::Fmt => FMT,
            Sub::Diff => DIFF,
            Sub::Import => IMPORT,
            Sub::Report => REPORT,
            Sub::Lsp => LSP,
            Sub::Explain | Sub::Completions | Sub::Man | Sub::Help => &[],
        }
    }

    /// The arguments of this command, in order.
    pub(super) fn arguments(self) -> &'static [Arg] {
        const FILES: &[Arg] = &[Arg::many("FILE", Hint::File)];
        const OLD_NEW: &[Arg] = &[Arg::one("OLD", Hint::File), Arg::one("NEW", Hint::File)];
        const FILE: &[Arg] = &[Arg::one("FILE", Hint::File)];
        const CODE: &[Arg] = &[Arg::one("CODE", Hint::Text)];
        const INPUTS: &[Arg] = &[Arg::many("DIR|FILE", Hint::Path)];
        const SHELL: &[Arg] = &[Arg::one("SHELL", Hint::Shell)];
        const COMMAND: &[Arg] = &[Arg {
            name: "COMMAND",
            many: false,
            required: false,
            hint: Hint::Command,
        }];
        match self {
            Sub::Check | Sub::Build | Sub::Fmt => FILES,
            Sub::Diff => OLD_NEW,
            Sub::Import => FILE,
            Sub::Explain => CODE,
            Sub::Report => INPUTS,
            Sub::Completions => SHELL,
            Sub::Help | Sub::Man => COMMAND,
            Sub::Lsp => &[],
        }
    }
}

/// A command's argument, as help, completions and the man page show it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Arg {
    pub name: &'static str,
    pub many: bool,
    pub required: bool,
    pub hint: Hint,
}

impl Arg {
    const fn one(name: &'static str, hint: Hint) -> Arg {
        Arg {
            name,
            many: false,
            required: true,
            hint,
        }
    }
    const fn many(name: &'static str, hint: Hint) -> Arg {
        Arg {
            name,
            many: true,
            required: true,
            hint,
        }
    }
}

/// What a value is, for completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hint {
    File,
    /// A file or a folder.
    Path,
    Text,
    Number,
    Shell,
    Command,
}

const DENY_WARNINGS: Spec = Spec::flag("deny-warnings", Key::DenyWarnings);
const OUTPUT: Spec = Spec {
    long: "output",
    short: Some('o'),
    key: Key::Output,
    takes_value: true,
};
const FORMAT: Spec = Spec::value("format", Key::Format);
const JOBS: Spec = Spec {
    long: "jobs",
    short: Some('j'),
    key: Key::Jobs,
    takes_value: true,
};
const WATCH: Spec = Spec::flag("watch", Key::Watch);
const POLL: Spec = Spec::flag("poll", Key::Poll);
const CHECK: &[Spec] = &[
    DENY_WARNINGS,
    JOBS,
    WATCH,
    POLL,
    Spec::value("stdin-filename", Key::StdinFilename),
];
const BUILD: &[Spec] = &[FORMAT, OUTPUT, DENY_WARNINGS, JOBS, WATCH, POLL];
/// `--stdio`: what the server speaks anyway; some clients add it.
const LSP: &[Spec] = &[Spec::flag("stdio", Key::Stdio)];
const REPORT: &[Spec] = &[OUTPUT, Spec::value("previous", Key::Previous), JOBS];
const FMT: &[Spec] = &[
    Spec::flag("check", Key::Check),
    Spec::value("keywords", Key::Keywords),
];
const DIFF: &[Spec] = &[FORMAT, OUTPUT];
const IMPORT: &[Spec] = &[OUTPUT];

/// Which setting an option is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Key {
    Quiet,
    Stdio,
    Jobs,
    Watch,
    Poll,
    StdinFilename,
    Previous,
    Color,
    MessageFormat,
    Lang,
    Encoding,
    DenyWarnings,
    Format,
    Output,
    Check,
    Keywords,
    Help,
    Version,
}

/// One option: `--long`, maybe `-s`, with or without a value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spec {
    pub long: &'static str,
    pub short: Option<char>,
    pub key: Key,
    pub takes_value: bool,
}

impl Spec {
    const fn flag(long: &'static str, key: Key) -> Spec {
        Spec {
            long,
            short: None,
            key,
            takes_value: false,
        }
    }
    const fn value(long: &'static str, key: Key) -> Spec {
        Spec {
            long,
            short: None,
            key,
            takes_value: true,
        }
    }
}

/// Options every command takes, before or after the command's name.
pub(super) const GLOBAL: &[Spec] = &[
    Spec {
        long: "quiet",
        short: Some('q'),
        key: Key::Quiet,
        takes_value: false,
    },
    Spec::value("color", Key::Color),
    Spec::value("message-format", Key::MessageFormat),
    Spec::value("lang", Key::Lang),
    Spec::value("encoding", Key::Encoding),
];

/// Help and version, taken everywhere before `--`.
pub(super) const ALWAYS: &[Spec] = &[
    Spec {
        long: "help",
        short: Some('h'),
        key: Key::Help,
        takes_value: false,
    },
    Spec {
        long: "version",
        short: Some('V'),
        key: Key::Version,
        takes_value: false,
    },
];

/// The options taken where `sub` is the command so far.
fn specs(sub: Option<Sub>) -> impl Iterator<Item = &'static Spec> {
    GLOBAL
        .iter()
        .chain(ALWAYS)
        .chain(sub.map_or(&[][..], Sub::options))
}

/// The values an option takes where `sub` is the command (listed when the
/// value is missing or wrong, and offered by completion).
pub(super) fn possible(sub: Option<Sub>, key: Key) -> Vec<&'static str> {
    match key {
        Key::Color => ColorArg::shown(),
        Key::MessageFormat => MessageFormat::shown(),
        Key::Lang => Lang::shown(),
        Key::Encoding => Encoding::shown(),
        Key::Keywords => KeywordsArg::shown(),
        Key::Format if sub == Some(Sub::Diff) => DiffFormat::shown(),
        Key::Format => Format::shown(),
        _ => Vec::new(),
    }
}

/// The `--long` names of the options a command takes (for its help, and the
/// test that keeps help and parser together).
#[cfg(test)]
fn long_names(sub: Option<Sub>) -> Vec<&'static str> {
    specs(sub).map(|s| s.long).collect()
}

/// A value an option takes from a fixed list.
pub(super) trait Choice: Copy + Sized + 'static {
    /// Every accepted spelling; the first `SHOWN` are the ones listed.
    const NAMES: &'static [(&'static str, Self)];
    const SHOWN: usize = Self::NAMES.len();

    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
    fn shown() -> Vec<&'static str> {
        Self::NAMES[..Self::SHOWN].iter().map(|(n, _)| *n).collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColorArg {
    Auto,
    Always,
    Never,
}

impl Choice for ColorArg {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("auto", ColorArg::Auto),
        ("always", ColorArg::Always),
        ("never", ColorArg::Never),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MessageFormat {
    Human,
    Short,
    Json,
}

impl Choice for MessageFormat {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("human", MessageFormat::Human),
        ("short", MessageFormat::Short),
        ("json", MessageFormat::Json),
    ];
}

impl Choice for Lang {
    const NAMES: &'static [(&'static str, Self)] = &[("zh", Lang::Zh), ("en", Lang::En)];
}

impl Choice for Encoding {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("utf-8", Encoding::Utf8),
        ("gb18030", Encoding::Gb18030),
        ("utf8", Encoding::Utf8),
        ("gbk", Encoding::Gb18030),
    ];
    const SHOWN: usize = 2;
}

/// `completions SHELL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl Choice for Shell {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("bash", Shell::Bash),
        ("zsh", Shell::Zsh),
        ("fish", Shell::Fish),
        ("powershell", Shell::Powershell),
        ("elvish", Shell::Elvish),
    ];
}

/// `build --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Json,
    Html,
    Docx,
    /// The workbook for the 一体化 system's import.
    Xlsx,
}

impl Choice for Format {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("json", Format::Json),
        ("html", Format::Html),
        ("docx", Format::Docx),
        ("xlsx", Format::Xlsx),
    ];
}

impl Format {
    pub(super) const ALL: [Format; 4] = [Format::Json, Format::Html, Format::Docx, Format::Xlsx];
    pub(super) fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    /// A zip archive, refused on standard output.
    pub(super) fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
    }
}

/// `diff --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DiffFormat {
    Text,
    Json,
    Html,
}

impl Choice for DiffFormat {
    const NAMES: &'static [(&'static str, Self)] = &[
        ("text", DiffFormat::Text),
        ("json", DiffFormat::Json),
        ("html", DiffFormat::Html),
    ];
}

/// `fmt --keywords`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeywordsArg {
    En,
    Zh,
}

impl Choice for KeywordsArg {
    const NAMES: &'static [(&'static str, Self)] =
        &[("en", KeywordsArg::En), ("zh", KeywordsArg::Zh)];
}

/// A command line that cannot be run; `sub` is the command it was for, if
/// known, so that the message can point at that command's help.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct UsageError {
    pub sub: Option<Sub>,
    pub kind: ErrorKind,
}

/// Words from the command line are shown as written (lossily, when they are
/// not UTF-8); option names as the user spelt them (`-o` or `--output`).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ErrorKind {
    NoCommand,
    UnknownCommand {
        name: String,
        suggestion: Option<&'static str>,
    },
    UnknownOption {
        option: String,
        /// A close option this command takes.
        suggestion: Option<String>,
        /// Other commands that take this option.
        owners: Vec<Sub>,
    },
    MissingValue {
        option: String,
        possible: Vec<&'static str>,
    },
    InvalidValue {
        option: String,
        value: String,
        possible: Vec<&'static str>,
    },
    /// A value given to an option that takes none (`--check=yes`).
    UnexpectedValue {
        option: String,
        value: String,
    },
    Repeated {
        option: String,
    },
    /// A required argument is missing.
    MissingArgument {
        what: Missing,
    },
    /// A required option (`build` without `-o`).
    MissingOption {
        option: &'static str,
    },
    UnexpectedArgument {
        arg: String,
    },
    NotUtf8 {
        arg: String,
    },
}

/// The arguments a command cannot do without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Missing {
    /// `FILE...` of check, build, fmt.
    Files,
    /// `OLD NEW` of diff.
    OldNew,
    /// `CODE` of explain.
    Code,
    /// `FILE` of import.
    File,
    /// `DIR|FILE...` of report.
    Inputs,
    /// `SHELL` of completions.
    Shell,
}

/// The language asked for with `--lang`, looked for before parsing so that
/// usage errors and help follow it wherever it stands (a valid value only;
/// the last one wins; nothing after `--` counts).
pub(super) fn lang_hint(args: &[OsString]) -> Option<Lang> {
    let mut lang = None;
    let mut words = args.iter().map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word {
            Some("--") => break,
            Some("--lang") => words.next().flatten(),
            Some(w) => w.strip_prefix("--lang="),
            None => None,
        };
        if let Some(l) = value.and_then(Lang::from_name) {
            lang = Some(l);
        }
    }
    lang
}

/// Parse the arguments after the program's name.
pub(super) fn parse(args: Vec<OsString>) -> Result<Parsed, UsageError> {
    let mut parser = Parser::default();
    match parser.run(args)? {
        Some(early) => Ok(early),
        None => parser.finish(),
    }
}

#[derive(Default)]
struct Parser {
    sub: Option<Sub>,
    color: Option<ColorArg>,
    message_format: Option<MessageFormat>,
    lang: Option<Lang>,
    encoding: Option<Encoding>,
    quiet: bool,
    deny_warnings: bool,
    watch: bool,
    poll: bool,
    jobs: Option<usize>,
    stdin_filename: Option<String>,
    previous: Option<OsString>,
    check: bool,
    keywords: Option<KeywordsArg>,
    build_format: Option<Format>,
    diff_format: Option<DiffFormat>,
    output: Option<OsString>,
    positionals: Vec<OsString>,
    /// Options given so far in this part of the line (before the command,
    /// or after it).
    seen: Vec<Key>,
}

type Words = std::iter::Peekable<std::vec::IntoIter<OsString>>;

impl Parser {
    fn error(&self, kind: ErrorKind) -> UsageError {
        UsageError {
            sub: self.sub,
            kind,
        }
    }

    /// Read every word; `Some` when help or the version was asked for.
    fn run(&mut self, args: Vec<OsString>) -> Result<Option<Parsed>, UsageError> {
        let mut words: Words = args.into_iter().peekable();
        while let Some(word) = words.next() {
            let text = word.to_string_lossy().into_owned();
            let early = if text == "--" {
                if self.sub.is_none() {
                    return Err(self.error(ErrorKind::UnexpectedArgument { arg: text }));
                }
                self.positionals.extend(words.by_ref());
                None
            } else if let Some(long) = text.strip_prefix("--") {
                let (name, value_at) = match long.find('=') {
                    Some(i) => (&long[..i], Some(2 + i + 1)),
                    None => (long, None),
                };
                let spec = specs(self.sub).find(|s| s.long == name);
                let spec = spec.ok_or_else(|| self.unknown_option(&text))?;
                let inline = value_at.map(|at| tail(&word, at, &text)).transpose();
                self.option(spec, &text[..2 + name.len()], inline?, &mut words)?
            } else if text.len() > 1 && text.starts_with('-') {
                // `-h`, `-V`, `-o` alone, or `-oVALUE` / `-o=VALUE`.
                let c = text[1..].chars().next().unwrap_or('-');
                let spelt = &text[..1 + c.len_utf8()];
                let spec = specs(self.sub).find(|s| s.short == Some(c));
                let spec = match spec {
                    Some(s) if s.takes_value || text.len() == spelt.len() => s,
                    _ => return Err(self.unknown_option(&text)),
                };
                let inline = if text.len() > spelt.len() {
                    let at = spelt.len() + usize::from(text[spelt.len()..].starts_with('='));
                    Some(tail(&word, at, &text))
                } else {
                    None
                };
                self.option(spec, spelt, inline.transpose()?, &mut words)?
            } else if self.sub.is_none() {
                let sub = Sub::from_name(&text).ok_or_else(|| {
                    self.error(ErrorKind::UnknownCommand {
                        suggestion: closest(&text, Sub::ALL.map(Sub::name)),
                        name: text.clone(),
                    })
                })?;
                self.sub = Some(sub);
                self.seen.clear();
                None
            } else {
                self.positionals.push(word);
                None
            };
            if early.is_some() {
                return Ok(early);
            }
        }
        Ok(None)
    }

    /// An option this command does not take, with a close one it takes
    /// (`--formt`, `-format`: `--format`) and the commands that take it.
    fn unknown_option(&self, word: &str) -> UsageError {
        let shown = word.split('=').next().unwrap_or(word);
        let long = shown.starts_with("--");
        let name = shown.trim_start_matches('-');
        let short = name.chars().next().filter(|_| !long);
        let suggestion = closest(name, specs(self.sub).map(|s| s.long)).map(|s| format!("--{s}"));
        let owners = Sub::ALL
            .into_iter()
            .filter(|s| Some(*s) != self.sub)
            .filter(|s| {
                s.options().iter().any(|o| {
                    if long {
                        o.long == name
                    } else {
                        o.short == short
                    }
                })
            })
            .collect();
        self.error(ErrorKind::UnknownOption {
            option: shown.to_string(),
            suggestion,
            owners,
        })
    }

    /// One option, spelt `spelt`, with the value written after `=` (or
    /// glued to a short option), if any; a value it needs otherwise comes
    /// from the next word.
    fn option(
        &mut self,
        spec: &Spec,
        spelt: &str,
        inline: Option<OsString>,
        words: &mut Words,
    ) -> Result<Option<Parsed>, UsageError> {
        if !spec.takes_value {
            if let Some(v) = inline {
                return Err(self.error(ErrorKind::UnexpectedValue {
                    option: spelt.to_string(),
                    value: v.to_string_lossy().into_owned(),
                }));
            }
        }
        match spec.key {
            Key::Help => return Ok(Some(Parsed::Help(self.sub))),
            Key::Version => return Ok(Some(Parsed::Version)),
            _ => {}
        }
        if self.seen.contains(&spec.key) {
            return Err(self.error(ErrorKind::Repeated {
                option: spelt.to_string(),
            }));
        }
        self.seen.push(spec.key);
        if !spec.takes_value {
            match spec.key {
                Key::Quiet => self.quiet = true,
                Key::Stdio => {}
                Key::Watch => self.watch = true,
                Key::Poll => self.poll = true,
                Key::DenyWarnings => self.deny_warnings = true,
                Key::Check => self.check = true,
                _ => unreachable!("{:?} takes a value", spec.key),
            }
            return Ok(None);
        }
        let value = match inline {
            Some(v) => Some(v),
            // `-` is a value (standard output); other words starting with
            // `-` are options, left for the loop to read.
            None => words.next_if(|w| {
                let t = w.to_string_lossy();
                !t.starts_with('-') || t == "-"
            }),
        };
        let value = match value.filter(|v| !v.is_empty()) {
            Some(v) => v,
            None => {
                return Err(self.error(ErrorKind::MissingValue {
                    option: spelt.to_string(),
                    possible: possible(self.sub, spec.key),
                }))
            }
        };
        match spec.key {
            Key::Color => self.color = Some(self.choose(spelt, &value)?),
            Key::MessageFormat => self.message_format = Some(self.choose(spelt, &value)?),
            Key::Lang => self.lang = Some(self.choose(spelt, &value)?),
            Key::Encoding => self.encoding = Some(self.choose(spelt, &value)?),
            Key::Keywords => self.keywords = Some(self.choose(spelt, &value)?),
            Key::Format if self.sub == Some(Sub::Diff) => {
                self.diff_format = Some(self.choose(spelt, &value)?)
            }
            Key::Format => self.build_format = Some(self.choose(spelt, &value)?),
            Key::Output => self.output = Some(value),
            Key::Previous => self.previous = Some(value),
            Key::StdinFilename => self.stdin_filename = Some(self.text_value(spelt, &value)?),
            Key::Jobs => {
                let n = value.to_str().and_then(|v| v.parse::<usize>().ok());
                match n.filter(|n| *n > 0) {
                    Some(n) => self.jobs = Some(n),
                    None => {
                        return Err(self.error(ErrorKind::InvalidValue {
                            option: spelt.to_string(),
                            value: value.to_string_lossy().into_owned(),
                            possible: Vec::new(),
                        }))
                    }
                }
            }
            Key::Quiet
            | Key::Stdio
            | Key::Watch
            | Key::Poll
            | Key::DenyWarnings
            | Key::Check
            | Key::Help
            | Key::Version => {
                unreachable!("{:?} takes no value", spec.key)
            }
        }
        Ok(None)
    }

    /// An option's value that must be text.
    fn text_value(&self, spelt: &str, value: &OsStr) -> Result<String, UsageError> {
        value.to_str().map(str::to_string).ok_or_else(|| {
            self.error(ErrorKind::NotUtf8 {
                arg: format!("{spelt} {}", value.to_string_lossy()),
            })
        })
    }

    fn choose<T: Choice>(&self, spelt: &str, value: &OsStr) -> Result<T, UsageError> {
        value.to_str().and_then(T::from_name).ok_or_else(|| {
            self.error(ErrorKind::InvalidValue {
                option: spelt.to_string(),
                value: value.to_string_lossy().into_owned(),
                possible: T::shown(),
            })
        })
    }

    /// Check what the command needs and build it.
    fn finish(self) -> Result<Parsed, UsageError> {
        let Some(sub) = self.sub else {
            return Err(self.error(ErrorKind::NoCommand));
        };
        let missing = |what| {
            Err(UsageError {
                sub: Some(sub),
                kind: ErrorKind::MissingArgument { what },
            })
        };
        let extra = |arg: &OsString| {
            Err(UsageError {
                sub: Some(sub),
                kind: ErrorKind::UnexpectedArgument {
                    arg: arg.to_string_lossy().into_owned(),
                },
            })
        };
        let text = |arg: OsString| {
            arg.into_string().map_err(|a| UsageError {
                sub: Some(sub),
                kind: ErrorKind::NotUtf8 {
                    arg: a.to_string_lossy().into_owned(),
                },
            })
        };
        let paths =
            |args: Vec<OsString>| -> Vec<PathBuf> { args.into_iter().map(PathBuf::from).collect() };
        // `--poll` is a way of watching: it implies `--watch`.
        let watch = (self.watch || self.poll).then_some(Watch { poll: self.poll });
        let command = match sub {
            Sub::Check | Sub::Build | Sub::Fmt if self.positionals.is_empty() => {
                return missing(Missing::Files)
            }
            Sub::Check if self.positionals.iter().filter(|p| *p == "-").count() > 1 => {
                // Standard input can be read once.
                return extra(&OsString::from("-"));
            }
            Sub::Check => Command::Check {
                files: paths(self.positionals),
                deny_warnings: self.deny_warnings,
                jobs: self.jobs,
                watch,
                stdin_filename: self.stdin_filename,
            },
            Sub::Build => Command::Build {
                files: paths(self.positionals),
                format: self.build_format,
                output: match self.output {
                    Some(o) => PathBuf::from(o),
                    None => {
                        return Err(UsageError {
                            sub: Some(sub),
                            kind: ErrorKind::MissingOption { option: "--output" },
                        })
                    }
                },
                deny_warnings: self.deny_warnings,
                jobs: self.jobs,
                watch,
            },
            Sub::Fmt => Command::Fmt {
                files: paths(self.positionals),
                check: self.check,
                keywords: self.keywords,
            },
            Sub::Diff => {
                // 2 files; 1, 7 or 9 from git (other counts up to 9 are
                // refused by the command, which knows the shapes).
                if self.positionals.is_empty() {
                    return missing(Missing::OldNew);
                }
                if let Some(tenth) = self.positionals.get(9) {
                    return extra(tenth);
                }
                Command::Diff {
                    args: self
                        .positionals
                        .into_iter()
                        .map(text)
                        .collect::<Result<_, _>>()?,
                    format: self.diff_format.unwrap_or(DiffFormat::Text),
                    output: self.output.map(PathBuf::from),
                }
            }
            Sub::Import => match <[OsString; 1]>::try_from(self.positionals) {
                Ok([file]) => Command::Import {
                    file: PathBuf::from(file),
                    output: self.output.map(PathBuf::from),
                },
                Err(words) if words.is_empty() => return missing(Missing::File),
                Err(words) => return extra(&words[1]),
            },
            Sub::Report if self.positionals.is_empty() => return missing(Missing::Inputs),
            Sub::Report => Command::Report {
                inputs: paths(self.positionals),
                output: match self.output {
                    Some(o) => PathBuf::from(o),
                    None => {
                        return Err(UsageError {
                            sub: Some(sub),
                            kind: ErrorKind::MissingOption { option: "--output" },
                        })
                    }
                },
                previous: self.previous.map(PathBuf::from),
                jobs: self.jobs,
            },
            Sub::Completions => match <[OsString; 1]>::try_from(self.positionals) {
                Ok([shell]) => match shell.to_str().and_then(Shell::from_name) {
                    Some(shell) => Command::Completions { shell },
                    None => {
                        return Err(UsageError {
                            sub: Some(sub),
                            kind: ErrorKind::InvalidValue {
                                option: "SHELL".to_string(),
                                value: shell.to_string_lossy().into_owned(),
                                possible: Shell::shown(),
                            },
                        })
                    }
                },
                Err(words) if words.is_empty() => return missing(Missing::Shell),
                Err(words) => return extra(&words[1]),
            },
            Sub::Lsp => match self.positionals.first() {
                Some(word) => return extra(word),
                None => Command::Lsp,
            },
            Sub::Man => match self.positionals.as_slice() {
                [] => Command::Man { sub: None },
                [name] => {
                    let name = name.to_string_lossy();
                    match Sub::from_name(&name) {
                        Some(s) => Command::Man { sub: Some(s) },
                        None => {
                            return Err(UsageError {
                                sub: Some(sub),
                                kind: ErrorKind::UnknownCommand {
                                    suggestion: closest(&name, Sub::ALL.map(Sub::name)),
                                    name: name.into_owned(),
                                },
                            })
                        }
                    }
                }
                [_, second, ..] => return extra(second),
            },
            Sub::Explain => match <[OsString; 1]>::try_from(self.positionals) {
                Ok([code]) => Command::Explain { code: text(code)? },
                Err(words) if words.is_empty() => return missing(Missing::Code),
                Err(words) => return extra(&words[1]),
            },
            Sub::Help => {
                return match self.positionals.as_slice() {
                    [] => Ok(Parsed::Help(None)),
                    [name] => {
                        let name = name.to_string_lossy();
                        match Sub::from_name(&name) {
                            Some(Sub::Help) => Ok(Parsed::Help(None)),
                            Some(s) => Ok(Parsed::Help(Some(s))),
                            None => Err(UsageError {
                                sub: None,
                                kind: ErrorKind::UnknownCommand {
                                    suggestion: closest(&name, Sub::ALL.map(Sub::name)),
                                    name: name.into_owned(),
                                },
                            }),
                        }
                    }
                    [_, second, ..] => extra(second),
                };
            }
        };
        Ok(Parsed::Run(Cli {
            command,
            quiet: self.quiet,
            color: self.color.unwrap_or(ColorArg::Auto),
            message_format: self.message_format.unwrap_or(MessageFormat::Human),
            lang: self.lang,
            encoding: self.encoding.unwrap_or(Encoding::Utf8),
        }))
    }
}

/// What follows byte `at` of `word`, whose first `at` bytes (shown in
/// `text`) are ASCII: an option's glued value, kept as the system gave it.
fn tail(word: &OsStr, at: usize, text: &str) -> Result<OsString, UsageError> {
    debug_assert!(text.is_char_boundary(at) && text[..at].is_ascii());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(OsStr::from_bytes(&word.as_bytes()[at..]).to_os_string())
    }
    #[cfg(not(unix))]
    {
        // Elsewhere a glued value must be text; `--opt VALUE` takes any.
        match word.to_str() {
            Some(s) => Ok(OsString::from(&s[at..])),
            None => Err(UsageError {
                sub: None,
                kind: ErrorKind::NotUtf8 {
                    arg: text.to_string(),
                },
            }),
        }
    }
}

/// The candidate closest to `word`, if it is close enough to be a typo
/// (edit distance at most 1 for short words, 2 otherwise).
fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = if word.chars().count() <= 3 { 1 } else { 2 };
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars (words here are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Parsed, UsageError> {
        parse(words.iter().map(OsString::from).collect())
    }

    fn cli(words: &[&str]) -> Cli {
        match parse_words(words) {
            Ok(Parsed::Run(cli)) => cli,
            other => panic!("{words:?}: {other:?}"),
        }
    }

    fn kind(words: &[&str]) -> ErrorKind {
        match parse_words(words) {
            Err(e) => e.kind,
            other => panic!("{words:?}: {other:?}"),
        }
    }

    fn build_args(words: &[&str]) -> (Vec<PathBuf>, Option<Format>, PathBuf) {
        match cli(words).command {
            Command::Build {
                files,
                format,
                output,
                ..
            } => (files, format, output),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn values_glued_or_apart() {
        let expected = (vec![PathBuf::from("a.jx")], Some(Format::Html), "x".into());
        for words in [
            &["build", "a.jx", "--format", "html", "-o", "x"][..],
            &["build", "a.jx", "--format=html", "--output=x"],
            &["build", "--format", "html", "-ox", "a.jx"],
            &["build", "-o=x", "a.jx", "--format=html"],
            &["build", "--output", "x", "--format", "html", "--", "a.jx"],
        ] {
            assert_eq!(build_args(words), expected, "{words:?}");
        }
        // `-` is a value; `--` makes every later word an argument.
        assert_eq!(
            build_args(&["build", "a.jx", "-o", "-"]).2,
            PathBuf::from("-")
        );
        let (files, ..) = build_args(&["build", "-o", "d", "--", "-a.jx", "--format"]);
        assert_eq!(files, [PathBuf::from("-a.jx"), PathBuf::from("--format")]);
        // A value with `=` in it keeps it.
        assert_eq!(
            build_args(&["build", "a", "--output=x=y"]).2,
            PathBuf::from("x=y")
        );
    }

    #[test]
    fn global_options_before_and_after_the_command() {
        let c = cli(&["--lang", "zh", "--color=never", "check", "a.jx"]);
        assert_eq!((c.lang, c.color), (Some(Lang::Zh), ColorArg::Never));
        let c = cli(&["--lang=zh", "check", "--lang", "en", "a.jx"]);
        assert_eq!(c.lang, Some(Lang::En), "after the command wins");
        let c = cli(&[
            "check",
            "a.jx",
            "--encoding",
            "gbk",
            "--message-format",
            "json",
        ]);
        assert_eq!(c.encoding, Encoding::Gb18030);
        assert_eq!(c.message_format, MessageFormat::Json);
        let c = cli(&["check", "a.jx"]);
        assert_eq!(
            (c.lang, c.color, c.message_format, c.encoding),
            (None, ColorArg::Auto, MessageFormat::Human, Encoding::Utf8)
        );
        assert_eq!(
            kind(&["check", "--lang", "en", "a.jx", "--lang=zh"]),
            ErrorKind::Repeated {
                option: "--lang".into()
            }
        );
        assert_eq!(
            kind(&["build", "a", "-o", "x", "--output", "y"]),
            ErrorKind::Repeated {
                option: "--output".into()
            }
        );
    }

    #[test]
    fn each_command() {
        match cli(&["check", "--deny-warnings", "a", "b"]).command {
            Command::Check {
                files,
                deny_warnings,
                jobs,
                watch,
                stdin_filename,
            } => {
                assert_eq!((files.len(), deny_warnings), (2, true));
                assert_eq!((jobs, watch, stdin_filename), (None, None, None));
            }
            other => panic!("{other:?}"),
        }
        match cli(&[
            "-q",
            "check",
            "-j",
            "3",
            "--poll",
            "-",
            "--stdin-filename=x.jx",
        ]) {
            Cli {
                quiet: true,
                command:
                    Command::Check {
                        files,
                        jobs: Some(3),
                        watch: Some(Watch { poll: true }),
                        stdin_filename: Some(name),
                        ..
                    },
                ..
            } => assert_eq!((files, name.as_str()), (vec![PathBuf::from("-")], "x.jx")),
            other => panic!("{other:?}"),
        }
        match cli(&["build", "a", "-o", "d", "--watch", "-j2"]).command {
            Command::Build { jobs, watch, .. } => {
                assert_eq!((jobs, watch), (Some(2), Some(Watch { poll: false })))
            }
            other => panic!("{other:?}"),
        }
        for bad in ["0", "x", "-1"] {
            assert!(
                matches!(
                    kind(&["check", "a", &format!("--jobs={bad}")]),
                    ErrorKind::InvalidValue { .. }
                ),
                "{bad}"
            );
        }
        assert_eq!(
            kind(&["check", "-", "-"]),
            ErrorKind::UnexpectedArgument { arg: "-".into() }
        );
        match cli(&["report", "dir", "a.jx", "-o", "r.html", "--previous", "old"]).command {
            Command::Report {
                inputs,
                output,
                previous,
                jobs,
            } => {
                assert_eq!(inputs.len(), 2);
                assert_eq!(output, PathBuf::from("r.html"));
                assert_eq!(previous, Some(PathBuf::from("old")));
                assert_eq!(jobs, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            kind(&["report", "dir"]),
            ErrorKind::MissingOption { option: "--output" }
        );
        assert!(matches!(
            cli(&["completions", "zsh"]).command,
            Command::Completions { shell: Shell::Zsh }
        ));
        assert!(matches!(
            kind(&["completions", "tcsh"]),
            ErrorKind::InvalidValue { .. }
        ));
        assert_eq!(
            kind(&["completions"]),
            ErrorKind::MissingArgument {
                what: Missing::Shell
            }
        );
        assert!(matches!(cli(&["man"]).command, Command::Man { sub: None }));
        assert!(matches!(cli(&["lsp"]).command, Command::Lsp));
        assert!(matches!(cli(&["lsp", "--stdio"]).command, Command::Lsp));
        assert!(matches!(
            kind(&["lsp", "--tcp"]),
            ErrorKind::UnknownOption { .. }
        ));
        assert!(matches!(
            cli(&["man", "check"]).command,
            Command::Man {
                sub: Some(Sub::Check)
            }
        ));
        match cli(&["fmt", "-", "--check", "--keywords=zh"]).command {
            Command::Fmt {
                files,
                check,
                keywords,
            } => {
                assert_eq!(files, [PathBuf::from("-")]);
                assert!(check);
                assert_eq!(keywords, Some(KeywordsArg::Zh));
            }
            other => panic!("{other:?}"),
        }
        match cli(&["diff", "a", "b"]).command {
            Command::Diff {
                args,
                format,
                output,
            } => {
                assert_eq!(args, ["a", "b"]);
                assert_eq!((format, output), (DiffFormat::Text, None));
            }
            other => panic!("{other:?}"),
        }
        // git's nine arguments, a multi-line message last.
        let git = [
            "diff",
            "a.jx",
            "/tmp/x",
            "0000",
            "100644",
            "b.jx",
            "1111",
            "100644",
            "b.jx",
            "similarity index 90%\nrename from a.jx\nrename to b.jx\n",
        ];
        match cli(&git).command {
            Command::Diff { args, .. } => assert_eq!(args.len(), 9),
            other => panic!("{other:?}"),
        }
        match cli(&["diff", "--format", "html", "-o", "d.html", "a", "b"]).command {
            Command::Diff { format, output, .. } => {
                assert_eq!(format, DiffFormat::Html);
                assert_eq!(output, Some(PathBuf::from("d.html")));
            }
            other => panic!("{other:?}"),
        }
        match cli(&["explain", "E301"]).command {
            Command::Explain { code } => assert_eq!(code, "E301"),
            other => panic!("{other:?}"),
        }
        match cli(&["import", "a.docx", "-o", "a.jx"]).command {
            Command::Import { file, output } => {
                assert_eq!(file, PathBuf::from("a.docx"));
                assert_eq!(output, Some(PathBuf::from("a.jx")));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            kind(&["import"]),
            ErrorKind::MissingArgument {
                what: Missing::File
            }
        );
        assert_eq!(
            kind(&["import", "a.docx", "b.docx"]),
            ErrorKind::UnexpectedArgument {
                arg: "b.docx".into()
            }
        );
    }

    #[test]
    fn help_and_version() {
        let help = |w: &[&str]| match parse_words(w) {
            Ok(Parsed::Help(sub)) => sub,
            other => panic!("{w:?}: {other:?}"),
        };
        assert_eq!(help(&["--help"]), None);
        assert_eq!(help(&["-h", "check"]), None);
        assert_eq!(help(&["check", "a.jx", "-h"]), Some(Sub::Check));
        assert_eq!(help(&["build", "--help", "--bogus"]), Some(Sub::Build));
        assert_eq!(help(&["help"]), None);
        assert_eq!(help(&["help", "diff"]), Some(Sub::Diff));
        assert_eq!(help(&["help", "help"]), None);
        assert!(matches!(parse_words(&["--version"]), Ok(Parsed::Version)));
        assert!(matches!(parse_words(&["-V"]), Ok(Parsed::Version)));
        // An error before the request is reported; after `--` it is a file.
        assert!(matches!(
            kind(&["check", "--bogus", "--help"]),
            ErrorKind::UnknownOption { .. }
        ));
        assert!(matches!(
            parse_words(&["check", "--", "--help"]),
            Ok(Parsed::Run(_))
        ));
        assert!(matches!(
            kind(&["--help=yes"]),
            ErrorKind::UnexpectedValue { .. }
        ));
    }

    #[test]
    fn usage_errors() {
        assert_eq!(kind(&[]), ErrorKind::NoCommand);
        assert_eq!(kind(&["--lang", "zh"]), ErrorKind::NoCommand);
        assert_eq!(
            kind(&["chek", "a.jx"]),
            ErrorKind::UnknownCommand {
                name: "chek".into(),
                suggestion: Some("check")
            }
        );
        assert_eq!(
            kind(&["build", "a", "-o", "x", "--formt", "json"]),
            ErrorKind::UnknownOption {
                option: "--formt".into(),
                suggestion: Some("--format".into()),
                owners: vec![],
            }
        );
        assert_eq!(
            kind(&["check", "-o", "x", "a"]),
            ErrorKind::UnknownOption {
                option: "-o".into(),
                suggestion: None,
                owners: vec![Sub::Build, Sub::Diff, Sub::Import, Sub::Report],
            }
        );
        assert!(matches!(
            kind(&["--format", "json", "build", "a", "-o", "x"]),
            ErrorKind::UnknownOption { owners, .. } if owners == [Sub::Build, Sub::Diff]
        ));
        for words in [
            &["build", "a", "-o"][..],
            &["build", "a", "-o", ""],
            &["build", "a", "--output="],
            &["build", "a", "-o="],
            &["build", "a", "-o", "--format", "json"],
            &["build", "a", "-o", "x", "--format"],
            &["check", "a", "--lang"],
        ] {
            assert!(
                matches!(kind(words), ErrorKind::MissingValue { .. }),
                "{words:?}"
            );
        }
        assert_eq!(
            kind(&["build", "a", "-o", "x", "--format", "text"]),
            ErrorKind::InvalidValue {
                option: "--format".into(),
                value: "text".into(),
                possible: vec!["json", "html", "docx", "xlsx"],
            }
        );
        assert!(matches!(
            kind(&["diff", "a", "b", "--format=docx"]),
            ErrorKind::InvalidValue { possible, .. } if possible == ["text", "json", "html"]
        ));
        assert_eq!(
            kind(&["check", "--deny-warnings=yes", "a"]),
            ErrorKind::UnexpectedValue {
                option: "--deny-warnings".into(),
                value: "yes".into()
            }
        );
        assert_eq!(
            kind(&["check"]),
            ErrorKind::MissingArgument {
                what: Missing::Files
            }
        );
        assert_eq!(
            kind(&["diff", "--format", "json"]),
            ErrorKind::MissingArgument {
                what: Missing::OldNew
            }
        );
        assert_eq!(
            kind(&["explain"]),
            ErrorKind::MissingArgument {
                what: Missing::Code
            }
        );
        assert_eq!(
            kind(&["build", "a"]),
            ErrorKind::MissingOption { option: "--output" }
        );
        assert_eq!(
            kind(&["explain", "E301", "E302"]),
            ErrorKind::UnexpectedArgument { arg: "E302".into() }
        );
        assert_eq!(
            kind(&["diff", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]),
            ErrorKind::UnexpectedArgument { arg: "10".into() }
        );
        assert_eq!(
            kind(&["--", "check", "a"]),
            ErrorKind::UnexpectedArgument { arg: "--".into() }
        );
        assert!(matches!(
            kind(&["check", "-hx"]),
            ErrorKind::UnknownOption { .. }
        ));
        // The command an error is about, for the hint to its help.
        assert_eq!(parse_words(&["fmt"]).unwrap_err().sub, Some(Sub::Fmt));
        assert_eq!(parse_words(&["--bogus"]).unwrap_err().sub, None);
    }

    #[test]
    fn language_hint() {
        let hint = |w: &[&str]| lang_hint(&w.iter().map(OsString::from).collect::<Vec<_>>());
        assert_eq!(hint(&["check", "--bogus", "--lang", "zh"]), Some(Lang::Zh));
        assert_eq!(hint(&["--lang=zh", "check", "--lang=en"]), Some(Lang::En));
        assert_eq!(hint(&["--lang", "fr", "check"]), None);
        assert_eq!(hint(&["check", "--", "--lang", "zh"]), None);
    }

    #[cfg(unix)]
    #[test]
    fn paths_need_not_be_utf8() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let raw = |b: &[u8]| OsString::from_vec(b.to_vec());
        let file = raw(b"\xff.jx");
        for output in [
            vec![raw(b"-o"), raw(b"o\xfe")],
            vec![raw(b"-oo\xfe")],
            vec![raw(b"--output=o\xfe")],
        ] {
            let mut words = vec![OsString::from("build"), file.clone()];
            words.extend(output);
            match parse(words) {
                Ok(Parsed::Run(Cli {
                    command: Command::Build { files, output, .. },
                    ..
                })) => {
                    assert_eq!(files[0].as_os_str().as_bytes(), b"\xff.jx");
                    assert_eq!(output.as_os_str().as_bytes(), b"o\xfe");
                }
                other => panic!("{other:?}"),
            }
        }
        // Text arguments and option values must be UTF-8.
        let words = vec!["diff".into(), "a".into(), raw(b"\xff")];
        assert!(matches!(
            parse(words).unwrap_err().kind,
            ErrorKind::NotUtf8 { .. }
        ));
        let words = vec!["check".into(), raw(b"--lang=\xff"), "a".into()];
        assert!(matches!(
            parse(words).unwrap_err().kind,
            ErrorKind::InvalidValue { .. }
        ));
    }

    /// The help of each command names every option the parser takes there,
    /// and names no option the parser refuses.
    #[test]
    fn help_matches_the_parser() {
        use super::super::messages::help;
        for lang in [Lang::Zh, Lang::En] {
            let top = help(lang, None);
            for name in long_names(None) {
                assert!(top.contains(&format!("--{name}")), "{lang:?} {name}");
            }
            for sub in Sub::ALL {
                assert!(top.contains(&format!("\n  {} ", sub.name())), "{sub:?}");
                let text = help(lang, Some(sub));
                for spec in sub.options() {
                    assert!(text.contains(&format!("--{}", spec.long)), "{sub:?}");
                    if let Some(c) = spec.short {
                        assert!(text.contains(&format!("-{c}, --{}", spec.long)));
                    }
                }
                let taken = long_names(Some(sub));
                for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                    if let Some(name) = word.strip_prefix("--") {
                        assert!(taken.contains(&name), "{sub:?} help names --{name}");
                    }
                }
            }
        }
    }
}
