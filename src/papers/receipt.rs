//! The receipt (报名回执): its layout text, its PDF and its QR code's text.

use sha2::{Digest, Sha256};

use super::input::{CandidateView, YearInput};
use super::Plan;
use crate::data::{Candidate, Field};
use crate::diag::Diagnostic;

impl Plan {
    /// The hash of everything that decides the receipt of `c` published as
    /// `public`: its kind's fingerprint, the year's, the year's salt (which
    /// follows the key, and with it the verification code) and every value
    /// of the candidate the template or the code sees; the template is not
    /// run, nor the code computed, so an unchanged receipt costs one hash.
    pub(super) fn receipt_hash(&self, year: usize, c: &Candidate, public: &str) -> [u8; 32] {
        let y = &self.years[year];
        let label = |id: &str| y.categories.get(id).map_or("", |(n, _)| n.as_str());
        let exempt = y.categories.get(c.category()).is_some_and(|(_, e)| *e);
        let mut h = Sha256::new();
        for s in [
            self.receipt.fingerprint.as_str(),
            &self.year_fingerprints[year],
            y.salt.as_deref().unwrap_or(""),
            public,
            label(c.category()),
            label(c.choice().unwrap_or("")),
        ] {
            put(&mut h, s);
        }
        // Every field named, so that a field added to the list does not
        // compile here until it is hashed or said not to decide the receipt.
        for f in Field::ALL {
            match f {
                // Decides the key, hence `public`.
                Field::Phone => continue,
                Field::Name
                | Field::IdNumber
                | Field::College
                | Field::Major
                | Field::Category
                | Field::Choice
                | Field::Registration => put(&mut h, c.get(f)),
            }
        }
        // `row`, where it stands in the file, is not printed.
        h.update([c.sex as u8, c.review as u8, u8::from(exempt)]);
        for k in &y.list.extra_keys {
            put(&mut h, k);
            put(&mut h, c.extra(k));
        }
        h.finalize().into()
    }

    /// The layout text of `c`'s receipt, its verification code filled in.
    pub fn receipt_text(&self, y: &YearInput, c: &Candidate) -> Result<String, Diagnostic> {
        let v = y.view(c);
        let code = y.code(&self.key, c, &v);
        self.layout_text(y, "receipt", Some(c), &v, &code)
    }

    /// The receipt PDF of `c`, from the values its template sees.
    pub(super) fn receipt_pdf(
        &self,
        y: &YearInput,
        c: &Candidate,
        v: &CandidateView,
        code: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        let pages = self.pages(y, "receipt", Some(c), (v, code), None, false)?;
        let title = format!(
            "{}年报名回执 {}",
            y.year,
            c.registration_number().unwrap_or("")
        );
        let pages: Vec<_> = pages.into_iter().map(|page| (page, None)).collect();
        self.assemble(&self.receipt, &pages, &title)
            .map_err(|d| d.in_file(&y.list.file))
    }
}

/// One value into a hash, with its length: no two lists of values hash alike.
fn put(h: &mut Sha256, s: &str) {
    h.update((s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
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
