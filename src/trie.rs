//! A byte trie for many short literals, found at every position of a text (overlapping).
//!
//! The word lists and the trigger literals of the phrase patterns are a few thousand short
//! strings. The trie builds in one linear pass over the sorted literals. On the first search, one
//! breadth-first pass turns it into an Aho-Corasick automaton with a dense table (state × byte
//! class: the literals use a few dozen distinct bytes), which finds every literal in one step per
//! byte of the text; walking the trie from every position took about seven. The automaton is not
//! built with the trie because building the engine is start-up time, above all in WebAssembly,
//! while the first check compiles its first patterns anyway.

use std::sync::OnceLock;

const NONE: u32 = u32::MAX;
/// Stands for the root in walks that start above the first byte.
const ROOT: u32 = u32::MAX - 1;

#[derive(Debug, Clone, Copy)]
struct Node {
    byte: u8,
    first_child: u32,
    next_sibling: u32,
    /// The literals that end here: `outputs[out_start..out_start + out_len]`.
    out_start: u32,
    out_len: u32,
}

/// A set of byte strings; [`Trie::find_all`] reports every occurrence of every one of them.
#[derive(Debug, Clone)]
pub struct Trie {
    /// The node of each first byte: one lookup instead of a sibling scan for the most common step.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    outputs: Vec<u32>,
    /// Per literal id, its length in bytes.
    lens: Vec<u32>,
    /// Built on the first search (see the module's documentation).
    automaton: OnceLock<Automaton>,
}

/// The Aho-Corasick automaton over a [`Trie`]'s nodes, as a dense table.
#[derive(Debug, Clone)]
struct Automaton {
    /// Per byte, its class: its rank among the bytes the literals use; bytes in none share one
    /// more class.
    class: Box<[u8; 256]>,
    /// How many classes there are (the row length of `next`).
    classes: usize,
    /// `next[state * classes + class]`: the state after a byte of that class. State `i <
    /// nodes.len()` is node `i` (the longest path of the trie the text read so far ends with);
    /// state `nodes.len()` is the root.
    next: Vec<u32>,
    /// Per state, the first state on its chain of failure links (itself included) where literals
    /// end, or `NONE`.
    first_out: Vec<u32>,
    /// Per node with outputs, the next such node on its chain of failure links, or `NONE`.
    more_out: Vec<u32>,
}

