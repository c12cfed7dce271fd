//! The report's structure: which national format it follows (FORMAT-OUTDATED, FORMAT-MIXED,
//! FORMAT-UNKNOWN), its sections (SECTION-MISSING, SECTION-ORDER), and the tables, rows and
//! columns of the template that are not there (TABLE-MISSING, ROW-MISSING, COLUMN-MISSING;
//! the reader's notes on rows and columns it could not read become the last two).

use super::words::{note_row, pick, table};
use super::{Case, Finding, Group, Outcome, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::format::{self, t3, RowSpec, SectionSpec, Table};
use crate::lang::Lang;
use crate::model::{DetectedFormat, Note, Omission, Report};
use crate::text::cn_numeral;

/// FORMAT-OUTDATED: a report for 2021 or later on the 2019 trial format.
pub(crate) const FORMAT_OUTDATED: Rule = Rule {
    id: RuleId::FormatOutdated,
    severity: Severity::Error,
    cases: &[],
    scope: Scope::All,
    group: Group::Structure,
    title_zh: "使用了过时的报告格式",
    title_en: "Outdated report format",
};

/// Why FORMAT_OUTDATED exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const FORMAT_OUTDATED_DOC: RuleDoc = RuleDoc {
    zh: "为什么：自2021年度报告起，全国统一使用国办公开办函〔2021〕30号修订的《中华人民共和国政府信息公开工作年度报告格式》。2019年试行格式的表二（本年新制作数量、上一年项目数量、政府集中采购等）和表三单行“（六）其他处理”已不再适用，使用旧格式的报告无法与其他报告汇总比较。\n怎样改：按2021年版格式重做表二（制发/废止/现行有效；本年处理决定数量；本年收费金额（万元）），并把表三“（六）其他处理”拆为“1.逾期不补正”“2.逾期未缴费”“3.其他”三行。",
    en: "Why: since the 2021 reports, every body must use the revised national format issued with 国办公开办函〔2021〕30号. The 2019 trial tables (new-made/new-published counts, previous-year items, government procurement, a single （六）其他处理 row) no longer apply, and a report on them cannot be aggregated with others.\nHow to fix: redo table 2 in the 2021 layout (made / repealed / in force; decisions this year; fees in 10,000 yuan) and split table 3's （六）其他处理 into its three 2021 rows.",
};

struct FormatOutdated {
    year: u32,
}

impl Violation for FormatOutdated {
    fn rule(&self) -> RuleId {
        RuleId::FormatOutdated
    }
    fn message(&self, lang: Lang) -> String {
        let FormatOutdated { year } = self;
        match lang {
            Lang::Zh => format!(
                "{year}年度报告仍使用2019年试行格式；2021年度起应使用国办公开办函〔2021〕30号印发的格式"
            ),
            Lang::En => format!(
                "The {year} report still uses the 2019 trial format; reports for 2021 and later must use the format of 国办公开办函〔2021〕30号"
            ),
        }
    }
}

/// FORMAT-MIXED: a 2021 report with 2019's single row （六）其他处理.
pub(crate) const FORMAT_MIXED: Rule = Rule {
    id: RuleId::FormatMixed,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Structure,
    title_zh: "格式混用：表三“（六）其他处理”仍为2019年单行",
    title_en: "Mixed format: table 3 still has the single 2019 （六） row",
};

/// Why FORMAT_MIXED exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const FORMAT_MIXED_DOC: RuleDoc = RuleDoc {
    zh: "为什么：2021年版格式把表三“（六）其他处理”细分为三行：申请人逾期不补正、申请人逾期未按收费通知缴费、其他。只填一行会丢失这一分类，与全国汇总口径不一致。报告其余部分仍会完整校验（以单行计入办理结果合计）。\n怎样改：把“（六）其他处理”的数字按原因拆分到三行中，三行之和应等于原单行。",
    en: "Why: the 2021 format splits （六）其他处理 into three rows (not corrected in time, fee not paid, other). A single row loses that breakdown. The rest of the report is still fully checked, with the single row counted in the outcome total.\nHow to fix: split the row's numbers by reason into the three 2021 rows; they must add up to the old single row.",
};

