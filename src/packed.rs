//! The packed form of a rule pack: a tagged value tree with LEB128 lengths, written by build.rs
//! (the default pack, from its TOML) and by `wasm.rs` (a user's pack, from its JavaScript value),
//! and read by [`crate::pack::unpack`].
//!
//! A value is a tag byte and its body: a string is its length and UTF-8 bytes; false and true
//! have no body; an array is its length and its values; a table is its length and `key, value`
//! pairs, a key being a length and bytes without a tag. Numbers and nulls (from a user's JSON)
//! have tags of their own so that an error can name them; no pack field takes one.

pub const STRING: u8 = 0;
pub const FALSE: u8 = 1;
pub const TRUE: u8 = 2;
pub const ARRAY: u8 = 3;
pub const TABLE: u8 = 4;
pub const NUMBER: u8 = 5;
pub const NULL: u8 = 6;

/// A length, LEB128 (seven bits per byte, low bits first, high bit set on all but the last).
pub fn len(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A table key: its length and bytes, without a tag.
pub fn key(s: &str, out: &mut Vec<u8>) {
    len(s.len(), out);
    out.extend_from_slice(s.as_bytes());
}

/// A string value.
pub fn string(s: &str, out: &mut Vec<u8>) {
    out.push(STRING);
    key(s, out);
}

/// A boolean value.
pub fn boolean(b: bool, out: &mut Vec<u8>) {
    out.push(if b { TRUE } else { FALSE });
}

/// The head of an array of `n` values; the values follow.
pub fn array(n: usize, out: &mut Vec<u8>) {
    out.push(ARRAY);
    len(n, out);
}

/// The head of a table of `n` entries; `key, value` pairs follow.
pub fn table(n: usize, out: &mut Vec<u8>) {
    out.push(TABLE);
    len(n, out);
}