impl Trie {
    /// Builds the trie; literal `i` is reported as `i`. Empty literals are ignored; equal
    /// literals are each reported, in id order.
    ///
    /// Literals are inserted in the order given, without sorting them first: at start-up in
    /// WebAssembly, sorting a few thousand byte strings cost more than the whole insertion.
    #[must_use]
    pub fn new<L: AsRef<[u8]>>(literals: &[L]) -> Trie {
        let bytes: usize = literals.iter().map(|l| l.as_ref().len()).sum();
        let mut trie = Trie {
            root: Box::new([NONE; 256]),
            nodes: Vec::with_capacity(bytes / 2 + 16),
            outputs: Vec::new(),
            lens: literals.iter().map(|l| l.as_ref().len() as u32).collect(),
            automaton: OnceLock::new(),
        };
        // The node where each literal ends; outputs are laid out once every count is known.
        let mut ends: Vec<u32> = Vec::with_capacity(literals.len());
        // Sorted input (build.rs sorts the default pack's trigger pool) is built on the path of
        // the previous literal: a new literal shares a prefix with it and branches off after it,
        // so its new nodes are appended as last children, without scanning siblings.
        let nonempty = literals.iter().map(AsRef::as_ref).filter(|l| !l.is_empty());
        let sorted = nonempty.clone().zip(nonempty.skip(1)).all(|(a, b)| a <= b);
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u8] = &[];
        for lit in literals {
            let lit = lit.as_ref();
            let Some((&first, rest)) = lit.split_first() else {
                ends.push(NONE);
                continue;
            };
            let node = if sorted {
                let common = lit.iter().zip(prev).take_while(|(a, b)| a == b).count();
                path.truncate(common);
                for depth in common..lit.len() {
                    let node = trie.push_node(lit[depth], NONE);
                    if depth == 0 {
                        trie.root[usize::from(first)] = node;
                    } else {
                        trie.append_child(path[depth - 1], node);
                    }
                    path.push(node);
                }
                prev = lit;
                path[lit.len() - 1]
            } else {
                let mut node = trie.root[usize::from(first)];
                if node == NONE {
                    node = trie.push_node(first, NONE);
                    trie.root[usize::from(first)] = node;
                }
                for &byte in rest {
                    node = trie.child_or_insert(node, byte);
                }
                node
            };
            trie.nodes[node as usize].out_len += 1;
            ends.push(node);
        }
        let mut at = 0u32;
        for n in &mut trie.nodes {
            n.out_start = at;
            at += n.out_len;
            n.out_len = 0;
        }
        trie.outputs = vec![0; at as usize];
        for (id, &node) in ends.iter().enumerate() {
            if node != NONE {
                let n = &mut trie.nodes[node as usize];
                trie.outputs[(n.out_start + n.out_len) as usize] = id as u32;
                n.out_len += 1;
            }
        }
        trie
    }

    /// Builds the automaton from the trie: byte classes, then, breadth first, each node's failure
    /// link, its row of the table and where literals end along its failure chain.
    fn build_automaton(&self) -> Automaton {
        let mut class = Box::new([0u8; 256]);
        let mut seen = [false; 256];
        for n in &self.nodes {
            seen[usize::from(n.byte)] = true;
        }
        let present = seen.iter().filter(|s| **s).count();
        // Bytes in no literal share the last class, which has no children anywhere.
        let mut rank = 0u8;
        for (byte, s) in seen.iter().enumerate() {
            if *s {
                class[byte] = rank;
                rank = rank.wrapping_add(1);
            } else {
                class[byte] = present as u8;
            }
        }
        let classes = if present < 256 { present + 1 } else { 256 };
        let n = self.nodes.len();
        let root = n;
        // Row `u` is node `u`'s; row `n` the root's. Unset entries lead back to the root.
        let mut next = vec![root as u32; (n + 1) * classes];
        for (byte, &child) in self.root.iter().enumerate() {
            if child != NONE {
                next[root * classes + usize::from(class[byte])] = child;
            }
        }
        let mut fail = vec![root as u32; n + 1];
        let mut first_out = vec![NONE; n + 1];
        let mut more_out = vec![NONE; n + 1];
        let mut queue: Vec<u32> = self.root.iter().copied().filter(|&c| c != NONE).collect();
        queue.reserve(n);
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head] as usize;
            head += 1;
            let f = fail[u] as usize;
            let node = self.nodes[u];
            // Where literals end: here, or further along the failure chain.
            more_out[u] = first_out[f];
            first_out[u] = if node.out_len > 0 { u as u32 } else { first_out[f] };
            // Breadth first, the failure state's row is complete: take it, and put the node's own
            // children over it.
            next.copy_within(f * classes..(f + 1) * classes, u * classes);
            let mut child = node.first_child;
            while child != NONE {
                let c = usize::from(class[usize::from(self.nodes[child as usize].byte)]);
                fail[child as usize] = next[f * classes + c];
                next[u * classes + c] = child;
                queue.push(child);
                child = self.nodes[child as usize].next_sibling;
            }
        }
        Automaton { class, classes, next, first_out, more_out }
    }

    fn push_node(&mut self, byte: u8, next_sibling: u32) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node { byte, first_child: NONE, next_sibling, out_start: 0, out_len: 0 });
        id
    }

    /// Makes `node` the last child of `parent`, for sorted input. Until the outputs are laid out,
    /// `out_start` holds a node's last child.
    fn append_child(&mut self, parent: u32, node: u32) {
        let p = &mut self.nodes[parent as usize];
        if p.first_child == NONE {
            p.first_child = node;
        } else {
            let last = p.out_start;
            self.nodes[last as usize].next_sibling = node;
        }
        self.nodes[parent as usize].out_start = node;
    }

    /// The child of `parent` for `byte`, made if missing; children stay in byte order.
    fn child_or_insert(&mut self, parent: u32, byte: u8) -> u32 {
        let mut prev = NONE;
        let mut child = self.nodes[parent as usize].first_child;
        while child != NONE && self.nodes[child as usize].byte < byte {
            prev = child;
            child = self.nodes[child as usize].next_sibling;
        }
        if child != NONE && self.nodes[child as usize].byte == byte {
            return child;
        }
        let node = self.push_node(byte, child);
        if prev == NONE {
            self.nodes[parent as usize].first_child = node;
        } else {
            self.nodes[prev as usize].next_sibling = node;
        }
        node
    }

    /// Calls `found(literal, start, end)` for every occurrence of every literal in `text`, by
    /// end and then from the longest; equal literals in id order.
    pub fn find_all(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let a = self.automaton.get_or_init(|| self.build_automaton());
        let mut state = self.nodes.len();
        for (i, &byte) in text.iter().enumerate() {
            state = a.next[state * a.classes + usize::from(a.class[usize::from(byte)])] as usize;
            let mut out = a.first_out[state];
            while out != NONE {
                let n = self.nodes[out as usize];
                for &id in &self.outputs[n.out_start as usize..(n.out_start + n.out_len) as usize] {
                    found(id as usize, i + 1 - self.lens[id as usize] as usize, i + 1);
                }
                out = a.more_out[out as usize];
            }
        }
    }
}

