//! Reading statement arguments: strings, numbers, words, with the diagnostics
//! for wrong kinds, Chinese quotes and full-width punctuation.

use super::checker::Checker;
use crate::diag::catalogue as cat;
use crate::lang::choices::{choose, offered, Choices};
use crate::lang::keywords::{schema, Arg, Kw, Place};
use crate::lang::suggest::closest;
use crate::model::{Field, Party};
use crate::source::Span;
use crate::syntax::{text, Stmt, Token, TokenKind};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Longest number literal accepted (a Decimal holds 28-29 digits).
pub const MAX_NUMBER_CHARS: usize = 40;
/// Integer digits of an amount, weight or target: 10^15 万元 is far beyond
/// any budget, and a million such amounts still add up without overflow.
pub const MAX_INTEGER_DIGITS: usize = 15;

/// Opening and closing Chinese quotes people use as delimiters by mistake.
const CN_OPEN: &[char] = &['“', '‘', '「', '『', '＂', '”'];
const CN_CLOSE: &[char] = &['”', '’', '」', '』', '＂', '“'];

/// The arguments of one statement as they are read. A recovery may read
/// several tokens as one argument (a text in Chinese quotes, a number with
/// thousands separators): the cursor remembers how far, so that the check
/// for extra arguments and the indicator's target start after them.
pub struct Args<'t, 's> {
    pub stmt: &'t Stmt<'s>,
    consumed: usize,
}

impl<'t, 's> Args<'t, 's> {
    pub fn of(stmt: &'t Stmt<'s>) -> Args<'t, 's> {
        Args { stmt, consumed: 0 }
    }

    /// How many arguments a recovery has read so far.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    fn consume_until(&mut self, end: usize) {
        self.consumed = self.consumed.max(end);
    }
}

/// `project "NAME"`, `department "NAME"`: one string, the name, no code.
pub fn names_only(stmt: &Stmt<'_>) -> bool {
    stmt.args.len() == 1 && stmt.args[0].is_string()
}

/// What the argument `idx` of a `kw` statement is.
fn arg_of(kw: Kw, idx: usize) -> Arg {
    schema(kw).args.get(idx).copied().unwrap_or(Arg::ANY)
}

impl<'a> Checker<'a> {
    /// The string argument at `idx`, or a diagnostic explaining what is there.
    pub fn string_arg(
        &mut self,
        args: &mut Args<'_, '_>,
        kw: Kw,
        idx: usize,
    ) -> Option<(String, Span)> {
        let stmt = args.stmt;
        let Arg {
            zh: what_zh,
            en: what_en,
        } = arg_of(kw, idx);
        let Some(tok) = stmt.args.get(idx) else {
            self.missing_arg(stmt, kw, idx);
            return None;
        };
        self.string_token(args, idx, tok, what_zh, what_en)
    }

    fn string_token(
        &mut self,
        args: &mut Args<'_, '_>,
        idx: usize,
        tok: &Token<'_>,
        what_zh: &str,
        what_en: &str,
    ) -> Option<(String, Span)> {
        let stmt = args.stmt;
        match tok.kind {
            TokenKind::Str { closed: false } | TokenKind::Text { closed: false } => None,
            TokenKind::Str { .. } | TokenKind::Text { .. } => match text::value(tok) {
                Ok(v) => Some((v, tok.span)),
                Err(text::BadEscape(r)) => {
                    let span = tok.span.part(r);
                    let raw = self.slice(span).to_string();
                    self.diags.push(cat::bad_escape(span, &raw));
                    None
                }
            },
            TokenKind::Word if tok.raw.starts_with(CN_OPEN) => {
                // Recover the intended text: from this word up to the word
                // that ends with a closing quote.
                let mut end = tok.span.end;
                let mut last = idx;
                for (j, t) in stmt.args.iter().enumerate().skip(idx) {
                    if !t.is_word() {
                        break;
                    }
                    end = t.span.end;
                    last = j;
                    let closes =
                        t.raw.ends_with(CN_CLOSE) && (j > idx || t.raw.chars().count() > 1);
                    if closes {
                        break;
                    }
                }
                let whole = self.slice(Span::new(tok.span.start, end)).to_string();
                let open_len = whole.chars().next().map_or(0, char::len_utf8);
                let inner = whole[open_len..].trim_end_matches(CN_CLOSE).to_string();
                self.diags.push(cat::chinese_quotes(
                    Span::new(tok.span.start, tok.span.start + open_len),
                    Span::new(tok.span.start, end),
                    &inner,
                ));
                args.consume_until(last + 1);
                Some((inner, Span::new(tok.span.start, end)))
            }
            TokenKind::Word | TokenKind::Comma => {
                self.diags
                    .push(cat::expected_string(tok.span, what_zh, what_en, tok.raw));
                None
            }
        }
    }

