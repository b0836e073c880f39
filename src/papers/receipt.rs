//! The receipt (报名回执): its layout text, its PDF and its QR code's text.

use super::input::YearInput;
use super::Plan;
use crate::data::Candidate;
use crate::diag::Diagnostic;
use crate::render::pdf::writer::Meta;

impl Plan {
    /// The layout text of `c`'s receipt, its verification code filled in.
    pub fn receipt_text(&self, y: &YearInput, c: &Candidate) -> Result<String, Diagnostic> {
        let v = y.view(c);
        let code = y.code(&self.key, c, &v);
        self.layout_text(y, "receipt", Some(c), &v, &code)
    }

    /// The receipt PDF from its layout text.
    pub fn receipt_pdf(
        &self,
        y: &YearInput,
        c: &Candidate,
        text: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let pages = self.lay_out_text(y, "receipt", Some(c), text, None)?;
        let title = format!(
            "{}年报名回执 {}",
            y.year,
            c.registration_number.as_deref().unwrap_or("")
        );
        let pages: Vec<_> = pages.into_iter().map(|page| (page, None)).collect();
        let meta = Meta {
            title: &title,
            author: &self.authority,
            subject: None,
            date: None,
        };
        crate::render::pdf::document(&self.fonts, Some(&self.receipt.shared), &pages, &meta)
            .map_err(|e| Diagnostic::error(e.to_string()).in_file(&y.list.file))
    }
}

/// The text of a receipt's QR code: what a phone's scanner shows. A title
/// line, then one fact a line, `label:value`: the candidate's own facts,
/// the ID masked, 志愿类别 only when it differs from 报考类别; the dates,
/// the same for a whole category, are left out to keep the code small
/// enough to scan from paper. The verification code comes last:
///
/// ```text
/// 2024年报名回执
/// 报名号:244300000004
/// 姓名:钟明
/// 性别:男
/// 身份证号:430405********1672
/// 院校:湖南化工职业技术学院
/// 专业:大数据技术
/// 报考类别:普通计划
/// 资格审核:通过
/// 验证码:QVDJ-TXQT-JM67-KGWM-BPBA
/// ```
pub fn qr_payload(year: i32, facts: &[(String, String)], code: &str) -> String {
    let mut s = format!("{year}年报名回执\n");
    let category = facts.iter().find(|(k, _)| k == "报考类别").map(|(_, v)| v);
    for (k, v) in facts {
        if k == "志愿类别" && Some(v) == category {
            continue;
        }
        s.push_str(&format!("{k}:{v}\n"));
    }
    s.push_str(&format!("验证码:{code}"));
    s
}