impl Trie {
    /// Reports `found(literal, end)` for every literal that matches `text` from `start` when each
    /// run of `mask` bytes in it stands for hidden bytes ("k*nker", "kl**tzak"): a run of `m`
    /// stands for 1 to `m` bytes, or none when it sits between two visible ones (the hidden letter
    /// may have been squeezed into its neighbour, "kl*otzak"). Only matches that cover a run are
    /// reported (the others are [`Trie::find_all`]'s); a run ending a match counts whole (`end`
    /// is after it). Runs longer than four are not guessed at.
    pub fn find_masked(&self, text: &[u8], start: usize, mask: u8, mut found: impl FnMut(usize, usize)) {
        self.masked(ROOT, text, start, start, false, mask, &mut found);
    }

    #[allow(clippy::too_many_arguments)]
    fn masked(&self, node: u32, text: &[u8], start: usize, pos: usize, used: bool, mask: u8, found: &mut dyn FnMut(usize, usize)) {
        if node != ROOT && used {
            let n = self.nodes[node as usize];
            for &id in &self.outputs[n.out_start as usize..(n.out_start + n.out_len) as usize] {
                found(id as usize, pos);
            }
        }
        let Some(&byte) = text.get(pos) else { return };
        if byte != mask {
            let child = self.child(node, byte);
            if child != NONE {
                self.masked(child, text, start, pos + 1, used, mask, found);
            }
            return;
        }
        let run = text[pos..].iter().take_while(|&&b| b == mask).count();
        if run > 4 || node == ROOT {
            return;
        }
        let after = pos + run;
        let between = pos > start && after < text.len();
        for hidden in usize::from(!between)..=run {
            self.descend(node, hidden, &mut |n| self.masked(n, text, start, after, true, mask, found));
        }
    }

    /// Calls `f` with every node `depth` steps below `node`.
    fn descend(&self, node: u32, depth: usize, f: &mut dyn FnMut(u32)) {
        if depth == 0 {
            f(node);
            return;
        }
        let mut child = self.nodes[node as usize].first_child;
        while child != NONE {
            self.descend(child, depth - 1, f);
            child = self.nodes[child as usize].next_sibling;
        }
    }

    /// The child of `node` (or of the root) for `byte`, or `NONE`.
    fn child(&self, node: u32, byte: u8) -> u32 {
        if node == ROOT {
            return self.root[usize::from(byte)];
        }
        self.scan(node as usize, byte)
    }