struct FormatMixed;

impl Violation for FormatMixed {
    fn rule(&self) -> RuleId {
        RuleId::FormatMixed
    }
    fn message(&self, lang: Lang) -> String {
        pick(
            lang,
            "报告按2021年版格式填写，但表三“（六）其他处理”只有一行（2019年试行格式），缺少“1.逾期不补正”“2.逾期未缴费”“3.其他”三行",
            "The report uses the 2021 format, but table 3 row （六）其他处理 is a single 2019-style row instead of the three 2021 rows",
        )
        .to_string()
    }
}

/// FORMAT-UNKNOWN: neither national format was recognised.
pub(crate) const FORMAT_UNKNOWN: Rule = Rule {
    id: RuleId::FormatUnknown,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Structure,
    title_zh: "未能识别报告格式",
    title_en: "Report format not recognised",
};

/// Why FORMAT_UNKNOWN exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const FORMAT_UNKNOWN_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表格数据是年度报告的核心。若表格以图片发布或复制时丢失，就无法核对数字，这本身也不符合政府信息公开应便于公众获取的要求。\n怎样改：以文字表格（而非图片）发布表二、表三、表四；校验时请粘贴包含表格的全文，或直接上传 .docx/.html 文件。",
    en: "Why: the tables are the core of the report. Tables published as images (or lost when copying) cannot be checked.\nHow to fix: publish tables 2–4 as text tables, not images; paste the full text including the tables, or check the .docx/.html file.",
};

struct FormatUnknown;

impl Violation for FormatUnknown {
    fn rule(&self) -> RuleId {
        RuleId::FormatUnknown
    }
    fn message(&self, lang: Lang) -> String {
        pick(
            lang,
            "未能识别报告格式：没有找到表二、表三的表头或行，表格数据无法校验（表格可能以图片形式发布）",
            "The report format was not recognised: no header or row of tables 2 and 3 was found, so the tables cannot be checked (they may have been published as images)",
        )
        .to_string()
    }
}

/// The format rules.
pub(super) fn format(report: &Report, out: &mut Vec<Finding>) {
    match report.format {
        DetectedFormat::F2019 => {
            if let Some(year) = report.year.filter(|&y| y >= 2021) {
                out.push(Finding::new(&FormatOutdated { year }));
            }
        }
        DetectedFormat::Mixed => {
            let cells = t3::row(t3::R3F)
                .cells()
                .filter(|k| report.cell(*k).is_some())
                .collect();
            let span = report.row(Table::T3, t3::R3F).map(|r| r.span);
            out.push(Finding::new(&FormatMixed).with_cells(cells).at(span));
        }
        DetectedFormat::Unknown => out.push(Finding::new(&FormatUnknown)),
        _ => {}
    }
}

/// SECTION-MISSING: one of the six sections is not there.
pub(crate) const SECTION_MISSING: Rule = Rule {
    id: RuleId::SectionMissing,
    severity: Severity::Error,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Structure,
    title_zh: "缺少章节",
    title_en: "Section missing",
};

/// Why SECTION_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const SECTION_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：《政府信息公开条例》第五十条规定了年度报告必须包括的内容，全国统一格式据此设置六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少任何一部分都属于“内容不全面”。\n怎样改：按统一格式补齐缺少的部分，标题使用标准表述。若本年度确无相关情况，也应保留该部分并写明“无”或填0。",
    en: "Why: article 50 of the Regulations lists what the annual report must contain; the national format turns this into six sections. A missing section makes the report incomplete.\nHow to fix: add the missing section with its standard heading; if there is nothing to report, keep the section and say so (or fill in 0).",
};

struct SectionMissing {
    spec: &'static SectionSpec,
}

impl Violation for SectionMissing {
    fn rule(&self) -> RuleId {
        RuleId::SectionMissing
    }
    fn message(&self, lang: Lang) -> String {
        let SectionMissing { spec } = self;
        match lang {
            Lang::Zh => format!("缺少第{}部分“{}”", cn_numeral(spec.number), spec.standard),
            Lang::En => format!("Section {} “{}” is missing", spec.number, spec.en),
        }
    }
}

