//! Many growing byte streams in a few big blocks: the pair lists'
//! accumulator ([`super::pairs`]).
//!
//! The pair lists were the peak of the split build: 22.47 of the
//! machine's 24 GB at a million generated articles, 6.4 GB above the
//! index stage. Each pair's two parts were a `Vec<u8>` each, grown by
//! doubling (on average about a quarter of a long list's memory unused),
//! in a hash map entry of 72 bytes, and were then copied into a second
//! list per pair with its key as a string; a pair seen once took about
//! 175 bytes for five bytes of data (the entry, two heap blocks of at
//! least 32 bytes). That corpus has 1,216,402 pairs, which hold 5.1 GB
//! in the pool below, and its prepare stage now peaks at 18.45 GB (the
//! README's "Pair lists in a byte pool").
//!
//! Here, as in Lucene's `ByteBlockPool`, every stream is a chain of
//! *slices* carved from blocks of [`BLOCK`] bytes: the first slice is
//! [`SIZES`]`[0]` bytes, each next one the next size, and the last four
//! bytes of a full slice hold the address of the next one. A stream is
//! then its [`Stream`] (16 bytes) and its slices: 16 bytes for a pair
//! seen once; for a longer one its data, four bytes per full slice and
//! what its last slice has not used yet (less than 1 KB); no allocation
//! of its own, and nothing copied when the lists are written.
//!
//! Addresses count 16-byte units (every slice size is a multiple of 16),
//! so a `u32` reaches 64 GiB of blocks. A full pool says so
//! ([`Pool::full`]) and drops what it cannot hold, instead of wrapping.

/// Bytes per block.
pub const BLOCK: usize = 1 << 22;

/// Bytes per unit of a slice address: every slice size is a multiple of
/// it, so slices start on one.
const UNIT: usize = 16;

/// Slice sizes by level: a stream's `k`-th slice has `SIZES[min(k, 6)]`
/// bytes, the last four of which link to the next slice once it is full.
pub const SIZES: [usize; 7] = [16, 32, 64, 128, 256, 512, 1024];

/// Where a stream's bytes are: its first slice, its current slice, how
/// many data bytes it holds and how many of them are in the current slice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stream {
    /// Address of the first slice.
    head: u32,
    /// Address of the current slice.
    cur: u32,
    /// Data bytes written.
    len: u32,
    /// Data bytes written into the current slice.
    used: u16,
    level: u8,
}

/// The blocks (see the module docs).
#[derive(Debug, Default)]
pub struct Pool {
    blocks: Vec<Box<[u8]>>,
    /// Bytes used in the last block.
    used: usize,
    /// The addresses (64 GiB) ran out: further slices are not made.
    full: bool,
}

/// Data bytes of a slice of `level` (the rest links to the next slice).
fn data_of(level: u8) -> usize {
    SIZES[usize::from(level).min(SIZES.len() - 1)] - 4
}

impl Pool {
    /// An empty pool.
    pub fn new() -> Pool {
        Pool::default()
    }

    /// A new stream with its first slice.
    pub fn stream(&mut self) -> Stream {
        let head = self.slice(SIZES[0]).unwrap_or(0);
        Stream { head, cur: head, len: 0, used: 0, level: 0 }
    }

    /// Whether the pool ran out of addresses (some bytes were dropped).
    pub fn full(&self) -> bool {
        self.full
    }

    /// Bytes of memory held.
    pub fn heap_bytes(&self) -> usize {
        self.blocks.len() * BLOCK
    }

    /// Carves a slice of `size` bytes; its address, `None` when the
    /// addresses ran out.
    fn slice(&mut self, size: usize) -> Option<u32> {
        if self.full {
            return None;
        }
        if self.blocks.is_empty() || self.used + size > BLOCK {
            self.blocks.push(vec![0u8; BLOCK].into_boxed_slice());
            self.used = 0;
        }
        let byte = (self.blocks.len() - 1) * BLOCK + self.used;
        match u32::try_from(byte / UNIT) {
            Ok(word) => {
                self.used += size;
                Some(word)
            }
            Err(_) => {
                self.full = true;
                None
            }
        }
    }

