//! What the photo box needs from a picture file, without an imaging
//! library: a JPEG's size and colours read from its header (one that fits
//! the box goes into the PDF as it is, which PDF readers decode themselves;
//! a larger one is decoded, shrunk and encoded again), a PNG decoded to
//! 8-bit RGB on white paper and shrunk to fit the box.

use std::io::Cursor;

/// A JPEG's frame: size and number of colour components (1 grey, 3 colour).
#[derive(Debug, PartialEq)]
pub struct JpegFrame {
    pub width: u32,
    pub height: u32,
    pub components: u8,
}

/// Walk the JPEG's segments to its frame header and check the file is whole
/// (its image data ends with the end-of-image marker).
pub fn jpeg_frame(bytes: &[u8]) -> Result<JpegFrame, String> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(crate::t!("jpeg-no-start"));
    }
    let mut at = 2;
    let mut frame = None;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(crate::t!("jpeg-broken-at", at = at));
        };
        let len = bytes
            .get(at + 2..at + 4)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
            .filter(|&l| l >= 2 && at + 2 + l <= bytes.len())
            .ok_or_else(|| crate::t!("jpeg-cut-short"))?;
        let body = &bytes[at + 4..at + 2 + len];
        match marker {
            // Start of frame: baseline, extended, progressive (Huffman coded).
            0xC0..=0xC2 => frame = Some(sof(body)?),
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(crate::t!("jpeg-lossless"))
            }
            0xDA => break,
            _ => {}
        }
        at += 2 + len;
    }
    let frame = frame.ok_or_else(|| crate::t!("jpeg-no-frame"))?;
    let end = bytes.iter().rposition(|&b| b != 0).unwrap_or(0);
    if end < 1 || bytes[end - 1..=end] != [0xFF, 0xD9] {
        return Err(crate::t!("jpeg-no-end"));
    }
    Ok(frame)
}

fn sof(body: &[u8]) -> Result<JpegFrame, String> {
    let [precision, h1, h0, w1, w0, components, ..] = *body else {
        return Err(crate::t!("jpeg-frame-short"));
    };
    if precision != 8 {
        return Err(crate::t!("jpeg-bit-depth", bits = precision));
    }
    if components == 4 {
        return Err(crate::t!("jpeg-cmyk"));
    }
    if components != 1 && components != 3 {
        return Err(crate::t!("jpeg-components", components = components));
    }
    Ok(JpegFrame {
        width: u32::from(u16::from_be_bytes([w1, w0])),
        height: u32::from(u16::from_be_bytes([h1, h0])),
        components,
    })
}

/// A PNG's size from its header, before any pixel is decoded.
pub fn png_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let mut d = png::Decoder::new(Cursor::new(bytes));
    let info = d.read_header_info().map_err(|e| e.to_string())?;
    Ok((info.width, info.height))
}

/// Decode a PNG to 8-bit RGB, transparent pixels on white paper, allocating
/// at most `max_bytes`.
pub fn png_rgb(bytes: &[u8], max_bytes: usize) -> Result<(Vec<u8>, u32, u32), String> {
    let limits = png::Limits { bytes: max_bytes };
    let mut d = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    d.set_transformations(png::Transformations::normalize_to_color8());
    let mut r = d.read_info().map_err(|e| e.to_string())?;
    let size = r
        .output_buffer_size()
        .ok_or_else(|| crate::t!("png-too-large"))?;
    let mut buf = vec![0; size];
    let info = r.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let (w, h) = (info.width, info.height);
    let channels = info.color_type.samples();
    let mut rgb = Vec::with_capacity(w as usize * h as usize * 3);
    for row in buf.chunks(info.line_size).take(h as usize) {
        for p in row[..w as usize * channels].chunks(channels) {
            let (colour, alpha) = match *p {
                [g] => ([g, g, g], 255),
                [g, a] => ([g, g, g], a),
                [r, g, b] => ([r, g, b], 255),
                [r, g, b, a] => ([r, g, b], a),
                _ => return Err(crate::t!("png-pixel-layout")),
            };
            let a = u16::from(alpha);
            rgb.extend(colour.map(|c| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8));
        }
    }
    Ok((rgb, w, h))
}

/// Decode a JPEG whose header declares `frame` to 8-bit RGB.
pub fn jpeg_rgb(bytes: &[u8], frame: &JpegFrame) -> Result<Vec<u8>, String> {
    use zune_jpeg::zune_core::{
        bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions,
    };
    // Scalar code only (the crate's SIMD features are off in Cargo.toml, and
    // its CPU-specific paths refused here should another crate turn them on),
    // so every machine decodes a photo to the same pixels and the form's
    // bytes do not depend on the CPU that built it. The limits are the
    // header's own size, already checked against the photo limits.
    let options = DecoderOptions::default()
        .set_use_unsafe(false)
        .set_max_width(frame.width as usize)
        .set_max_height(frame.height as usize)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let rgb = d.decode().map_err(|e| e.to_string())?;
    if rgb.len() != frame.width as usize * frame.height as usize * 3 {
        return Err(crate::t!(
            "photo-decoded-size",
            width = frame.width,
            height = frame.height
        ));
    }
    Ok(rgb)
}

