//! A byte trie for many short literals, found at every position of a text (overlapping).
//!
//! The word lists and the trigger literals of the phrase patterns are a few thousand short
//! strings. An Aho-Corasick automaton finds them in one pass, but building one (failure links,
//! then a DFA) is what made starting the engine slow, above all in WebAssembly. A trie builds in
//! one linear pass over the sorted literals, and walking it from each position of a comment
//! costs a few steps per byte: comments are short, and most walks end after one or two bytes.

const NONE: u32 = u32::MAX;

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
}

impl Trie {
    /// Builds the trie; literal `i` is reported as `i`. Empty literals are ignored; equal
    /// literals are each reported.
    #[must_use]
    pub fn new<L: AsRef<[u8]>>(literals: &[L]) -> Trie {
        let mut order: Vec<u32> = (0..literals.len() as u32).filter(|&i| !literals[i as usize].as_ref().is_empty()).collect();
        order.sort_by(|&a, &b| literals[a as usize].as_ref().cmp(literals[b as usize].as_ref()).then(a.cmp(&b)));
        let mut trie = Trie {
            root: Box::new([NONE; 256]),
            nodes: Vec::with_capacity(order.len() * 4),
            outputs: Vec::with_capacity(order.len()),
        };
        // The path of the previous literal: node per depth. Sorted input means a new literal
        // shares a prefix with the previous one and branches off to the right of it.
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u8] = &[];
        for &id in &order {
            let lit = literals[id as usize].as_ref();
            let common = lit.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common);
            for (depth, &byte) in lit.iter().enumerate().skip(common) {
                let node = trie.nodes.len() as u32;
                trie.nodes.push(Node { byte, first_child: NONE, next_sibling: NONE, out_start: 0, out_len: 0 });
                if depth == 0 {
                    trie.root[usize::from(byte)] = node;
                } else {
                    let parent = path[depth - 1] as usize;
                    // Children arrive in byte order: append after the last one.
                    match trie.nodes[parent].first_child {
                        NONE => trie.nodes[parent].first_child = node,
                        mut c => {
                            while trie.nodes[c as usize].next_sibling != NONE {
                                c = trie.nodes[c as usize].next_sibling;
                            }
                            trie.nodes[c as usize].next_sibling = node;
                        }
                    }
                }
                path.push(node);
            }
            // Equal literals are neighbours in sorted order, so a node's outputs stay contiguous.
            let last = &mut trie.nodes[path[lit.len() - 1] as usize];
            if last.out_len == 0 {
                last.out_start = trie.outputs.len() as u32;
            }
            last.out_len += 1;
            trie.outputs.push(id);
            prev = lit;
        }
        trie
    }

    /// Calls `found(literal, start, end)` for every occurrence of every literal in `text`, by
    /// start and then by length.
    pub fn find_all(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        for start in 0..text.len() {
            let mut node = self.root[usize::from(text[start])];
            let mut end = start + 1;
            while node != NONE {
                let n = self.nodes[node as usize];
                for &id in &self.outputs[n.out_start as usize..(n.out_start + n.out_len) as usize] {
                    found(id as usize, start, end);
                }
                let Some(&byte) = text.get(end) else { break };
                let mut child = n.first_child;
                while child != NONE {
                    let c = &self.nodes[child as usize];
                    if c.byte >= byte {
                        if c.byte != byte {
                            child = NONE;
                        }
                        break;
                    }
                    child = c.next_sibling;
                }
                node = child;
                end += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(trie: &Trie, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        trie.find_all(text.as_bytes(), |l, s, e| out.push((l, s, e)));
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
    fn agrees_with_a_naive_search() {
        let words = ["kanker", "kank", "an", "nk", "ker", "k", "kankerflik", "flik", "fl", "ik", "an", "é", "éé"];
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
