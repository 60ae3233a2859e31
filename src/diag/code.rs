//! Diagnostic codes: one variant per code jixiao can report. The code says
//! the severity (`W…` warnings, `E…` errors) and is spelt the same in every
//! output (`error[E301]`, `"code": "E301"`, `jixiao explain E301`).

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        /// A diagnostic code. The variant's name is its spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code,)*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            /// The code as written: `"E301"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    // syntax 语法
    E001, E002, E003, E004, E005, E006, E007, E008, E009, E010, E011, E012,
    // structure and arguments 结构与参数
    E101, E102, E103, E104, E105, E106, E107, E108,
    // values 数值
    E201, E202, E203, E204, E205, E206, E207, E208, E209,
    // budget 预算
    E301, E302, E303, W304, W305, W306,
    // spending plan 支出计划
    E401, E402, E403, E404, W405, E406,
    // categories and indicators 指标类别与指标
    E501, E502, E503, E504, E505, W506, W507, E508, W509, E510, W511,
    // targets and units 指标值与单位
    E601, E602, E603, E604, W605, W606, E607, E608, E609, E610, W611, W612, W613, W614, W615, W616, W617, W618,
    // self-evaluation and monitoring 自评与监控
    E701, E702, E703, E704, E705, E706, E707, W708, E709, E710, E711, W712, W713, E714, W715, E716,
    E717, W718,
}

impl Code {
    /// `W…` codes are warnings, every other code an error.
    pub const fn severity(self) -> Severity {
        if self.as_str().as_bytes()[0] == b'W' {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The number of the code (`301` for `E301`); the hundreds name the
    /// phase that reports it.
    pub fn number(self) -> u16 {
        self.as_str()[1..].parse().unwrap_or(0)
    }

    /// The code spelt `text`, ignoring ASCII case and surrounding blanks
    /// (`e301` is `E301`), as `jixiao explain` takes it.
    pub fn lookup(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A text that names no diagnostic code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no diagnostic code {}", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl FromStr for Code {
    type Err = UnknownCode;
    /// As [`Code::lookup`].
    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        Code::lookup(s).ok_or_else(|| UnknownCode(s.to_string()))
    }
}

/// Serialized as its spelling, `"E301"`.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A code equals its exact spelling (`Code::E003 == "E003"`), for tests and
/// tools holding codes as text. Inside the compiler, compare codes.
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The severity of a diagnostic, which its code decides (`W…` warnings,
/// `E…` errors). It lives with the codes for [`Code::severity`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_severity_and_lookup() {
        assert_eq!(Code::E301.as_str(), "E301");
        assert_eq!(Code::W304.to_string(), "W304");
        assert_eq!(format!("[{:>5}]", Code::E001), "[ E001]");
        assert_eq!(Code::E003.severity(), Severity::Error);
        assert_eq!(Code::W611.severity(), Severity::Warning);
        assert_eq!(Code::W506.number(), 506);
        assert_eq!(Code::lookup(" e301 "), Some(Code::E301));
        assert_eq!("W405".parse::<Code>(), Ok(Code::W405));
        assert_eq!("E999".parse::<Code>(), Err(UnknownCode("E999".to_string())));
        assert_eq!(Code::lookup(""), None);
        assert!(Code::E003 == "E003" && Code::E003 != "E004");
        assert_eq!(
            serde_json::to_string(&Code::E601).unwrap(),
            "\"E601\"".to_string()
        );
    }

    #[test]
    fn all_codes_are_well_formed_sorted_and_distinct() {
        for pair in Code::ALL.windows(2) {
            assert!(pair[0].number() < pair[1].number(), "{pair:?}");
        }
        for &c in Code::ALL {
            let s = c.as_str();
            assert!(s.len() == 4 && matches!(&s[..1], "E" | "W"), "{s}");
            assert!(s[1..].bytes().all(|b| b.is_ascii_digit()), "{s}");
            assert_eq!(Code::lookup(s), Some(c));
        }
    }
}
