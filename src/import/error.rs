//! Why a file cannot be imported at all, in both languages, with a code.

use crate::diag::Lang;

/// Why a file cannot be imported at all. Each has a stable code
/// (`I001` …), printed as diagnostics print theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// An old binary Word document (.doc, .wps) or RTF.
    OldWord,
    /// An old binary Excel workbook (.xls, .et).
    OldExcel,
    /// Neither Word, Excel nor HTML.
    UnknownFormat,
    /// A zip or XML that cannot be read, with what the reader said.
    Damaged(String),
    /// Larger than the limit every input has.
    TooLarge { len: u64, max: usize },
}

impl ImportError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::OldWord => "I001",
            ImportError::OldExcel => "I002",
            ImportError::UnknownFormat => "I003",
            ImportError::Damaged(_) => "I004",
            ImportError::TooLarge { .. } => "I005",
        }
    }

    /// The message, in one language, without the code.
    pub fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ImportError::OldWord => (
                "这是旧版 Word 文档（.doc/.wps/.rtf），无法直接导入；请先用 LibreOffice 转换：\
                 soffice --headless --convert-to docx 文件.doc"
                    .to_string(),
                "this is an old Word document (.doc/.wps/.rtf), which cannot be imported; \
                 convert it first with LibreOffice: soffice --headless --convert-to docx FILE.doc"
                    .to_string(),
            ),
            ImportError::OldExcel => (
                "这是旧版 Excel 工作簿（.xls/.et），无法直接导入；请先用 LibreOffice 转换：\
                 soffice --headless --convert-to xlsx 文件.xls"
                    .to_string(),
                "this is an old Excel workbook (.xls/.et), which cannot be imported; \
                 convert it first with LibreOffice: soffice --headless --convert-to xlsx FILE.xls"
                    .to_string(),
            ),
            ImportError::UnknownFormat => (
                "无法识别的文件类型；可导入 Word（.docx）、Excel（.xlsx）和网页（.html）"
                    .to_string(),
                "unknown kind of file; import reads Word (.docx), Excel (.xlsx) and HTML (.html)"
                    .to_string(),
            ),
            ImportError::Damaged(why) => (
                format!("文件已损坏或不完整：{why}"),
                format!("the file is damaged or incomplete: {why}"),
            ),
            ImportError::TooLarge { len, max } => (
                format!("文件太大（{len} 字节，上限 {max} 字节）"),
                format!("the file is too large ({len} bytes; the limit is {max})"),
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