    /// The bytes of the slice at address `word`, from `from`.
    fn bytes_mut(&mut self, word: u32, from: usize) -> &mut [u8] {
        let at = word as usize * UNIT + from;
        match self.blocks.get_mut(at / BLOCK) {
            Some(block) => block.get_mut(at % BLOCK..).unwrap_or_default(),
            None => &mut [],
        }
    }

    fn bytes(&self, word: u32, from: usize) -> &[u8] {
        let at = word as usize * UNIT + from;
        match self.blocks.get(at / BLOCK) {
            Some(block) => block.get(at % BLOCK..).unwrap_or_default(),
            None => &[],
        }
    }

    /// Appends `bytes` to stream `s` (nothing once the pool is full).
    pub fn push(&mut self, s: &mut Stream, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = data_of(s.level) - usize::from(s.used);
            if room == 0 {
                let level = (s.level + 1).min(SIZES.len() as u8 - 1);
                let Some(next) = self.slice(SIZES[usize::from(level)]) else { return };
                let link = self.bytes_mut(s.cur, usize::from(s.used));
                for (slot, x) in link.iter_mut().zip(next.to_le_bytes()) {
                    *slot = x;
                }
                (s.cur, s.used, s.level) = (next, 0, level);
                continue;
            }
            let take = room.min(bytes.len());
            let dst = self.bytes_mut(s.cur, usize::from(s.used));
            for (slot, &x) in dst.iter_mut().zip(&bytes[..take]) {
                *slot = x;
            }
            s.used += take as u16;
            s.len += take as u32;
            bytes = &bytes[take..];
        }
    }

    /// Appends the bytes of stream `s` to `out`.
    pub fn read(&self, s: &Stream, out: &mut Vec<u8>) {
        let mut left = s.len as usize;
        let (mut word, mut level) = (s.head, 0u8);
        while left > 0 {
            let data = data_of(level);
            let take = left.min(data);
            let slice = self.bytes(word, 0);
            out.extend_from_slice(slice.get(..take).unwrap_or(slice));
            left -= take;
            if left == 0 {
                break;
            }
            let link = slice.get(data..data + 4).unwrap_or(&[0; 4]);
            word = u32::from_le_bytes([link[0], link[1], link[2], link[3]]);
            level = (level + 1).min(SIZES.len() as u8 - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_streams_read_back_as_written() {
        // Oracle: a Vec per stream. Streams of every length up to several
        // last-level slices, written a few bytes at a time, interleaved.
        let mut pool = Pool::new();
        let n = 300;
        let mut streams: Vec<Stream> = (0..n).map(|_| pool.stream()).collect();
        let mut want: Vec<Vec<u8>> = vec![Vec::new(); n];
        let mut x: u32 = 7;
        for round in 0..120 {
            for (i, s) in streams.iter_mut().enumerate() {
                if i % 7 > round % 7 && i > 20 {
                    continue;
                }
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let k = (x >> 16) as usize % (1 + i % 200);
                let bytes: Vec<u8> = (0..k).map(|j| (x as usize + j * 31 + i) as u8).collect();
                pool.push(s, &bytes);
                want[i].extend_from_slice(&bytes);
            }
        }
        assert!(!pool.full());
        assert!(want.iter().any(|w| w.len() > 2 * SIZES[SIZES.len() - 1]), "some streams reach the last level");
        for (s, w) in streams.iter().zip(&want) {
            let mut got = Vec::new();
            pool.read(s, &mut got);
            assert_eq!(s.len as usize, w.len());
            assert_eq!(&got, w);
        }
        let empty = pool.stream();
        let mut got = vec![1];
        pool.read(&empty, &mut got);
        assert_eq!(got, vec![1], "an empty stream reads nothing");
        assert_eq!(empty.len, 0);
    }

    #[test]
    fn streams_cross_blocks() {
        // Enough slices to fill more than one block.
        let mut pool = Pool::new();
        let mut streams: Vec<(Stream, Vec<u8>)> = Vec::new();
        for i in 0..(BLOCK / SIZES[0] + 100) {
            let mut s = pool.stream();
            let bytes = [(i % 251) as u8; 3];
            pool.push(&mut s, &bytes);
            streams.push((s, bytes.to_vec()));
        }
        assert!(pool.heap_bytes() >= 2 * BLOCK);
        for (s, w) in &streams {
            let mut got = Vec::new();
            pool.read(s, &mut got);
            assert_eq!(&got, w);
        }
    }
}
