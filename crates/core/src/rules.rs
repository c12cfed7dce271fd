//! The rule catalogue: every rule is data (stable id, severity, scope, zh/en message
//! templates, zh/en documentation) plus a small check function in [`crate::check`].
//!
//! The rules page of the app and `nianbao explain RULE` are generated from [`RULES`].

use crate::finding::Severity;

/// A rule's stable id (format.md §10), e.g. `T3-IDENTITY`.
pub type RuleId = &'static str;

/// The ids, as constants, so a typo is a compile error.
pub mod ids {
    pub const FORMAT_OUTDATED: &str = "FORMAT-OUTDATED";
    pub const FORMAT_MIXED: &str = "FORMAT-MIXED";
    pub const FORMAT_UNKNOWN: &str = "FORMAT-UNKNOWN";
    pub const SECTION_MISSING: &str = "SECTION-MISSING";
    pub const SECTION_ORDER: &str = "SECTION-ORDER";
    pub const TABLE_MISSING: &str = "TABLE-MISSING";
    pub const ROW_MISSING: &str = "ROW-MISSING";
    pub const COLUMN_MISSING: &str = "COLUMN-MISSING";
    pub const CELL_BLANK: &str = "CELL-BLANK";
    pub const CELL_PLACEHOLDER: &str = "CELL-PLACEHOLDER";
    pub const CELL_NOT_NUMBER: &str = "CELL-NOT-NUMBER";
    pub const CELL_NEGATIVE: &str = "CELL-NEGATIVE";
    pub const CELL_NOT_INTEGER: &str = "CELL-NOT-INTEGER";
    pub const T3_IDENTITY: &str = "T3-IDENTITY";
    pub const T3_RESULTS_TOTAL: &str = "T3-RESULTS-TOTAL";
    pub const T3_ROW_TOTAL: &str = "T3-ROW-TOTAL";
    pub const T4_GROUP_TOTAL: &str = "T4-GROUP-TOTAL";
    pub const CELLS_AMBIGUOUS: &str = "CELLS-AMBIGUOUS";
    pub const TEXT_TYPO: &str = "TEXT-TYPO";
    pub const TEXT_ENUMERATION: &str = "TEXT-ENUMERATION";
    pub const TEXT_TABLE_MISMATCH: &str = "TEXT-TABLE-MISMATCH";
    pub const FEE_STATEMENT_MISSING: &str = "FEE-STATEMENT-MISSING";
    pub const DEADLINE_LATE: &str = "DEADLINE-LATE";
    pub const CARRYOVER_MISMATCH: &str = "CARRYOVER-MISMATCH";
    pub const VALID_COUNT_CONTINUITY: &str = "VALID-COUNT-CONTINUITY";
}

/// Which report formats a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every report.
    All,
    /// Reports on the 2019 or 2021 national format (including mixed).
    NationalTables,
}

impl Scope {
    pub fn describe(self, lang: crate::Lang) -> &'static str {
        match (self, lang) {
            (Scope::All, crate::Lang::Zh) => "所有报告",
            (Scope::All, crate::Lang::En) => "all reports",
            (Scope::NationalTables, crate::Lang::Zh) => "2019年试行格式和2021年版格式的报告",
            (Scope::NationalTables, crate::Lang::En) => {
                "reports on the 2019 trial or 2021 national format"
            }
        }
    }
}

#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub severity: Severity,
    pub scope: Scope,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Message template for a failed check; `{name}` placeholders are filled from the finding's params.
    pub message_zh: &'static str,
    pub message_en: &'static str,
    /// Message template when the rule could not be evaluated.
    pub not_assessable_zh: &'static str,
    pub not_assessable_en: &'static str,
    /// Why the rule exists and how to fix the report.
    pub doc_zh: &'static str,
    pub doc_en: &'static str,
}

const NA_ZH: &str = "{table}{where}：无法校验，因为{why}";
const NA_EN: &str = "{table}{where}: cannot be checked because {why}";

