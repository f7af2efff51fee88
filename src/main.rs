//! The `gongkai` command line: parse arguments, call the library, print
//! diagnostics, set the exit code. No logic lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use gongkai::check::Diagnostic;

mod cli_error;

/// Rendering allocates many small strings on every thread; mimalloc does
/// that at about half the cost of the system allocator (docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// gongkai（公开）— 把 TOML 数据和 Markdown 叙述编译成可离线阅读的预算公开网站。
/// Compile TOML budget data and Markdown narrative into an offline disclosure site.
#[derive(Parser)]
#[command(name = "gongkai", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 构建网站 / Build the site into the output folder.
    Build {
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// 输出目录：只会替换 gongkai 自己生成的网站，整体原子替换 / Output folder: only a site gongkai built is replaced, atomically.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// 数据有错也发布，并在每个有争议的数字旁显示核验提示 / Publish despite figure errors, flagged.
        #[arg(long)]
        publish_as_is: bool,
        /// 另打包为 <输出目录>.zip，解压后可直接从磁盘打开 / Also pack the site as <out>.zip.
        #[arg(long)]
        zip: bool,
        /// 不显示进度条和完成提示（核验结果照常输出）/ No progress bar or summary; diagnostics still print.
        #[arg(long, short)]
        quiet: bool,
    },
    /// 本地预览 / Build, serve on 127.0.0.1, rebuild on every change and reload the open page.
    Serve {
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// 输出目录（与 build 相同，写出的文件也与 build 完全相同）/ Output folder (as for build; the same files).
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// 端口（只在本机 127.0.0.1 上监听；0 表示任选空闲端口）/ Port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// 数据有错也生成网站，并在每个有争议的数字旁显示核验提示 / Publish despite figure errors, flagged.
        #[arg(long)]
        publish_as_is: bool,
    },
    /// 核验数据 / Check the content and print every diagnostic.
    Check {
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// 输出格式 / Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// 另列出正文中未核对的数字（位置、前面的词语、原因）/ Also list the prose figures not checked (file:line, phrase, why).
        #[arg(long)]
        prose: bool,
    },
    /// 引用建议 / Propose `{{ }}` bindings for the prose figures of a narrative that agree with exactly one data figure (printed as a diff).
    Bind {
        /// 叙述文件（内容目录中的 .md）/ The narrative file (a .md inside the content folder).
        file: PathBuf,
        /// 提出引用建议（以差异形式列出）/ Propose bindings, printed as a unified diff.
        #[arg(long, required = true)]
        suggest: bool,
        /// 把建议写入该文件（仅当它在读取后未被改动）/ Apply them to the file (only if unchanged since read).
        #[arg(long)]
        write: bool,
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// 新建示例站点 / Write a small working example site into DIR.
    Init {
        /// 要新建的目录（不存在或为空）/ The folder to create (new or empty).
        dir: PathBuf,
    },
    /// 新建单位或年度（要填写的地方写作 "待填"，gongkai check 逐条列出）/ Start a new unit or year; what to fill in is marked "待填".
    New {
        #[command(subcommand)]
        what: New,
    },
    /// 导入部门决算工作簿 / Write a workbook's 部门决算公开表 as the [tables] of units/U/Y/final-accounts.toml.
    Import {
        /// 工作簿（.xlsx、.xls、.ods）/ The workbook.
        file: PathBuf,
        /// 单位目录名 / The unit's folder name.
        #[arg(long)]
        unit: String,
        /// 年度 / The year.
        #[arg(long)]
        year: String,
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// 文件已存在时替换其中的 [tables]（其余内容不动）/ Replace the [tables] of an existing file.
        #[arg(long)]
        force: bool,
    },
    /// 写出空白模板工作簿 / Write a blank, documented workbook (kind: final-accounts, tracking, cost, form).
    Template {
        /// 模板种类 / The kind: final-accounts, tracking, cost, form.
        kind: String,
        /// 写到的 .xlsx 文件 / The .xlsx file to write.
        file: PathBuf,
    },
    /// 校验网站文件夹 / Check a built folder against its manifest.json (SHA-256 of every file).
    Verify {
        /// 构建好的网站目录（含 manifest.json）/ The built site folder (holds manifest.json).
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum New {
    /// 新建单位：写出 units/<单位目录名>/unit.toml / Write units/<slug>/unit.toml to fill in.
    Unit {
        /// 单位目录名（小写字母、数字和连字符，会成为网址的一部分）/ The unit's folder name (a-z, 0-9, -; part of the address).
        slug: String,
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// 新建年度：复制上一年度的结构，数字和说明文字留空为 "待填" / Copy an earlier year's structure with figures and text blanked.
    Year {
        /// 单位目录名 / The unit's folder name.
        unit: String,
        /// 新年度（四位年份）/ The new year (yyyy).
        year: u16,
        /// 复制哪一年（默认：此前最近的年度；单位还没有年度时用示例的部门决算）/ The year to copy (default: the latest before it).
        #[arg(long)]
        from: Option<u16>,
        /// 内容目录（含 site.toml）/ Content folder (holds site.toml).
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn print_human(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{}", d.human());
    }
}

/// Print JSON on stdout. A reader that stopped reading (`| head`) ends the
/// output quietly; any other failure to write is an error.
fn print_json(json: &serde_json::Value) -> Result<(), gongkai::error::Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, json).map_err(std::io::Error::from).and_then(|_| writeln!(out)).and_then(|_| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(gongkai::error::Error::Write { path: "标准输出".into(), source: e }),
        _ => Ok(()),
    }
}

/// `check --prose`: the prose figures not checked, one a line, then the counts.
fn print_prose(figures: &[gongkai::ProseFigure]) {
    use gongkai::ProseOutcome::{Disputed, Unchecked, Verified};
    for f in figures.iter().filter(|f| f.outcome == Unchecked) {
        eprintln!("未核对 {}:{}  {}{}  （{}）", f.file, f.line, f.phrase, f.written, f.why);
    }
    let count = |o| figures.iter().filter(|f| f.outcome == o).count();
    eprintln!("正文数字 {} 个：已核对 {}，不符 {}，未核对 {}", figures.len(), count(Verified), count(Disputed), count(Unchecked));
}

fn run(cli: Cli) -> Result<ExitCode, gongkai::error::Error> {
    match cli.command {
        Command::Check { content, format, prose } => {
            let report = gongkai::check(&content)?;
            let (errors, warnings) = (report.errors(), report.warnings());
            match format {
                Format::Json => {
                    let mut json = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": report.diagnostics });
                    if prose {
                        json["prose"] = serde_json::json!(report.prose);
                    }
                    print_json(&json)?;
                }
                Format::Human => {
                    print_human(&report.diagnostics);
                    if prose {
                        print_prose(&report.prose);
                    }
                    eprintln!("核验完成：{errors} 个错误，{warnings} 个警告");
                }
            }
            Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Serve { content, out, port, publish_as_is } => {
            gongkai::serve::run(&gongkai::serve::ServeOptions { content, out, port, publish_as_is })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { content, out, publish_as_is, zip, quiet } => {
            let outcome = gongkai::build(&gongkai::BuildOptions { content, out: out.clone(), publish_as_is, zip, progress: !quiet })?;
            print_human(&outcome.report.diagnostics);
            let (errors, warnings) = (outcome.report.errors(), outcome.report.warnings());
            match outcome.pages {
                Some(_) if quiet => Ok(ExitCode::SUCCESS),
                Some(n) => {
                    eprintln!("已生成 {n} 个页面到 {}（{errors} 个错误，{warnings} 个警告）", out.display());
                    eprintln!("用浏览器打开 {} 查看（不需要服务器）；边改边看用 gongkai serve。", out.join("index.html").display());
                    if zip {
                        eprintln!("已打包为 {}", gongkai::write::bundle::zip_path(&out).display());
                    }
                    if errors > 0 {
                        let why = if outcome.as_is_by_site { "site.toml 设置了 publish_as_is = true" } else { "使用了 --publish-as-is" };
                        eprintln!("注意：数据有错误仍按原样发布（{why}），每个有争议的数字旁都有核验提示。");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    eprintln!("未生成网站：{errors} 个错误，{warnings} 个警告。{} 保持不变。", out.display());
                    if errors > 0 {
                        eprintln!("改正错误，或用 --publish-as-is 按原样发布（有争议的数字会带核验提示）。");
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Bind { file, suggest: _, write, content } => {
            let s = gongkai::suggest_bindings(&content, &file)?;
            if !s.diagnostics.is_empty() {
                print_human(&s.diagnostics);
                eprintln!("内容目录有错误，无法提出引用建议；请先改正（gongkai check）。");
                return Ok(ExitCode::from(1));
            }
            if s.count == 0 {
                eprintln!("{}：没有可以确定对应数据且与之一致的正文数字，没有引用建议。", file.display());
                return Ok(ExitCode::SUCCESS);
            }
            print!("{}", s.diff());
            if write {
                s.write()?;
                eprintln!("已写入 {}：{} 个正文数字改为引用。用 gongkai check 核验。", file.display(), s.count);
            } else {
                eprintln!("建议把 {} 个正文数字改为引用（见上面的差异）；加 --write 写入 {}。", s.count, file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { dir } => {
            let v = gongkai::write::manifest::verify(&dir)?;
            for p in &v.missing {
                eprintln!("缺少：{p}");
            }
            for p in &v.modified {
                eprintln!("已改动：{p}");
            }
            for p in &v.extra {
                eprintln!("多出：{p}（不在清单中）");
            }
            if v.resealed {
                eprintln!("manifest.json 在构建之后被改动过（与 gongkai 的标记 .gongkai-site 不符）");
            }
            if v.ok() {
                eprintln!("校验通过：{} 个文件与 manifest.json 一致", v.checked);
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("校验未通过：{} 个缺少，{} 个已改动，{} 个多出（清单共 {} 个文件）", v.missing.len(), v.modified.len(), v.extra.len(), v.checked);
                Ok(ExitCode::from(1))
            }
        }
        Command::Import { file, unit, year, content, force } => {
            use gongkai::import::Outcome;
            let done = gongkai::import::import(&gongkai::import::ImportOptions { file, content, unit, year, force })?;
            print_human(&done.diagnostics);
            match done.outcome {
                Outcome::Rejected => {
                    eprintln!("未导入：工作簿有错误，什么也没有写。");
                    Ok(ExitCode::from(1))
                }
                Outcome::Written(p) => {
                    eprintln!("已写入 {}。用 gongkai check 核验；年度目录里若还放着这个工作簿，请删去它（公开表只能写在一处）。", p.display());
                    Ok(ExitCode::SUCCESS)
                }
                Outcome::Unchanged(p) => {
                    eprintln!("{} 里的 [tables] 与工作簿相同，不必改动。", p.display());
                    Ok(ExitCode::SUCCESS)
                }
                Outcome::WouldChange(p, changes) => {
                    eprintln!("{} 已存在，未改动。导入会改动：", p.display());
                    for c in changes {
                        eprintln!("  {c}");
                    }
                    eprintln!("确认后加 --force：只替换其中的 [tables]，其余内容保持原样。");
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Template { kind, file } => {
            if file.exists() {
                eprintln!("{} 已存在，未改动（模板不会覆盖已有文件）。", file.display());
                return Ok(ExitCode::from(1));
            }
            gongkai::template::write(&kind, &file)?;
            let how = if kind == "cost" {
                "填好后改名为 cost/<分析文件名>.xlsx，放在同名的 .toml 旁边"
            } else if kind == "form" {
                "填好后改名为 projects/<项目文件名>.xlsx，放进年度目录的 projects/ 里"
            } else {
                "填好后放进年度目录，或用 gongkai import 转成 TOML"
            };
            eprintln!("已写入模板 {}：{how}。", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: New::Unit { slug, content } } => {
            let file = gongkai::init::new::unit(&content, &slug)?;
            eprintln!("已写入 {}：把其中的 \"待填\" 换成本单位的信息。", file.display());
            eprintln!(
                "下一步：gongkai new year {slug} <年度> --content {}，然后 gongkai check --content {} 列出还要填写的地方。",
                content.display(),
                content.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: New::Year { unit, year, from, content } } => {
            let done = gongkai::init::new::year(&content, &unit, year, from)?;
            let source = match done.from {
                Some(f) => format!("按 {f} 年度的结构"),
                None => "单位还没有年度，按示例的部门决算".to_string(),
            };
            eprintln!("已新建 {}（{source}）：{} 个文件，{} 处留空为 \"待填\"。", done.folder.display(), done.written.len(), done.blanks);
            for f in &done.skipped {
                eprintln!("  未复制 {f}（不是 TOML 或 Markdown：工作簿、附件请放入本年度的新文件）");
            }
            eprintln!("下一步：gongkai check --content {} 逐条列出要填写的地方（E-TODO，文件:行号 和字段）。", content.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            gongkai::init::init(&dir)?;
            let d = dir.display();
            eprintln!("已在 {d} 写入示例站点。下一步：");
            eprintln!("  核验：gongkai check --content {d}");
            eprintln!("  构建：gongkai build --content {d} --out public（然后打开 public/index.html）");
            eprintln!("  预览：gongkai serve --content {d}（改动后页面自动刷新）");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let Some(message) = cli_error::chinese(&e) else {
                let _ = e.print();
                return ExitCode::from(e.exit_code() as u8);
            };
            eprintln!("错误：{message}\n用法见 gongkai --help，或 gongkai <命令> --help。");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}
