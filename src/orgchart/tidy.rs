//! Tidy tree x positions in linear time: Walker's algorithm as corrected by
//! Buchheim, Jünger and Leipert (2002), with nodes of different widths.
//!
//! Each node is centred over its first and last child, neighbouring subtrees
//! are pushed apart just enough that no two nodes of the same level come
//! closer than `gap`, and the shift is spread over the subtrees in between so
//! that small subtrees do not bunch up on one side. Everything is iterative:
//! a deep tree must not overflow the stack.

/// A rooted, ordered tree: `children[v]` in left-to-right order.
pub(crate) struct Tree<'a> {
    pub children: &'a [Vec<usize>],
    pub widths: &'a [f64],
    pub root: usize,
    /// The smallest horizontal space between two boxes of the same level.
    pub gap: f64,
}

/// The x of every node's centre, for the nodes reachable from the root; the
/// root is at 0 and others may be negative.
pub(crate) fn centres(tree: &Tree<'_>) -> Vec<f64> {
    let mut walker = Walker::new(tree);
    let order = post_order(tree.children, tree.root);
    for &v in &order {
        walker.first_walk(v);
    }
    walker.second_walk()
}

fn post_order(children: &[Vec<usize>], root: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(children.len());
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        out.push(v);
        stack.extend(children[v].iter().copied());
    }
    // Root, right subtree, …, left subtree reversed: children left to right,
    // each before its parent.
    out.reverse();
    out
}

struct Walker<'a> {
    tree: &'a Tree<'a>,
    parent: Vec<Option<usize>>,
    /// Index among its siblings.
    number: Vec<usize>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    thread: Vec<Option<usize>>,
    ancestor: Vec<usize>,
    /// Per parent: the "default ancestor" of the paper, carried from one
    /// child's apportion to the next.
    default_ancestor: Vec<usize>,
}