    /// A number argument at `idx`.
    pub fn number_arg(
        &mut self,
        args: &mut Args<'_, '_>,
        kw: Kw,
        idx: usize,
    ) -> Option<(Decimal, Span)> {
        let stmt = args.stmt;
        let Arg {
            zh: what_zh,
            en: what_en,
        } = arg_of(kw, idx);
        let Some(tok) = stmt.args.get(idx) else {
            self.missing_arg(stmt, kw, idx);
            return None;
        };
        if !tok.is_word() {
            self.diags
                .push(cat::expected_number(tok.span, what_zh, what_en));
            return None;
        }
        // `45,000,000.00`: digit groups glued by commas. Report the
        // separators once and read the number without them.
        let mut last = idx;
        while stmt
            .args
            .get(last + 1)
            .is_some_and(|c| c.kind == TokenKind::Comma)
            && stmt.args.get(last + 2).is_some()
            && !crate::syntax::space_before(&stmt.args, last + 2)
        {
            last += 2;
        }
        if last > idx {
            let span = tok.span.join(stmt.args[last].span);
            let joined: String = self.slice(span).chars().filter(|c| *c != ',').collect();
            args.consume_until(last + 1);
            self.diags.push(cat::thousands_separator(span, &joined));
            return self.number(&joined, span);
        }
        self.number(tok.raw, tok.span)
    }

    /// Parse a decimal as written ("78.00" keeps its two decimals).
    pub fn number(&mut self, raw: &str, span: Span) -> Option<(Decimal, Span)> {
        if raw.chars().count() > MAX_NUMBER_CHARS {
            self.diags
                .push(cat::number_too_long(span, MAX_NUMBER_CHARS));
            return None;
        }
        let ok_chars = raw
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')));
        let digits = raw.chars().any(|c| c.is_ascii_digit());
        if ok_chars && digits && !raw.ends_with('.') && !raw.starts_with('.') {
            // Sums of many amounts must stay far inside what a decimal holds.
            let int_digits = raw
                .trim_start_matches(['-', '+'])
                .split('.')
                .next()
                .unwrap_or("")
                .trim_start_matches('0')
                .len();
            if int_digits > MAX_INTEGER_DIGITS {
                self.diags
                    .push(cat::number_too_large(span, MAX_INTEGER_DIGITS));
                return None;
            }
            if let Ok(d) = Decimal::from_str(raw) {
                return Some((d, span));
            }
        }
        if let Some(pos) = raw.find('，').or_else(|| raw.find('．')) {
            let ch = raw[pos..].chars().next().unwrap_or('，');
            let ascii = if ch == '，' { ',' } else { '.' };
            self.diags.push(cat::full_width(
                span.part(pos..pos + ch.len_utf8()),
                ch,
                ascii,
            ));
            return None;
        }
        self.diags.push(cat::invalid_number(span, raw));
        None
    }

    /// Report arguments beyond `max` (unless consumed by a recovery).
    pub fn no_more_args(&mut self, args: &Args<'_, '_>, max: usize) {
        let stmt = args.stmt;
        let from = max.max(args.consumed);
        if let Some(tok) = stmt.args.get(from) {
            let last = stmt.args.last().map_or(tok.span, |t| t.span);
            // `"支付"创意之家"租赁费"`: ASCII quotes inside a string end it.
            let glued_to_string = from > 0
                && stmt.args[from - 1].is_string()
                && stmt.args[from - 1].span.end == tok.span.start;
            if glued_to_string {
                let whole = stmt.args[from - 1].span.join(last);
                self.diags.push(cat::quote_inside_string(whole));
                return;
            }
            // `year 2020 unit 万元`: a keyword that may stand beside this
            // statement starts a second one.
            let sibling = |next: Kw| {
                Kw::lookup(stmt.head.raw).is_some_and(|own| {
                    Place::ALL
                        .iter()
                        .any(|p| p.allowed().contains(&own) && p.allowed().contains(&next))
                })
            };
            if tok.is_word() && Kw::lookup(tok.raw).is_some_and(sibling) {
                self.diags.push(cat::statements_on_one_line(
                    tok.span.join(last),
                    stmt.head.raw,
                    tok.raw,
                ));
                return;
            }
            self.diags.push(cat::extra_arg(
                tok.span.join(last),
                stmt.head.raw,
                stmt.args[from..].iter().any(|t| t.is_word()),
            ));
        }
    }

