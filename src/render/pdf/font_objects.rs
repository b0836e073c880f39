//! A font part as the objects that embed it: the Type0 font, its CIDFont
//! (default width and `W` runs), the descriptor, the program and the
//! ToUnicode CMap.

use pdf_writer::types::{CidFontType, FontFlags};
use pdf_writer::{Finish, Name, Rect, Ref};

use super::cidmaps::{self, DEFAULT_WIDTH};
use super::file::Objects;
use super::subset::{system_info, FontPart};
use crate::typeset::fonts::FontSet;

impl Objects {
    /// Write `part` as the objects `refs`: Type0 font (the one pages
    /// name), CIDFont, descriptor, program, ToUnicode.
    pub fn font(&mut self, fonts: &FontSet, part: &FontPart, refs: [Ref; 5]) {
        let [type0, cid, desc, file, cmap] = refs;
        let base = Name(part.base_name.as_bytes());
        self.packed(type0)
            .type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
        let mut c = self.packed(cid).cid_font(cid);
        c.subtype(if part.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(base)
        .system_info(system_info())
        .font_descriptor(desc)
        .default_width(DEFAULT_WIDTH);
        if part.widths.iter().any(|&(_, w)| w != DEFAULT_WIDTH) {
            cidmaps::widths(&mut c.widths(), &part.widths);
        }
        if !part.cff {
            c.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        c.finish();
        let m = fonts.metrics(part.face);
        let mut d = self.packed(desc).font_descriptor(desc);
        d.name(base)
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(m.bbox[0], m.bbox[1], m.bbox[2], m.bbox[3]))
            .italic_angle(0.0)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(80.0);
        if part.cff {
            d.font_file3(file);
        } else {
            d.font_file2(file);
        }
        d.finish();
        let subtype: &[u8] = match (part.bare, part.cff) {
            (true, _) => b"/Filter/FlateDecode/Subtype/CIDFontType0C",
            (false, true) => b"/Filter/FlateDecode/Subtype/OpenType",
            (false, false) => b"/Filter/FlateDecode",
        };
        self.stream(file, subtype, &part.program);
        self.stream(cmap, b"/Filter/FlateDecode", &part.to_unicode);
    }
}