impl<'a> Walker<'a> {
    fn new(tree: &'a Tree<'a>) -> Walker<'a> {
        let n = tree.children.len();
        let mut parent = vec![None; n];
        let mut number = vec![0; n];
        let mut default_ancestor: Vec<usize> = (0..n).collect();
        for (v, kids) in tree.children.iter().enumerate() {
            for (i, &c) in kids.iter().enumerate() {
                parent[c] = Some(v);
                number[c] = i;
            }
            if let Some(&first) = kids.first() {
                default_ancestor[v] = first;
            }
        }
        Walker {
            tree,
            parent,
            number,
            prelim: vec![0.0; n],
            modifier: vec![0.0; n],
            shift: vec![0.0; n],
            change: vec![0.0; n],
            thread: vec![None; n],
            ancestor: (0..n).collect(),
            default_ancestor,
        }
    }

    fn separation(&self, left: usize, right: usize) -> f64 {
        (self.tree.widths[left] + self.tree.widths[right]) / 2.0 + self.tree.gap
    }

    fn left_sibling(&self, v: usize) -> Option<usize> {
        let p = self.parent[v]?;
        let i = self.number[v].checked_sub(1)?;
        Some(self.tree.children[p][i])
    }

    fn leftmost_sibling(&self, v: usize) -> usize {
        self.parent[v].map_or(v, |p| self.tree.children[p][0])
    }

    fn next_left(&self, v: usize) -> Option<usize> {
        self.tree.children[v].first().copied().or(self.thread[v])
    }

    fn next_right(&self, v: usize) -> Option<usize> {
        self.tree.children[v].last().copied().or(self.thread[v])
    }

    /// Places `v` relative to its left sibling (its subtree is done), then
    /// pushes its subtree clear of the siblings to its left.
    fn first_walk(&mut self, v: usize) {
        let left = self.left_sibling(v);
        let after_left = left.map(|w| self.prelim[w] + self.separation(w, v));
        let kids = &self.tree.children[v];
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            self.execute_shifts(v);
            let mid = (self.prelim[first] + self.prelim[last]) / 2.0;
            match after_left {
                Some(x) => {
                    self.prelim[v] = x;
                    self.modifier[v] = x - mid;
                }
                None => self.prelim[v] = mid,
            }
        } else {
            self.prelim[v] = after_left.unwrap_or(0.0);
        }
        if let Some(p) = self.parent[v] {
            self.default_ancestor[p] = self.apportion(v, self.default_ancestor[p]);
        }
    }

    /// Walks down the right contour of the forest left of `v` and the left
    /// contour of `v`'s subtree, moving `v` right wherever they come too
    /// close, then threads the shorter contour onto the longer one.
    fn apportion(&mut self, v: usize, mut default_ancestor: usize) -> usize {
        let Some(w) = self.left_sibling(v) else {
            return default_ancestor;
        };
        let (mut vip, mut vop, mut vim) = (v, v, w);
        let mut vom = self.leftmost_sibling(v);
        let mut sip = self.modifier[vip];
        let mut sop = self.modifier[vop];
        let mut sim = self.modifier[vim];
        let mut som = self.modifier[vom];
        loop {
            let next = (
                self.next_right(vim),
                self.next_left(vip),
                self.next_left(vom),
                self.next_right(vop),
            );
            let (Some(im), Some(ip), Some(om), Some(op)) = next else {
                break;
            };
            (vim, vip, vom, vop) = (im, ip, om, op);
            self.ancestor[vop] = v;
            let shift =
                (self.prelim[vim] + sim) - (self.prelim[vip] + sip) + self.separation(vim, vip);
            if shift > 0.0 {
                let a = self.ancestor_of(vim, v, default_ancestor);
                self.move_subtree(a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.modifier[vim];
            sip += self.modifier[vip];
            som += self.modifier[vom];
            sop += self.modifier[vop];
        }
        if self.next_right(vim).is_some() && self.next_right(vop).is_none() {
            self.thread[vop] = self.next_right(vim);
            self.modifier[vop] += sim - sop;
        }
        if self.next_left(vip).is_some() && self.next_left(vom).is_none() {
            self.thread[vom] = self.next_left(vip);
            self.modifier[vom] += sip - som;
            default_ancestor = v;
        }
        default_ancestor
    }

    fn ancestor_of(&self, vim: usize, v: usize, default_ancestor: usize) -> usize {
        let a = self.ancestor[vim];
        if self.parent[a] == self.parent[v] {
            a
        } else {
            default_ancestor
        }
    }

    /// Moves the subtree of `right` by `shift` and records the spread over
    /// the siblings between `left` and `right` for `execute_shifts`.
    fn move_subtree(&mut self, left: usize, right: usize, shift: f64) {
        let subtrees = self.number[right].saturating_sub(self.number[left]).max(1) as f64;
        self.change[right] -= shift / subtrees;
        self.shift[right] += shift;
        self.change[left] += shift / subtrees;
        self.prelim[right] += shift;
        self.modifier[right] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for &w in self.tree.children[v].iter().rev() {
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }

    /// Absolute positions: each node's preliminary x plus its ancestors'
    /// modifiers.
    fn second_walk(&self) -> Vec<f64> {
        let root = self.tree.root;
        let mut x = vec![0.0; self.prelim.len()];
        let mut stack = vec![(root, -self.prelim[root])];
        while let Some((v, sum)) = stack.pop() {
            x[v] = self.prelim[v] + sum;
            let below = sum + self.modifier[v];
            stack.extend(self.tree.children[v].iter().map(|&c| (c, below)));
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(children: &[Vec<usize>], widths: &[f64]) -> Vec<f64> {
        centres(&Tree {
            children,
            widths,
            root: 0,
            gap: 1.0,
        })
    }

    #[test]
    fn parent_is_centred_over_children() {
        let x = layout(&[vec![1, 2, 3], vec![], vec![], vec![]], &[2.0; 4]);
        assert_eq!(x, [0.0, -3.0, 0.0, 3.0]);
    }

    #[test]
    fn wide_nodes_push_siblings_apart() {
        let x = layout(&[vec![1, 2], vec![], vec![]], &[1.0, 10.0, 2.0]);
        assert_eq!(x[2] - x[1], 6.0 + 1.0);
    }

    #[test]
    fn small_subtrees_between_big_ones_are_spread_evenly() {
        // 0 has children 1..=4; 1 and 4 have three children each, 2 and 3 none.
        let mut children = vec![
            vec![1, 2, 3, 4],
            vec![5, 6, 7],
            vec![],
            vec![],
            vec![8, 9, 10],
        ];
        children.resize(11, vec![]);
        let x = layout(&children, &[1.0; 11]);
        let gaps = [x[2] - x[1], x[3] - x[2], x[4] - x[3]];
        assert!((gaps[0] - gaps[1]).abs() < 1e-9 && (gaps[1] - gaps[2]).abs() < 1e-9);
    }

    #[test]
    fn a_deep_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let children: Vec<Vec<usize>> = (0..n)
            .map(|v| if v + 1 < n { vec![v + 1] } else { vec![] })
            .collect();
        let x = layout(&children, &vec![1.0; n]);
        assert!(x.iter().all(|&v| v == 0.0));
    }
}
