//! The command line's own mistakes (a misspelt command or option, a year
//! that is not a number, a value left out) in plain Chinese: clap's
//! messages are English, and the people who run gongkai read Chinese.
//! Help and version are printed as clap makes them.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The message for `e`, in Chinese, with the likely fix; `None` for help
/// and version output, which is not an error.
pub fn chinese(e: &Error) -> Option<String> {
    let text = |k: ContextKind| e.get(k).map(plain).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut m = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::DisplayVersion => return None,
        ErrorKind::InvalidSubcommand => format!("没有 “{}” 这个命令", text(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("不认识 “{arg}”：这个命令没有这个选项或参数"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面要写一个值"),
        ErrorKind::InvalidValue => {
            let valid = text(ContextKind::ValidValue);
            format!("“{value}” 不能用作 {arg}{}", if valid.is_empty() { String::new() } else { format!("：可以写 {valid}") })
        }
        ErrorKind::ValueValidation if value.chars().all(|c| c.is_ascii_digit()) => format!("“{value}” 不能用作 {arg}：数字超出了可用的范围"),
        ErrorKind::ValueValidation => format!("“{value}” 不能用作 {arg}：这里要写一个整数（只用半角数字 0–9，如年度 2024）"),
        ErrorKind::MissingRequiredArgument => format!("还缺少 {arg}"),
        ErrorKind::MissingSubcommand => format!("{} 后面要写一个命令", text(ContextKind::InvalidSubcommand)),
        ErrorKind::ArgumentConflict => format!("{arg} 不能与 {} 同时使用", text(ContextKind::PriorArg)),
        ErrorKind::NoEquals => format!("{arg} 的值要用等号连写，如 {arg}=…"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("{arg} 的值个数不对（写了 “{value}”）"),
        ErrorKind::InvalidUtf8 => "参数里有无法读取的字符（不是 UTF-8 编码）".to_string(),
        _ => format!("命令行有误：{}", e.to_string().trim()),
    };
    for (kind, what) in [(ContextKind::SuggestedSubcommand, "命令"), (ContextKind::SuggestedArg, "选项"), (ContextKind::SuggestedValue, "值")] {
        let s = text(kind);
        if !s.is_empty() {
            m.push_str(&format!("。是不是{what} “{s}”？"));
        }
    }
    Some(m)
}

/// A context value as plain text: several values joined by `、`, styling
/// (bold, colour) dropped.
fn plain(v: &ContextValue) -> String {
    match v {
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStrs(list) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::chinese;
    use clap::{CommandFactory, Parser};

    /// A two-command line like gongkai's.
    #[derive(Parser)]
    struct Line {
        #[command(subcommand)]
        command: Sub,
    }
    #[derive(clap::Subcommand)]
    enum Sub {
        Build {
            #[arg(long)]
            out: Option<String>,
        },
        Year {
            year: u16,
        },
    }

    fn said(args: &[&str]) -> String {
        let e = Line::command().try_get_matches_from(args).expect_err("an error");
        chinese(&e).expect("a message")
    }

    #[test]
    fn mistakes_are_said_in_chinese_with_the_likely_fix() {
        assert_eq!(said(&["x", "bulid"]), "没有 “bulid” 这个命令。是不是命令 “build”？");
        assert_eq!(said(&["x", "build", "--outt", "p"]), "不认识 “--outt”：这个命令没有这个选项或参数。是不是选项 “--out”？");
        assert_eq!(said(&["x", "year", "1999x"]), "“1999x” 不能用作 <YEAR>：这里要写一个整数（只用半角数字 0–9，如年度 2024）");
        assert_eq!(said(&["x", "year", "99999"]), "“99999” 不能用作 <YEAR>：数字超出了可用的范围");
        assert_eq!(said(&["x", "build", "--out"]), "--out <OUT> 后面要写一个值");
        assert_eq!(said(&["x", "year"]), "还缺少 <YEAR>");
    }

    #[test]
    fn help_is_not_an_error() {
        let e = Line::command().try_get_matches_from(["x", "--help"]).expect_err("help");
        assert_eq!(chinese(&e), None);
    }
}
