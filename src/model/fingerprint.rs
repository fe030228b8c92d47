//! Respondent fingerprints that only the project's own key can make.
//!
//! A form export identifies each response (Microsoft Forms an `Id`, Google Forms a time stamp).
//! fortb must recognise a response it has counted when the same export is imported again, but
//! must never store anything from which a reader could work out whose answers are whose: an
//! unkeyed hash of a time stamp or an e-mail address is undone by trying the few likely values.
//! So the fingerprint is SipHash-2-4, a keyed pseudo-random function, under a 128-bit key that
//! is kept outside the repository (`record::survey` keeps it); without the key the fingerprints are
//! random numbers.

/// The project's secret key for fingerprints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FingerprintKey(pub [u64; 2]);

impl FingerprintKey {
    /// The key as 32 hexadecimal digits, for its file.
    pub fn to_hex(self) -> String {
        format!("{:016x}{:016x}", self.0[0], self.0[1])
    }

    /// The inverse of [`FingerprintKey::to_hex`]; `None` unless exactly 32 hexadecimal digits.
    pub fn from_hex(text: &str) -> Option<FingerprintKey> {
        let text = text.trim();
        if text.len() != 32 || !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let first = u64::from_str_radix(&text[..16], 16).ok()?;
        let second = u64::from_str_radix(&text[16..], 16).ok()?;
        Some(FingerprintKey([first, second]))
    }

    /// The fingerprint of one response, as 16 hexadecimal digits.
    pub fn fingerprint(self, response: &str) -> String {
        format!("{:016x}", siphash24(self.0, response.as_bytes()))
    }
}

/// SipHash-2-4 (Aumasson and Bernstein, 2012) of `data` under the key `(k0, k1)`.
fn siphash24(key: [u64; 2], data: &[u8]) -> u64 {
    let mut v = [
        key[0] ^ 0x736f_6d65_7073_6575,
        key[1] ^ 0x646f_7261_6e64_6f6d,
        key[0] ^ 0x6c79_6765_6e65_7261,
        key[1] ^ 0x7465_6462_7974_6573,
    ];
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        compress(&mut v, m, 2);
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    last[7] = data.len() as u8;
    compress(&mut v, u64::from_le_bytes(last), 2);
    v[2] ^= 0xff;
    for _ in 0..4 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

fn compress(v: &mut [u64; 4], m: u64, rounds: usize) {
    v[3] ^= m;
    for _ in 0..rounds {
        round(v);
    }
    v[0] ^= m;
}

fn round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[2] = v[2].rotate_left(32);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key 00 01 02 … 0f of the SipHash paper's test vectors.
    fn paper_key() -> [u64; 2] {
        [0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908]
    }

    #[test]
    fn siphash_matches_the_published_test_vectors() {
        // From the reference implementation's vectors: messages 00, 00 01, … of length n.
        let message: Vec<u8> = (0..64).collect();
        for (length, expected) in [
            (0, 0x726f_db47_dd0e_0e31),
            (1, 0x74f8_39c5_93dc_67fd),
            (7, 0xab02_00f5_8b01_d137),
            (8, 0x93f5_f579_9a93_2462),
            (15, 0xa129_ca61_49be_45e5),
        ] {
            assert_eq!(
                siphash24(paper_key(), &message[..length]),
                expected,
                "{length}"
            );
        }
    }

    #[test]
    fn fingerprints_depend_on_the_key_and_keys_read_back() {
        let key = FingerprintKey(paper_key());
        let other = FingerprintKey([1, 2]);
        assert_eq!(key.fingerprint("17").len(), 16);
        assert_eq!(key.fingerprint("17"), key.fingerprint("17"));
        assert_ne!(key.fingerprint("17"), other.fingerprint("17"));
        assert_ne!(key.fingerprint("17"), key.fingerprint("18"));
        assert_eq!(FingerprintKey::from_hex(&key.to_hex()), Some(key));
        assert_eq!(FingerprintKey::from_hex("abc"), None);
        assert_eq!(FingerprintKey::from_hex(&"g".repeat(32)), None);
    }
}