pub static RULES: &[Rule] = &[
    Rule {
        id: ids::FORMAT_OUTDATED,
        severity: Severity::Error,
        scope: Scope::All,
        title_zh: "使用了过时的报告格式",
        title_en: "Outdated report format",
        message_zh: "{year}年度报告仍使用2019年试行格式；2021年度起应使用国办公开办函〔2021〕30号印发的格式",
        message_en: "The {year} report still uses the 2019 trial format; reports for 2021 and later must use the format of 国办公开办函〔2021〕30号",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：自2021年度报告起，全国统一使用国办公开办函〔2021〕30号修订的《中华人民共和国政府信息公开工作年度报告格式》。2019年试行格式的表二（本年新制作数量、上一年项目数量、政府集中采购等）和表三单行“（六）其他处理”已不再适用，使用旧格式的报告无法与其他报告汇总比较。\n怎样改：按2021年版格式重做表二（制发/废止/现行有效；本年处理决定数量；本年收费金额（万元）），并把表三“（六）其他处理”拆为“1.逾期不补正”“2.逾期未缴费”“3.其他”三行。",
        doc_en: "Why: since the 2021 reports, every body must use the revised national format issued with 国办公开办函〔2021〕30号. The 2019 trial tables (new-made/new-published counts, previous-year items, government procurement, a single （六）其他处理 row) no longer apply, and a report on them cannot be aggregated with others.\nHow to fix: redo table 2 in the 2021 layout (made / repealed / in force; decisions this year; fees in 10,000 yuan) and split table 3's （六）其他处理 into its three 2021 rows.",
    },
    Rule {
        id: ids::FORMAT_MIXED,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "格式混用：表三“（六）其他处理”仍为2019年单行",
        title_en: "Mixed format: table 3 still has the single 2019 （六） row",
        message_zh: "报告按2021年版格式填写，但表三“（六）其他处理”只有一行（2019年试行格式），缺少“1.逾期不补正”“2.逾期未缴费”“3.其他”三行",
        message_en: "The report uses the 2021 format, but table 3 row （六）其他处理 is a single 2019-style row instead of the three 2021 rows",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：2021年版格式把表三“（六）其他处理”细分为三行：申请人逾期不补正、申请人逾期未按收费通知缴费、其他。只填一行会丢失这一分类，与全国汇总口径不一致。报告其余部分仍会完整校验（以单行计入办理结果合计）。\n怎样改：把“（六）其他处理”的数字按原因拆分到三行中，三行之和应等于原单行。",
        doc_en: "Why: the 2021 format splits （六）其他处理 into three rows (not corrected in time, fee not paid, other). A single row loses that breakdown. The rest of the report is still fully checked, with the single row counted in the outcome total.\nHow to fix: split the row's numbers by reason into the three 2021 rows; they must add up to the old single row.",
    },
    Rule {
        id: ids::FORMAT_UNKNOWN,
        severity: Severity::Warning,
        scope: Scope::All,
        title_zh: "未能识别报告格式",
        title_en: "Report format not recognised",
        message_zh: "未能识别报告格式：没有找到表二、表三的表头或行，表格数据无法校验（表格可能以图片形式发布）",
        message_en: "The report format was not recognised: no header or row of tables 2 and 3 was found, so the tables cannot be checked (they may have been published as images)",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：表格数据是年度报告的核心。若表格以图片发布或复制时丢失，就无法核对数字，这本身也不符合政府信息公开应便于公众获取的要求。\n怎样改：以文字表格（而非图片）发布表二、表三、表四；校验时请粘贴包含表格的全文，或直接上传 .docx/.html 文件。",
        doc_en: "Why: the tables are the core of the report. Tables published as images (or lost when copying) cannot be checked.\nHow to fix: publish tables 2–4 as text tables, not images; paste the full text including the tables, or check the .docx/.html file.",
    },
    Rule {
        id: ids::SECTION_MISSING,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "缺少章节",
        title_en: "Section missing",
        message_zh: "缺少第{num}部分“{heading}”",
        message_en: "Section {num} “{heading}” is missing",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：《政府信息公开条例》第五十条规定了年度报告必须包括的内容，全国统一格式据此设置六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少任何一部分都属于“内容不全面”。\n怎样改：按统一格式补齐缺少的部分，标题使用标准表述。若本年度确无相关情况，也应保留该部分并写明“无”或填0。",
        doc_en: "Why: article 50 of the Regulations lists what the annual report must contain; the national format turns this into six sections. A missing section makes the report incomplete.\nHow to fix: add the missing section with its standard heading; if there is nothing to report, keep the section and say so (or fill in 0).",
    },
    Rule {
        id: ids::SECTION_ORDER,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "章节编号或顺序错误",
        title_en: "Section numbering or order wrong",
        message_zh: "章节“{heading}”编号或顺序有误：应为第{expected}部分“{standard}”",
        message_en: "Section “{heading}” is misnumbered or out of order: it should be section {expected} “{standard}”",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：统一格式规定了六个部分的编号和顺序，读者和汇总工具依靠编号定位内容。编号重复（如两个“二、”）或跳号，说明报告在编辑时出现了疏漏。\n怎样改：按“一、二、三、四、五、六”依次编号，顺序与统一格式一致。",
        doc_en: "Why: the national format fixes the numbering and order of the six sections; readers and aggregation tools rely on it. A duplicated or skipped numeral is an editing slip.\nHow to fix: number the sections 一 to 六 in the order of the national format.",
    },
    Rule {
        id: ids::TABLE_MISSING,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "缺少表格",
        title_en: "Table missing",
        message_zh: "没有找到{table}",
        message_en: "{table} was not found",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：统一格式要求以表二、表三、表四报告主动公开、依申请公开和复议诉讼数据。缺少表格（或表格以图片发布、复制时丢失）时，这些数据无法核对。\n怎样改：按统一格式补上表格；若表格存在但未被识别，请上传原始 .docx/.html 文件，或确认复制时包含了表格。",
        doc_en: "Why: the national format reports proactive disclosure, applications and reconsideration/litigation in tables 2, 3 and 4. Without them the figures cannot be checked.\nHow to fix: add the table in the national layout; if it exists but was not recognised, check the original .docx/.html file or make sure the copy includes the table.",
    },
    Rule {
        id: ids::ROW_MISSING,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "缺少表格行",
        title_en: "Table row missing",
        message_zh: "{table}缺少“{row}”行",
        message_en: "{table} lacks the row “{row}”",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：统一格式的每一行都对应《条例》规定的一类情形，缺行会使合计无法核对，也使报告无法与其他机关汇总。涉及该行的勾稽关系将显示为“无法校验”。\n怎样改：按统一格式补上该行；本年度没有该情形的填0，不要删除行。",
        doc_en: "Why: every row of the national template is a category set by the Regulations; a missing row breaks the totals and the aggregation. Identities involving it are reported as not assessable.\nHow to fix: add the row; write 0 when there were no such cases, never delete the row.",
    },
    Rule {
        id: ids::COLUMN_MISSING,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "表格行缺少数据列",
        title_en: "Row lacks columns",
        message_zh: "{table}“{row}”行少了{n}个数据单元格",
        message_en: "{table} row “{row}” lacks {n} data cell(s)",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：表三每行应有7个数据列（自然人、5类法人或其他组织、总计），表四应有15个。少列通常是表格被合并、删列，或复制时空白单元格丢失；缺少的单元格无法参与校验。\n怎样改：补齐该行所有列，没有数据的填0。若原表完整，请上传原始 .docx/.html 文件再校验。",
        doc_en: "Why: each table 3 row has 7 data columns and table 4 has 15. Fewer cells usually means merged or deleted columns, or blank cells lost when copying; missing cells cannot be checked.\nHow to fix: fill every column (0 where there is nothing). If the original table is complete, check the original .docx/.html file.",
    },
    Rule {
        id: ids::CELL_BLANK,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "单元格空白",
        title_en: "Blank cell",
        message_zh: "{table}有{n}个单元格空白（应填写数字，没有的填0）：{list}",
        message_en: "{table} has {n} blank cell(s) (write a number, 0 when there is none): {list}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：空白不等于0。空白单元格让读者无法分辨“没有发生”与“漏填”，也使相关勾稽关系无法校验。总计单元格空白而其组成部分不为0时，属于错误（例如“总计”列整列未填）。\n怎样改：没有发生的填0；总计按各项之和填写。本工具从不把空白当作0。",
        doc_en: "Why: blank is not 0. A blank cell cannot be told apart from an omission and makes the identities involving it uncheckable. A blank total whose parts are not all 0 is an error (e.g. an unfilled 总计 column).\nHow to fix: write 0 where nothing happened and fill totals with the sum of their parts. This tool never reads a blank as 0.",
    },
    Rule {
        id: ids::CELL_PLACEHOLDER,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "单元格为占位符",
        title_en: "Placeholder instead of a number",
        message_zh: "{table}有{n}个单元格填写了占位符而非数字：{list}",
        message_en: "{table} has {n} cell(s) with a placeholder instead of a number: {list}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：统一格式的表格要求填写数字。“/”“—”“无”等占位符含义不明（是0，还是不适用、未统计？），相关勾稽关系无法校验。\n怎样改：没有发生的填0。",
        doc_en: "Why: the national tables expect numbers. Placeholders such as /, — or 无 are ambiguous (zero? not applicable? not counted?) and make the identities uncheckable.\nHow to fix: write 0 where nothing happened.",
    },
    Rule {
        id: ids::CELL_NOT_NUMBER,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "单元格不是数字",
        title_en: "Cell is not a number",
        message_zh: "{table}“{row}”行“{col}”列的内容“{raw}”不是数字",
        message_en: "{table} row “{row}”, column “{col}”: “{raw}” is not a number",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：表格单元格应只填数字；带单位（如“12件”“251000元”）或文字的内容无法参与合计，单位也可能与表头不一致（表二收费金额的单位是万元）。\n怎样改：只填数字，单位以表头为准。",
        doc_en: "Why: table cells must hold numbers only; text or units (12件, 251000元) cannot be summed and may contradict the unit in the header (table 2 fees are in 10,000 yuan).\nHow to fix: write the bare number, in the unit of the header.",
    },
    Rule {
        id: ids::CELL_NEGATIVE,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "数量为负数",
        title_en: "Negative count",
        message_zh: "{table}“{row}”行“{col}”列为负数（{raw}）",
        message_en: "{table} row “{row}”, column “{col}” is negative ({raw})",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：件数和金额不可能为负。只有2019年试行格式表二的“本年增/减”列允许负数（减少用负值表示）。\n怎样改：核对原始台账，填写正确的非负数。",
        doc_en: "Why: counts and amounts cannot be negative; only the 2019 table 2 column 本年增/减 (change) may be.\nHow to fix: check the records and write the correct non-negative number.",
    },
    Rule {
        id: ids::CELL_NOT_INTEGER,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "件数不是整数",
        title_en: "Count is not an integer",
        message_zh: "{table}“{row}”行“{col}”列是件数，应为整数，实际为{raw}",
        message_en: "{table} row “{row}”, column “{col}” is a count and must be an integer, found {raw}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：申请、文件、决定、案件的件数只能是整数。只有金额（表二“本年收费金额（单位：万元）”等）可以有小数。\n怎样改：填写整数件数；若填的是金额，请移到金额栏。",
        doc_en: "Why: numbers of applications, documents, decisions and cases are whole numbers; only amounts (table 2 fees in 10,000 yuan) may have decimals.\nHow to fix: write the whole count.",
    },
    Rule {
        id: ids::T3_IDENTITY,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
        title_en: "Table 3 identity: I + II = III + IV",
        message_zh: "表三“{col}”列：第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）",
        message_en: "Table 3 column “{col}”: I + II ({left}) does not equal III + IV ({right})",
        not_assessable_zh: "表三“{col}”列的勾稽关系无法校验，因为{why}",
        not_assessable_en: "Table 3 column “{col}”: the identity cannot be checked because {why}",
        doc_zh: "为什么：表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。即每一列都应满足：本年新收 + 上年结转 = 本年度办理结果（七）总计 + 结转下年度继续办理。不相等说明有申请被漏记、重复计入或结转数填错。\n怎样改：逐列核对该列的四个数；“可疑单元格”给出了最可能填错的格。常见原因是（七）总计只加了部分办理结果，或结转下年度漏填。",
        doc_en: "Why: table 3's header states the identity for every column: new this year + carried over = (七) total handled + carried to next year. A mismatch means applications were lost, double-counted or carried over wrongly.\nHow to fix: check the four numbers of the column; the suspect cells are the most likely wrong ones.",
    },
    Rule {
        id: ids::T3_RESULTS_TOTAL,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "表三办理结果合计：（七）总计等于（一）至（六）各项之和",
        title_en: "Table 3 outcome total: (七) = sum of (一)…(六)",
        message_zh: "表三“{col}”列：（一）至（六）各项办理结果之和为{expected}，但“（七）总计”为{actual}",
        message_en: "Table 3 column “{col}”: outcomes (1)…(6) add up to {expected}, but (7) Total is {actual}",
        not_assessable_zh: "表三“{col}”列的办理结果合计无法校验，因为{why}",
        not_assessable_en: "Table 3 column “{col}”: the outcome total cannot be checked because {why}",
        doc_zh: "为什么：表三“部分公开”一行注明“区分处理的，只计这一情形，不计其他情形”，即每件申请只计入一种办理结果，所以（七）总计应等于（一）予以公开、（二）部分公开、（三）不予公开1–8、（四）无法提供1–3、（五）不予处理1–5、（六）其他处理各项之和。\n怎样改：重新合计该列各项办理结果，或检查是否有申请被计入了两种结果。",
        doc_en: "Why: each application is counted under exactly one outcome (“区分处理的，只计这一情形”), so (七) total must equal the sum of outcomes (一) to (六).\nHow to fix: re-add the column's outcomes, or look for an application counted twice.",
    },
    Rule {
        id: ids::T3_ROW_TOTAL,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "表三总计列：总计等于各类申请人之和",
        title_en: "Table 3 total column: total = sum of applicant types",
        message_zh: "表三“{row}”行：各类申请人之和为{expected}，但“总计”为{actual}",
        message_en: "Table 3 row “{row}”: the applicant columns add up to {expected}, but the total is {actual}",
        not_assessable_zh: "表三“{row}”行的总计无法校验，因为{why}",
        not_assessable_en: "Table 3 row “{row}”: the total cannot be checked because {why}",
        doc_zh: "为什么：表三“总计”列是自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和，每一行都应相等。\n怎样改：重新合计该行，或检查是否有数字填错列。",
        doc_en: "Why: the 总计 column of table 3 is the sum of natural persons and the five kinds of organisations, in every row.\nHow to fix: re-add the row, or look for a number in the wrong column.",
    },
    Rule {
        id: ids::T4_GROUP_TOTAL,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "表四总计：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        title_en: "Table 4 total = upheld + corrected + other + pending",
        message_zh: "表四“{group}”：结果维持、结果纠正、其他结果、尚未审结之和为{expected}，但“总计”为{actual}",
        message_en: "Table 4 “{group}”: upheld + corrected + other + pending = {expected}, but the total is {actual}",
        not_assessable_zh: "表四“{group}”的总计无法校验，因为{why}",
        not_assessable_en: "Table 4 “{group}”: the total cannot be checked because {why}",
        doc_zh: "为什么：表四行政复议、未经复议直接起诉、复议后起诉三组各有“总计”，应等于该组结果维持、结果纠正、其他结果、尚未审结四项之和。实际报告中常见总计误填为0而各项之和不为0。\n怎样改：重新合计该组四项并填入总计。",
        doc_en: "Why: each of the three groups of table 4 (reconsideration, direct litigation, litigation after reconsideration) has a total that must equal upheld + corrected + other + pending. Totals printed as 0 while the parts are not are a common error.\nHow to fix: add up the four parts and write the sum as the total.",
    },
    Rule {
        id: ids::CELLS_AMBIGUOUS,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "表格数字连在一起，无法唯一拆分",
        title_en: "Run-together cells cannot be split uniquely",
        message_zh: "{table}“{row}”行的数字连在一起（“{raw}”），有{n}种拆分都符合表内关系，无法确定各单元格的值，例如：{candidates}",
        message_en: "{table} row “{row}”: the numbers ran together (“{raw}”) and {n} different splits fit the table's identities, so the cells cannot be determined; e.g. {candidates}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：有些网页把表格转成了连续文字，单元格之间没有分隔（如“640020470”）。本工具按行合计、列勾稽关系枚举所有可能的拆分；只有一种拆分成立时才采用，多种拆分都成立时不猜测，这些单元格不参与校验，也不会因此报出算术错误。\n怎样改：检查原始报告（.docx/.pdf 或网页表格），或上传原始文件再校验；发布网页时应保留表格结构，不要把表格转成连续文字。",
        doc_en: "Why: some pages turn tables into running text with no separator between cells (640020470). nianbao enumerates every split that satisfies the row totals and column identities, uses a split only when it is unique, and never guesses: ambiguous cells are left out and no arithmetic error is reported on them.\nHow to fix: check the original report (.docx/.pdf or the page's table), or check the original file; publish tables as tables, not running text.",
    },
    Rule {
        id: ids::TEXT_TYPO,
        severity: Severity::Warning,
        scope: Scope::All,
        title_zh: "疑似错别字或重复字词",
        title_en: "Probable typo or repeated word",
        message_zh: "疑似{kind}：“{found}”{hint}",
        message_en: "Probable {kind}: “{found}”{hint}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：年度报告是正式公开的政府文件，错别字、重复字词（如“审核审核”“的的”）、书名号或括号不配对、标题或表格行名与统一格式不一致，都会影响报告的严肃性，也是审查中常见的扣分项。本规则检查：连续重复的字词；同一段内未闭合的《》（）；统一格式章节标题和表格行名中多字、少字、错字；常见的政务文稿错别字。\n怎样改：按提示核对原文并改正。提示只是“疑似”，确属正确用法的可忽略。",
        doc_en: "Why: the annual report is a formal public document; typos, doubled words, unbalanced book-title marks or brackets, and headings or row labels that deviate from the national format undermine it and are common review deductions. Checked: consecutive repeated words; 《 or （ not closed in the same paragraph; one-character slips in the standard headings and table labels; a list of common typos in government writing.\nHow to fix: check the passage and correct it; these are probable, not certain, errors.",
    },
    Rule {
        id: ids::TEXT_ENUMERATION,
        severity: Severity::Warning,
        scope: Scope::All,
        title_zh: "列举序号重复、跳号，或分项之和与总数不符",
        title_en: "Enumeration numbered wrongly, or parts that do not add up",
        message_zh: "{kind}：“{found}”{problem}",
        message_en: "{kind}: “{found}”{problem}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：报告正文常用“一是……二是……三是……”列举措施，序号重复（如“一是……三是……三是”）、跳号或倒序，说明文稿在修改中删改了段落却没有重新编号。正文列举办理结果时（答复N件，其中予以公开……不予公开……无法提供……不予处理……其他处理……），各项之和也应等于总数。\n怎样改：按出现顺序重新编号；核对列举的各项数字，使其与总数一致。",
        doc_en: "Why: reports list measures as 一是…二是…三是; a repeated, skipped or reversed ordinal (一是…三是…三是) shows the text was edited without renumbering. When the text breaks a total down into outcomes (答复 N 件: 予以公开…不予公开…无法提供…不予处理…其他处理), the parts must add up to the total.\nHow to fix: renumber the items in order; make the listed parts agree with the total.",
    },
    Rule {
        id: ids::TEXT_TABLE_MISMATCH,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "正文数字与表格不一致",
        title_en: "Text contradicts the tables",
        message_zh: "正文“{found}”与{table}不一致：表中{what}为{actual}",
        message_en: "The text “{found}” contradicts {table}: the table gives {what} = {actual}",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：总体情况等正文中的数字（收到申请多少件、是否发生行政复议诉讼等）应与表三、表四一致。不一致时读者无从判断哪个正确。本规则只检查口径明确的说法：“未收到政府信息公开申请”与表三本年新收；“收到/受理申请N件”与表三本年新收（或新收加上年结转）；“未发生行政复议、行政诉讼”“均获维持”与表四；“予以公开N件”“不予公开N件”等各类办理结果与表三对应各行的总计（总计栏整栏空白时，用各类申请人之和比较，其中空白按0计——仅用于这一比较，报告中的数字不作任何改动）。\n怎样改：核对后统一正文与表格；若口径不同（如只统计某一部门），在正文中写明口径。",
        doc_en: "Why: figures in the text (applications received, whether there were reconsiderations or lawsuits) must agree with tables 3 and 4. Only unambiguous statements are compared: 未收到申请 vs new applications; 收到/受理 N 件 vs new (or new + carried over) applications; 未发生行政复议、行政诉讼 and 均获维持 vs table 4; 予以公开 N 件, 不予公开 N 件 … vs the totals of those table 3 rows (when a category's 总计 column is entirely blank, the applicant columns are summed with blanks as 0 — for this comparison only; the report's numbers are never changed).\nHow to fix: make text and tables agree, or state the different scope in the text.",
    },
    Rule {
        id: ids::FEE_STATEMENT_MISSING,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "未说明信息处理费收取情况",
        title_en: "No statement on information processing fees",
        message_zh: "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况",
        message_en: "Section VI does not state whether information processing fees were charged",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）施行后，2021年版格式要求在“六、其他需要报告的事项”中报告本机关收取信息处理费的情况（收取金额，或未收取）。\n怎样改：在第六部分写明“依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费X元”或“未收取信息处理费”。",
        doc_en: "Why: since the information processing fee measures (国办函〔2020〕109号), the 2021 format expects section VI to state the fees charged (an amount, or none).\nHow to fix: add a sentence to section VI stating the fees charged this year, or that none were charged.",
    },
    Rule {
        id: ids::DEADLINE_LATE,
        severity: Severity::Warning,
        scope: Scope::All,
        title_zh: "报告发布晚于法定期限",
        title_en: "Published after the legal deadline",
        message_zh: "报告发布日期{date}晚于法定期限{deadline}（{who}）",
        message_en: "The report was published on {date}, after the deadline of {deadline} ({who})",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：《政府信息公开条例》第四十九条规定，县级以上人民政府部门应当在每年1月31日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的本级政府年度报告应当在每年3月31日前公布（2019年修订前为3月31日）。“不按时发布”是国办公开办函〔2021〕30号列明的问题。本规则只在报告里写明了发布日期（网页的“发布时间”“发布日期”，或文末落款日期）时检查；机关类型按报告标题判断（……局、委、办等为部门，……人民政府、管委会等为本级政府）。\n怎样改：按期发布；若发布日期是转载或更新日期，请以首次发布日期为准。",
        doc_en: "Why: article 49 of the Regulations: departments of governments at county level and above publish by 31 January, local governments' own reports by 31 March (31 March for everyone before the 2019 revision). Late publication is an official fault category. Checked only when the report states its publication date (page metadata 发布时间/发布日期, or the signature date); the kind of body is inferred from the title.\nHow to fix: publish on time; if the date shown is a repost or update date, use the first publication date.",
    },
    Rule {
        id: ids::CARRYOVER_MISMATCH,
        severity: Severity::Error,
        scope: Scope::NationalTables,
        title_zh: "上年结转与上一年度报告的结转下年度不一致",
        title_en: "Carried over ≠ last year's carried forward",
        message_zh: "表三“{col}”列：本年“二、上年结转”为{actual}，但{last_year}年度报告“四、结转下年度继续办理”为{expected}",
        message_en: "Table 3 column “{col}”: carried over this year is {actual}, but the {last_year} report carried forward {expected}",
        not_assessable_zh: "跨年度核对无法进行，因为{why}",
        not_assessable_en: "The cross-year check cannot be made because {why}",
        doc_zh: "为什么：本年度表三“二、上年结转政府信息公开申请数量”就是上一年度报告表三“四、结转下年度继续办理”的数量，每一列都应相等（2021年格式调整没有改变表三的列）。不一致说明某一年的结转数填错，或有申请在两年之间丢失或重复统计。本规则需要同时提供同一机关上一年度的报告。\n怎样改：核对两年的台账，改正填错的一方；若上一年度报告有误，应在本年度报告中说明。",
        doc_en: "Why: this year's 上年结转 (carried over) is last year's 结转下年度继续办理 (carried forward), column by column. A difference means one year's figure is wrong, or applications were lost or counted twice between the years. Needs last year's report of the same body.\nHow to fix: check both years' records and correct the wrong one.",
    },
    Rule {
        id: ids::VALID_COUNT_CONTINUITY,
        severity: Severity::Warning,
        scope: Scope::NationalTables,
        title_zh: "现行有效件数与上一年度不衔接",
        title_en: "Documents in force do not follow from last year",
        message_zh: "表二“{row}”：上年现行有效{last}件，加本年制发{made}件、减本年废止{repealed}件应为{expected}件，但本年现行有效为{actual}件",
        message_en: "Table 2 “{row}”: last year {last} in force + {made} made − {repealed} repealed = {expected}, but {actual} are in force this year",
        not_assessable_zh: NA_ZH,
        not_assessable_en: NA_EN,
        doc_zh: "为什么：现行有效件数应大致等于上年现行有效件数加本年制发、减本年废止。修订、清理或统计口径调整会带来出入，所以这是提示性检查（警告），但差异应当能够解释。本规则需要同时提供同一机关上一年度的报告。\n怎样改：核对文件清理台账；如口径调整，在正文中说明。",
        doc_en: "Why: documents in force should roughly equal last year's in force + made − repealed. Revisions and re-counting cause differences, so this is a warning, but the difference should be explainable. Needs last year's report of the same body.\nHow to fix: check the document records, or explain the change of scope in the text.",
    },
];