/// SECTION-ORDER: a section numbered other than its place, or out of order.
pub(crate) const SECTION_ORDER: Rule = Rule {
    id: RuleId::SectionOrder,
    severity: Severity::Error,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Structure,
    title_zh: "章节编号或顺序错误",
    title_en: "Section numbering or order wrong",
};

/// Why SECTION_ORDER exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const SECTION_ORDER_DOC: RuleDoc = RuleDoc {
    zh: "为什么：统一格式规定了六个部分的编号和顺序，读者和汇总工具依靠编号定位内容。编号重复（如两个“二、”）或跳号，说明报告在编辑时出现了疏漏。\n怎样改：按“一、二、三、四、五、六”依次编号，顺序与统一格式一致。",
    en: "Why: the national format fixes the numbering and order of the six sections; readers and aggregation tools rely on it. A duplicated or skipped numeral is an editing slip.\nHow to fix: number the sections 一 to 六 in the order of the national format.",
};

struct SectionOrder {
    /// The heading as written.
    heading: String,
    /// The number it should have.
    number: u8,
    spec: Option<&'static SectionSpec>,
}

impl Violation for SectionOrder {
    fn rule(&self) -> RuleId {
        RuleId::SectionOrder
    }
    fn message(&self, lang: Lang) -> String {
        let SectionOrder {
            heading,
            number,
            spec,
        } = self;
        match lang {
            Lang::Zh => format!(
                "章节“{heading}”编号或顺序有误：应为第{}部分“{}”",
                cn_numeral(*number),
                spec.map_or("", |s| s.standard)
            ),
            Lang::En => format!(
                "Section “{heading}” is misnumbered or out of order: it should be section {number} “{}”",
                spec.map_or("", |s| s.en)
            ),
        }
    }
}

/// The section rules.
pub(super) fn sections(report: &Report, out: &mut Vec<Finding>) {
    for spec in format::SECTIONS {
        if report.section(spec.number).is_none() {
            out.push(Finding::new(&SectionMissing { spec }));
        }
    }
    let mut last = 0u8;
    for s in &report.sections {
        let misnumbered = s.written_number.is_some_and(|w| w != s.number);
        if misnumbered || s.number < last {
            let v = SectionOrder {
                heading: s.heading.clone(),
                number: s.number,
                spec: format::section(s.number),
            };
            out.push(Finding::new(&v).at(Some(s.heading_span)));
        }
        last = last.max(s.number);
    }
}

/// TABLE-MISSING: a table of the template is not there, or its header is but no row of it
/// could be read (not assessable, a warning).
pub(crate) const TABLE_MISSING: Rule = Rule {
    id: RuleId::TableMissing,
    severity: Severity::Error,
    cases: &[
        Case {
            severity: Severity::Error,
            zh: "没有找到表格",
            en: "the table is not there",
        },
        Case {
            severity: Severity::Warning,
            zh: "找到了表头但未能读出各行，无法校验",
            en: "its header is there but no row could be read: not assessable",
        },
    ],
    scope: Scope::NationalTables,
    group: Group::Structure,
    title_zh: "缺少表格",
    title_en: "Table missing",
};

/// Why TABLE_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TABLE_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：统一格式要求以表二、表三、表四报告主动公开、依申请公开和复议诉讼数据。缺少表格（或表格以图片发布、复制时丢失）时，这些数据无法核对。\n怎样改：按统一格式补上表格；若表格存在但未被识别，请上传原始 .docx/.html 文件，或确认复制时包含了表格。",
    en: "Why: the national format reports proactive disclosure, applications and reconsideration/litigation in tables 2, 3 and 4. Without them the figures cannot be checked.\nHow to fix: add the table in the national layout; if it exists but was not recognised, check the original .docx/.html file or make sure the copy includes the table.",
};

enum TableMissing {
    Absent(Table),
    Unread(Table),
}