    /// `project "CODE" "NAME"` or `project "NAME"` (the same for a
    /// department): many bodies publish no codes. The code is `Ok(None)` when
    /// not written, `Err(())` when written wrong (reported).
    #[allow(clippy::type_complexity)]
    pub fn code_and_name(
        &mut self,
        stmt: &Stmt<'_>,
        kw: Kw,
    ) -> (Result<Option<(String, Span)>, ()>, Option<(String, Span)>) {
        let mut args = Args::of(stmt);
        if names_only(stmt) {
            let name = self.string_arg(&mut args, kw, 0);
            return (Ok(None), name);
        }
        let code = self.string_arg(&mut args, kw, 0);
        let name = self.string_arg(&mut args, kw, 1);
        self.no_more_args(&args, 2);
        (code.map(Some).ok_or(()), name)
    }

    /// A diagnostic for the argument `idx` of a `kw` statement, missing
    /// after the last argument there is.
    pub fn missing_arg(&mut self, stmt: &Stmt<'_>, kw: Kw, idx: usize) {
        let at = stmt.args.last().map(|t| t.span).unwrap_or(stmt.head.span);
        let Arg { zh, en } = arg_of(kw, idx);
        self.diags.push(cat::missing_arg(
            Span::new(at.end, at.end),
            stmt.head.raw,
            zh,
            en,
            schema(kw).example,
        ));
    }

    /// `field "NAME" "VALUE"`: a field a local form adds.
    pub fn field(&mut self, stmt: &Stmt<'_>) -> Option<Field> {
        let mut args = Args::of(stmt);
        let name = self.string_arg(&mut args, Kw::Field, 0);
        let value = self.string_arg(&mut args, Kw::Field, 1);
        self.no_more_args(&args, 2);
        Some(Field {
            name: name?.0,
            value: value?.0,
        })
    }

    /// A statement of one text argument (`goal "……"`): the text, with the
    /// statement's other faults reported.
    pub fn text_stmt(&mut self, stmt: &Stmt<'_>, kw: Kw) -> Option<String> {
        let mut args = Args::of(stmt);
        let text = self.string_arg(&mut args, kw, 0);
        self.no_more_args(&args, 1);
        text.map(|t| t.0)
    }

    /// A statement of one word from a closed list (`direction 反向`): its
    /// meaning and where it stands, or E209 with the choices.
    pub fn choice_stmt<T: Copy + PartialEq>(
        &mut self,
        stmt: &Stmt<'_>,
        kw: Kw,
        choices: Choices<T>,
    ) -> Option<(T, Span)> {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, kw, 0);
            return None;
        };
        let word = text::value(tok).unwrap_or_else(|_| tok.raw.to_string());
        if let Some(t) = choose(choices, word.trim()) {
            return Some((t, tok.span));
        }
        let offer = offered(choices);
        let near = closest(word.trim(), choices.iter().map(|(w, _)| *w));
        let fix = near.filter(|_| tok.is_word());
        self.diags.push(cat::not_a_choice(
            tok.span,
            stmt.head.raw,
            &word,
            &offer,
            fix,
        ));
        None
    }

    /// A statement of one code, quoted or not (`id gx010401`).
    pub fn code_stmt(&mut self, stmt: &Stmt<'_>, kw: Kw) -> Option<String> {
        self.no_more_args(&Args::of(stmt), 1);
        let Some(tok) = stmt.args.first() else {
            self.missing_arg(stmt, kw, 0);
            return None;
        };
        if tok.is_word() {
            return Some(tok.raw.to_string());
        }
        let mut args = Args::of(stmt);
        self.string_arg(&mut args, kw, 0).map(|(c, _)| c)
    }

    /// `supervisor "015001" "武汉市青山区教育局"` or `supervisor "NAME"`: a
    /// body with its code where given.
    pub fn party(&mut self, stmt: &Stmt<'_>, kw: Kw) -> Option<Party> {
        let (code, name) = self.code_and_name(stmt, kw);
        Some(Party {
            code: code.ok()?.map(|c| c.0),
            name: name?.0,
        })
    }
}