    /// The child of node `u` for `byte` by a scan of its children (in byte order), or `NONE`.
    fn scan(&self, u: usize, byte: u8) -> u32 {
        let mut child = self.nodes[u].first_child;
        while child != NONE {
            let c = &self.nodes[child as usize];
            if c.byte >= byte {
                return if c.byte == byte { child } else { NONE };
            }
            child = c.next_sibling;
        }
        NONE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(trie: &Trie, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        trie.find_all(text.as_bytes(), |l, s, e| out.push((l, s, e)));
        out.sort_by_key(|&(l, s, e)| (s, e, l));
        out
    }

    #[test]
    fn finds_every_occurrence_overlapping() {
        let trie = Trie::new(&["he", "she", "his", "hers", "", "he"]);
        assert_eq!(all(&trie, "ushers"), vec![(1, 1, 4), (0, 2, 4), (5, 2, 4), (3, 2, 6)]);
        assert_eq!(all(&trie, "hishe"), vec![(2, 0, 3), (1, 2, 5), (0, 3, 5), (5, 3, 5)]);
        assert!(all(&trie, "").is_empty());
        assert!(all(&trie, "xyz").is_empty());
    }

    #[test]
    fn masked_letters_stand_for_hidden_ones() {
        let trie = Trie::new(&["kanker", "klotzak", "kut", "kat", "flik"]);
        let masked = |text: &str, start: usize| {
            let mut out = Vec::new();
            trie.find_masked(text.as_bytes(), start, b'*', |l, e| out.push((l, e)));
            out.sort_unstable();
            out
        };
        assert_eq!(masked("k*nker", 0), vec![(0, 6)]);
        assert_eq!(masked("kl**tzak", 0), vec![(1, 8)]);
        // Between two visible letters a star may also stand for nothing (a squeezed double letter).
        assert_eq!(masked("kl*otzak", 0), vec![(1, 8)]);
        assert_eq!(masked("k*t", 0), vec![(2, 3), (3, 3)]);
        assert_eq!(masked("kank**", 0), vec![(0, 6)]);
        // Only matches that cover a star; a start inside the text; no leading stars or long runs.
        assert_eq!(masked("kanker", 0), vec![]);
        assert_eq!(masked("xxfl*k", 2), vec![(4, 6)]);
        assert_eq!(masked("*ut", 0), vec![]);
        assert_eq!(masked("k*****t", 0), vec![]);
    }

    #[test]
    fn every_byte_value_can_be_in_a_literal() {
        let every: Vec<u8> = (0..=255).collect();
        let trie = Trie::new(&[every.as_slice(), b"ab", &[255, 0]]);
        let mut found = Vec::new();
        trie.find_all(&[7, 255, 0, b'a', b'b'], |l, s, e| found.push((l, s, e)));
        assert_eq!(found, vec![(2, 1, 3), (1, 3, 5)]);
        let mut found = Vec::new();
        trie.find_all(&every, |l, s, e| found.push((l, s, e)));
        assert_eq!(found, vec![(1, 97, 99), (0, 0, 256)]);
    }

    #[test]
    fn agrees_with_a_naive_search_on_random_literals() {
        // A small alphabet makes literals overlap and nest, which exercises the failure links.
        let mut seed = 0x2545_f491_u32;
        let mut rand = |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        for _ in 0..200 {
            let words: Vec<Vec<u8>> = (0..1 + rand(12)).map(|_| (0..1 + rand(5)).map(|_| b"abc "[rand(4) as usize]).collect()).collect();
            let mut sorted = words.clone();
            sorted.sort_unstable();
            for words in [&words, &sorted] {
                let trie = Trie::new(words);
                let text: Vec<u8> = (0..rand(30)).map(|_| b"abcd "[rand(5) as usize]).collect();
                let mut naive = Vec::new();
                for s in 0..text.len() {
                    for e in s + 1..=text.len() {
                        for (i, _) in words.iter().enumerate().filter(|(_, w)| w.as_slice() == &text[s..e]) {
                            naive.push((i, s, e));
                        }
                    }
                }
                let mut found = Vec::new();
                trie.find_all(&text, |l, s, e| found.push((l, s, e)));
                found.sort_by_key(|&(l, s, e)| (s, e, l));
                assert_eq!(found, naive, "{words:?} in {text:?}");
            }
        }
    }

    #[test]
    fn agrees_with_a_naive_search() {
        let unsorted = ["kanker", "kank", "an", "nk", "ker", "k", "kankerflik", "flik", "fl", "ik", "an", "é", "éé"];
        let mut sorted = unsorted;
        sorted.sort_unstable();
        // Unsorted input is inserted word by word; sorted input takes the one-pass path.
        for words in [unsorted, sorted] {
            let trie = Trie::new(&words);
            for text in ["kankerflikken", "een flik, kank", "ankerkkk", "k", "ik", "café één"] {
                let mut naive = Vec::new();
                for s in 0..text.len() {
                    for e in s + 1..=text.len() {
                        for (i, _) in words.iter().enumerate().filter(|(_, w)| w.as_bytes() == &text.as_bytes()[s..e]) {
                            naive.push((i, s, e));
                        }
                    }
                }
                assert_eq!(all(&trie, text), naive, "{text}");
            }
        }
    }
}