impl Violation for TableMissing {
    fn rule(&self) -> RuleId {
        RuleId::TableMissing
    }
    fn outcome(&self) -> Outcome {
        match self {
            TableMissing::Absent(_) => Outcome::Fail,
            TableMissing::Unread(_) => Outcome::NotAssessable,
        }
    }
    fn severity(&self) -> Severity {
        match self {
            TableMissing::Absent(_) => Severity::Error,
            TableMissing::Unread(_) => Severity::Warning,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TableMissing::Absent(t), Lang::Zh) => format!("没有找到{}", table(*t, lang)),
            (TableMissing::Absent(t), Lang::En) => format!("{} was not found", table(*t, lang)),
            (TableMissing::Unread(t), Lang::Zh) => format!(
                "{}：无法校验，因为找到了表头，但未能读出表格各行（单元格可能在复制时连在一起，或表格是图片）；请上传原始 .docx/.html 文件",
                table(*t, lang)
            ),
            (TableMissing::Unread(t), Lang::En) => format!(
                "{}: cannot be checked because its header was found but no row could be read (cells may have run together when copied, or the table is an image); check the original .docx/.html file",
                table(*t, lang)
            ),
        }
    }
}

/// ROW-MISSING: a row of the template, or a caption of 表二, is not there.
pub(crate) const ROW_MISSING: Rule = Rule {
    id: RuleId::RowMissing,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Structure,
    title_zh: "缺少表格行",
    title_en: "Table row missing",
};

/// Why ROW_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const ROW_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：统一格式的每一行都对应《条例》规定的一类情形，缺行会使合计无法核对，也使报告无法与其他机关汇总。涉及该行的勾稽关系将显示为“无法校验”。\n怎样改：按统一格式补上该行；本年度没有该情形的填0，不要删除行。",
    en: "Why: every row of the national template is a category set by the Regulations; a missing row breaks the totals and the aggregation. Identities involving it are reported as not assessable.\nHow to fix: add the row; write 0 when there were no such cases, never delete the row.",
};

struct RowMissing {
    table: Table,
    row: MissingRow,
}

enum MissingRow {
    Row(&'static RowSpec),
    /// A caption of 表二 (`第二十条第（六）项`), as the template writes it.
    Caption(&'static str),
}

impl Violation for RowMissing {
    fn rule(&self) -> RuleId {
        RuleId::RowMissing
    }
    fn message(&self, lang: Lang) -> String {
        let t = table(self.table, lang);
        match (&self.row, lang) {
            (MissingRow::Row(r), Lang::Zh) => format!("{t}缺少“{}”行", r.label_zh),
            (MissingRow::Row(r), Lang::En) => format!("{t} lacks the row “{}”", r.label_en),
            (MissingRow::Caption(c), Lang::Zh) => format!("{t}缺少“{c}”行"),
            (MissingRow::Caption(c), Lang::En) => format!("{t} lacks the row “{c} (caption)”"),
        }
    }
}

/// The tables and rows of the template.
pub(super) fn tables(report: &Report, out: &mut Vec<Finding>) {
    for table in Table::ALL {
        if !report.has_table(table) {
            // The header is there but no row could be read: say so, don't call it missing.
            out.push(Finding::new(&if report.tables_seen.contains(&table) {
                TableMissing::Unread(table)
            } else {
                TableMissing::Absent(table)
            }));
            continue;
        }
        let expected: Vec<&'static RowSpec> = match table {
            Table::T2 => format::t2_rows(report.format).iter().collect(),
            Table::T3 => format::t3_rows(report.format),
            Table::T4 => Vec::new(),
        };
        for r in expected {
            if report.row(table, r.id).is_none() {
                let v = RowMissing {
                    table,
                    row: MissingRow::Row(r),
                };
                out.push(Finding::new(&v));
            }
        }
    }
}

/// COLUMN-MISSING: a row was read with fewer values than it has columns.
pub(crate) const COLUMN_MISSING: Rule = Rule {
    id: RuleId::ColumnMissing,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::OfTable,
    title_zh: "表格行缺少数据列",
    title_en: "Row lacks columns",
};

/// Why COLUMN_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const COLUMN_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表三每行应有7个数据列（自然人、5类法人或其他组织、总计），表四应有15个。少列通常是表格被合并、删列，或复制时空白单元格丢失；缺少的单元格无法参与校验。\n怎样改：补齐该行所有列，没有数据的填0。若原表完整，请上传原始 .docx/.html 文件再校验。",
    en: "Why: each table 3 row has 7 data columns and table 4 has 15. Fewer cells usually means merged or deleted columns, or blank cells lost when copying; missing cells cannot be checked.\nHow to fix: fill every column (0 where there is nothing). If the original table is complete, check the original .docx/.html file.",
};