/// Encode RGB pixels (at most 65535 a side, as `fit` makes them) as a
/// baseline JPEG at quality 85. Chroma is halved both ways (4:2:0): at the
/// photo box's print size (35 × 45 mm) the eye cannot see colour detail
/// finer than that, and it keeps the file about a third smaller than 4:4:4.
/// The encoder is plain code with fixed tables: the same pixels give the
/// same bytes.
pub fn jpeg_encode(rgb: &[u8], w: u16, h: u16) -> Result<Vec<u8>, String> {
    use jpeg_encoder::{ColorType, Encoder, SamplingFactor};
    let mut out = Vec::new();
    let mut e = Encoder::new(&mut out, 85);
    e.set_sampling_factor(SamplingFactor::R_4_2_0);
    e.encode(rgb, w, h, ColorType::Rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Shrink RGB pixels to fit `max_w` × `max_h`, keeping the aspect ratio;
/// each output pixel is the mean of the input pixels it covers.
pub fn fit(rgb: Vec<u8>, w: u32, h: u32, max_w: u32, max_h: u32) -> (Vec<u8>, u32, u32) {
    if w <= max_w && h <= max_h {
        return (rgb, w, h);
    }
    let scale = f64::min(
        f64::from(max_w) / f64::from(w),
        f64::from(max_h) / f64::from(h),
    );
    let nw = ((f64::from(w) * scale).round() as u32).max(1);
    let nh = ((f64::from(h) * scale).round() as u32).max(1);
    let span = |i: u32, n: u32, of: u32| {
        let from = (u64::from(i) * u64::from(of) / u64::from(n)) as usize;
        let to = (u64::from(i + 1) * u64::from(of)).div_ceil(u64::from(n)) as usize;
        from..to
    };
    let mut out = Vec::with_capacity(nw as usize * nh as usize * 3);
    for y in 0..nh {
        let rows = span(y, nh, h);
        for x in 0..nw {
            let cols = span(x, nw, w);
            let mut sum = [0u64; 3];
            for r in rows.clone() {
                for c in cols.clone() {
                    let p = (r * w as usize + c) * 3;
                    for k in 0..3 {
                        sum[k] += u64::from(rgb[p + k]);
                    }
                }
            }
            let n = (rows.len() * cols.len()) as u64;
            out.extend(sum.map(|s| ((s + n / 2) / n) as u8));
        }
    }
    (out, nw, nh)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(sof: &[u8], tail: &[u8]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0];
        j.extend((sof.len() as u16 + 2).to_be_bytes());
        j.extend(sof);
        j.extend([0xFF, 0xDA, 0, 2, 1, 2, 3]);
        j.extend(tail);
        j
    }

    #[test]
    fn a_jpeg_header_gives_size_and_colours_and_a_cut_file_is_refused() {
        let rgb = [8, 0, 45, 0, 35, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        let whole = jpeg(&rgb, &[0xFF, 0xD9]);
        let frame = JpegFrame {
            width: 35,
            height: 45,
            components: 3,
        };
        assert_eq!(jpeg_frame(&whole), Ok(frame));
        assert_eq!(jpeg_frame(&jpeg(&rgb, &[])), Err(crate::t!("jpeg-no-end")));
        let cmyk = [
            8, 0, 45, 0, 35, 4, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 4, 0x11, 1,
        ];
        assert!(jpeg_frame(&jpeg(&cmyk, &[0xFF, 0xD9]))
            .unwrap_err()
            .contains("CMYK"));
        assert!(jpeg_frame(b"not a picture").is_err());
    }

    #[test]
    fn a_jpeg_encoded_decodes_to_its_size_and_encodes_the_same_again() {
        let rgb: Vec<u8> = (0..40u32 * 30 * 3).map(|i| (i * 7 % 251) as u8).collect();
        let once = jpeg_encode(&rgb, 40, 30).unwrap();
        assert_eq!(once, jpeg_encode(&rgb, 40, 30).unwrap());
        let frame = jpeg_frame(&once).unwrap();
        assert_eq!((frame.width, frame.height, frame.components), (40, 30, 3));
        assert_eq!(jpeg_rgb(&once, &frame).unwrap().len(), rgb.len());
        let wrong = JpegFrame { width: 41, ..frame };
        assert!(jpeg_rgb(&once, &wrong).is_err());
    }

    #[test]
    fn fitting_keeps_the_aspect_and_averages() {
        let white_black: Vec<u8> = [255, 255, 255, 0, 0, 0].repeat(4);
        let (px, w, h) = fit(white_black, 2, 4, 1, 2);
        assert_eq!((w, h), (1, 2));
        assert_eq!(px, vec![128; 6]);
    }
}