/// Looks up a rule by id. Every id used in the crate is in [`RULES`] (checked by a test).
pub fn rule(id: &str) -> &'static Rule {
    RULES.iter().find(|r| r.id == id).unwrap_or(&RULES[0])
}

/// Looks up a rule by id, case-insensitively; `None` for an unknown id.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.eq_ignore_ascii_case(id.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_constant_has_a_rule_with_docs() {
        let all = [
            ids::FORMAT_OUTDATED,
            ids::FORMAT_MIXED,
            ids::FORMAT_UNKNOWN,
            ids::SECTION_MISSING,
            ids::SECTION_ORDER,
            ids::TABLE_MISSING,
            ids::ROW_MISSING,
            ids::COLUMN_MISSING,
            ids::CELL_BLANK,
            ids::CELL_PLACEHOLDER,
            ids::CELL_NOT_NUMBER,
            ids::CELL_NEGATIVE,
            ids::CELL_NOT_INTEGER,
            ids::T3_IDENTITY,
            ids::T3_RESULTS_TOTAL,
            ids::T3_ROW_TOTAL,
            ids::T4_GROUP_TOTAL,
            ids::CELLS_AMBIGUOUS,
            ids::TEXT_TYPO,
            ids::TEXT_ENUMERATION,
            ids::TEXT_TABLE_MISMATCH,
            ids::FEE_STATEMENT_MISSING,
            ids::DEADLINE_LATE,
            ids::CARRYOVER_MISMATCH,
            ids::VALID_COUNT_CONTINUITY,
        ];
        assert_eq!(all.len(), RULES.len());
        for id in all {
            let r = find_rule(id).unwrap_or_else(|| panic!("no rule {id}"));
            assert!(
                r.doc_zh.contains("为什么") && r.doc_zh.contains("怎样改"),
                "{id}"
            );
            assert!(
                r.doc_en.contains("Why") && r.doc_en.contains("How to fix"),
                "{id}"
            );
            assert!(!r.message_zh.is_empty() && !r.message_en.is_empty());
        }
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "duplicate rule id");
    }
}