struct ColumnMissing<'n> {
    table: Table,
    row: Option<format::RowId>,
    /// The row's label as written, if it had one.
    label: Option<&'n str>,
    /// How many cells are missing.
    n: usize,
}

impl Violation for ColumnMissing<'_> {
    fn rule(&self) -> RuleId {
        RuleId::ColumnMissing
    }
    fn message(&self, lang: Lang) -> String {
        let ColumnMissing {
            table: t,
            row,
            label,
            n,
        } = self;
        let (t, row) = (table(*t, lang), note_row(*t, *row, *label, lang));
        match lang {
            Lang::Zh => format!("{t}“{row}”行少了{n}个数据单元格"),
            Lang::En => format!("{t} row “{row}” lacks {n} data cell(s)"),
        }
    }
}

/// READ-INCOMPLETE: the reader left part of the file out, past one of its caps.
pub(crate) const READ_INCOMPLETE: Rule = Rule {
    id: RuleId::ReadIncomplete,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Structure,
    title_zh: "文件只读取了一部分",
    title_en: "File read only in part",
};

/// Why READ_INCOMPLETE exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const READ_INCOMPLETE_DOC: RuleDoc = RuleDoc {
    zh: "为什么：为了在有限的时间和内存内读完任何文件（在浏览器里也一样），读取器对页数、文字、表格线和表格单元格设有上限，远高于任何一份真实的年度报告。超过上限的部分没有读取，校验结果只涵盖已读取的内容。出现这一提示，通常说明文件异常：过大、损坏，或把多份文件合成了一个。\n怎样改：确认上传的是单份年度报告；PDF 过大或损坏时，改用报告的原始 Word 文件（.docx）或网页，或粘贴报告全文再校验。",
    en: "Why: to read any file within bounded time and memory (in the browser too), the readers cap pages, text, ruling lines and table cells, far above any real annual report. What lies past a cap is not read, and the findings cover only what was. This usually means an unusual file: very large, damaged, or several documents in one.\nHow to fix: make sure the file is one annual report; for a very large or damaged PDF, check the original Word file (.docx) or web page instead, or paste the report's text.",
};

struct ReadIncomplete(Omission);

impl Violation for ReadIncomplete {
    fn rule(&self) -> RuleId {
        RuleId::ReadIncomplete
    }
    fn message(&self, lang: Lang) -> String {
        match (self.0, lang) {
            (Omission::Pages { read }, Lang::Zh) => format!("文件只读取了前{read}页：页数、文字或数据量超过了读取上限，之后的页面没有读取，也没有校验"),
            (Omission::Pages { read }, Lang::En) => format!("Only the first {read} page(s) of the file were read: past the reader's caps on pages, text or data, the pages after them were neither read nor checked"),
            (Omission::PagePart { page }, Lang::Zh) => format!("第{page}页只读取了一部分：该页的绘制指令、文字或表格线超过了单页的读取上限，超出的部分没有读取"),
            (Omission::PagePart { page }, Lang::En) => format!("Page {page} was read only in part: past one page's caps on drawing operations, text or ruling lines, the rest was not read"),
            (Omission::Rulings { tables }, Lang::Zh) => format!("有{tables}个带框线的表格超过了读取上限，按没有框线的文字读取，其单元格可能没有读准"),
            (Omission::Rulings { tables }, Lang::En) => format!("{tables} ruled table(s) past the reader's budget were read as lines of text without their rulings, so their cells may not be read right"),
            (Omission::Cells, Lang::Zh) => "有表格单元格或段落超过了读取上限（表格过宽或内容过多），没有读取，也没有校验".to_string(),
            (Omission::Cells, Lang::En) => "Table cells or paragraphs past the reader's caps (a table too wide, or too much content) were neither read nor checked".to_string(),
        }
    }
}

/// CHECK-INCOMPLETE: a shell could not run the check (the page: its full-check module, which
/// holds the rules, could not be loaded). Raised by the shell through
/// [`crate::check_incomplete`], never by the core's own run.
pub(crate) const CHECK_INCOMPLETE: Rule = Rule {
    id: RuleId::CheckIncomplete,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Structure,
    title_zh: "没有校验",
    title_en: "Not checked",
};

/// Why CHECK_INCOMPLETE exists and how to fix it ([`RuleId::doc`]).
pub(crate) const CHECK_INCOMPLETE_DOC: RuleDoc = RuleDoc {
    zh: "为什么：网页版为了打开得快，先只加载读取和显示报告的部分；所有检查（表格的数字和勾稽关系、文字、错误定位）在检查模块中，开始使用页面时随即加载。这个模块没有加载成功时（网络中断、服务器上的页面文件版本不一致、浏览器或网站的安全设置阻止），报告只读取和显示了，没有校验，用这一提示说明，而不是显示一个没有问题的结果。这一提示与报告内容无关。\n怎样改：刷新页面后重新校验。仍然出现时，请使用单文件离线版（nianbao.html，所有模块都在一个文件里），或请网站管理员检查页面文件是否完整。",
    en: "Why: to open fast, the web page first loads only what reads and shows a report; every check (the tables' numbers and identities, the prose, the error localisation) is in the checking module, loaded as soon as the page is used. When that module could not be loaded (a network failure, page files of different versions on the server, a browser or site security setting), the report was read and shown but not checked, and this warning says so instead of showing a result without problems. It says nothing about the report itself.\nHow to fix: reload the page and check again. If it persists, use the single offline file (nianbao.html, every module in one file), or ask the site's administrator to check that the page's files are complete.",
};

struct CheckIncomplete<'a> {
    zh: &'a str,
    en: &'a str,
}

impl Violation for CheckIncomplete<'_> {
    fn rule(&self) -> RuleId {
        RuleId::CheckIncomplete
    }
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("没有校验：检查模块未能加载（{}），报告只读取和显示了，表格的数字和文字都没有检查", self.zh),
            Lang::En => format!("Not checked: the checking module could not be loaded ({}), so the report was read and shown, but neither its tables nor its prose were checked", self.en),
        }
    }
}

/// The CHECK-INCOMPLETE finding, with the shell's reason in both languages.
pub(crate) fn check_incomplete(why_zh: &str, why_en: &str) -> Finding {
    Finding::new(&CheckIncomplete {
        zh: why_zh,
        en: why_en,
    })
}

/// The reader's notes on rows it read short (COLUMN-MISSING), 表二 captions that are not
/// there (ROW-MISSING) and parts of the file left out (READ-INCOMPLETE). Other notes are no
/// structure finding: `None`.
pub(super) fn note(note: &Note) -> Option<Finding> {
    match note {
        Note::ColumnMissing {
            table,
            row,
            label,
            cells,
            span,
        } => {
            let v = ColumnMissing {
                table: *table,
                row: *row,
                label: label.as_deref(),
                n: cells.len(),
            };
            Some(Finding::new(&v).with_cells(cells.clone()).at(Some(*span)))
        }
        Note::CaptionMissing {
            table,
            caption,
            span,
        } => {
            let v = RowMissing {
                table: *table,
                row: MissingRow::Caption(caption.heading_zh),
            };
            Some(Finding::new(&v).at(*span))
        }
        Note::Incomplete(o) => Some(Finding::new(&ReadIncomplete(*o))),
        Note::Ambiguous { .. } => None,
    }
}
