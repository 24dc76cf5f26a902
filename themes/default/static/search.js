/* Search for the handbook: works from file:// and from a server, with no
   network. The index (search-index.js, written per variant by
   src/search/index.rs) is loaded with a <script> tag on first use, because
   browsers refuse fetch() on file://.

   Matching and ranking mirror src/search/query.rs and normalization and
   segmentation mirror src/search/normalize.rs; a browser test compares the two.
   Keep them in step. */
(function () {
  "use strict";

  var FORMAT = 4;
  var MAX_ALTERNATIVES = 16;
  var MAX_SPELLINGS = 16;
  var RESOLVED_KEPT = 64;
  var MAX_PATHS = 64;
  var MAX_CUTS = 8;
  var LONGEST_SYLLABLE = 6;
  var INITIALS = "bpmfdtnlgkhjqxrzcsywaeo";
  var FILLER = ["岗位职责", "工作职责", "工作内容", "职责", "岗位", "职位", "职务", "由谁", "谁来", "谁",
    "哪个", "哪些", "什么", "怎么", "如何", "的"];
  var REPEAT_BONUS = 0.25;
  var REPEAT_CAP = 3;
  var PARTIAL = 1 / 32;
  var PREFIX_ONLY = 0.5;
  var LENGTH_BONUS = 0.2;
  var RARER_SOUND = 0.5;
  var EXACT_TITLE = 16;
  var TITLE_PREFIX = 4;
  var FIELD_TITLE = 0;
  var POPUP_LIMIT = 8;
  var PAGE_LIMIT = 100;
  var SNIPPET = 60;
  var SNIPPET_LEAD = 16;

  /* ---- Text: the same rules as src/search/normalize.rs ---- */

  var NON_WORD = /[^\p{Alphabetic}\p{N}]+/u;
  var LAST = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

  function words(text) {
    return text.split(NON_WORD).filter(Boolean);
  }

  function bigrams(word) {
    var chars = Array.from(word);
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  function charCount(text) {
    return Array.from(text).length;
  }

  function isAsciiLetter(c) {
    return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
  }

  function isAsciiDigit(c) {
    return c >= "0" && c <= "9";
  }

  function isLatin(term) {
    return /^[a-zA-Z0-9]+$/.test(term);
  }

  /* A Latin term must start a Latin word (vi finds VI设计, not service). */
  function startsWord(text, at, term) {
    return at === 0 || !continues(term.charAt(0), text.charAt(at - 1));
  }

  /* Whether a match ending at `end` ends a word: a Latin term must end its
     Latin word (vi in VI设计, not in VIP) to count as the whole word. */
  function endsWord(text, end, term) {
    var after = text.charAt(end);
    return !after || !continues(term.charAt(term.length - 1), after);
  }

  /* Whether `neighbour`, beside a term's `edge` character, continues the
     same Latin word or number (src/search/normalize.rs, continues). */
  function continues(edge, neighbour) {
    return (isAsciiLetter(edge) && isAsciiLetter(neighbour)) ||
      (isAsciiDigit(edge) && isAsciiDigit(neighbour));
  }

  /* Arrays of characters compared by code point, as Rust compares strings. */
  function compareCodePoints(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var d = a[i].codePointAt(0) - b[i].codePointAt(0);
      if (d) return d;
    }
    return a.length - b.length;
  }

  /* Non-overlapping matches, left to right, like Rust's match_indices. */
  function findAll(text, term) {
    var found = [];
    if (!term) return found;
    var from = 0;
    for (;;) {
      var at = text.indexOf(term, from);
      if (at < 0) return found;
      if (startsWord(text, at, term)) found.push(at);
      from = at + term.length;
    }
  }

  function decodePostings(code) {
    var ids = [];
    var n = 0;
    var previous = 0;
    for (var i = 0; i < code.length; i++) {
      var c = code.charAt(i);
      var more = MORE.indexOf(c);
      if (more >= 0) {
        n = n * 32 + more;
      } else {
        previous += n * 32 + LAST.indexOf(c);
        ids.push(previous);
        n = 0;
      }
    }
    return ids;
  }

  function intersect(lists) {
    if (!lists.length) return [];
    var sorted = lists.slice().sort(function (a, b) { return a.length - b.length; });
    var others = sorted.slice(1).map(function (l) { return new Set(l); });
    return sorted[0].filter(function (id) {
      return others.every(function (s) { return s.has(id); });
    });
  }

  /* ---- The engine: the algorithm of src/search/query.rs ---- */

  function Engine(data) {
    if (!data || data.v !== FORMAT) throw new Error("search index format " + (data && data.v));
    var self = this;
    /* [weight, section id on the role page] by field number. */
    this.weights = data.fields.map(function (f) { return f[0]; });
    this.anchors = data.fields.map(function (f) { return f[1]; });
    this.table = new Map();
    for (var i = 0; i + 1 < data.chars.length; i += 2) {
      this.table.set(data.chars.charAt(i), data.chars.charAt(i + 1));
    }
    this.vocabulary = new Vocabulary(data.vocab);
    this.docs = data.docs.map(function (d) {
      return { id: d[0], source: d[1], title: d[2], organization: d[3] };
    });
    this.texts = data.texts;
    this.normalized = data.texts.map(function (t) { return self.normalize(t); });
    this.entries = data.entries.map(decodeEntry);
    this.uses = data.texts.map(function () { return []; });
    this.entries.forEach(function (entry, e) {
      entry.passages.forEach(function (p, position) {
        if (self.uses[p.text]) self.uses[p.text].push([e, position]);
      });
    });
    this.terms = data.terms;
    this.postingsCache = new Map();
    this.sounds = new Sounds(data.sounds);
    var titles = new Set();
    this.entries.forEach(function (entry) {
      titles.add(words(self.normalized[entry.passages[0].text] || "").join(""));
    });
    this.titles = Array.from(titles);
    this.resolved = new Map();
  }

  /* ---- Search by sound: the algorithm of src/search/sounds.rs ---- */

  /* "syllable" + its characters, ";" between syllables. */
  function Sounds(wire) {
    var self = this;
    this.charsOf = new Map();
    this.readings = new Map();
    (wire ? wire.split(";") : []).forEach(function (part) {
      var syllable = /^[a-z]+/.exec(part)[0];
      var chars = Array.from(part.slice(syllable.length));
      self.charsOf.set(syllable, chars);
      chars.forEach(function (c) {
        if (!self.readings.has(c)) self.readings.set(c, []);
        self.readings.get(c).push(syllable);
      });
    });
  }

  /* Spellings of a normalized term by its sound, never the term itself:
     {read: pinyin or same-sound spellings, initials: title runs}. */
  Sounds.prototype.spellings = function (term, lexicon) {
    var found = { read: [], initials: [] };
    if (!/[a-z]/.test(term)) {
      found.read = this.bySameSound(term, lexicon);
    } else if (/^[a-z\u0080-\uffff]+$/.test(term)) {
      found.read = this.byPinyin(term, lexicon);
      if (term.length >= 2 && Array.from(term).every(function (c) { return INITIALS.indexOf(c) >= 0; })) {
        found.initials = this.byInitials(term, lexicon);
      }
    }
    var seen = [term];
    ["read", "initials"].forEach(function (list) {
      found[list] = found[list].filter(function (s) {
        var fresh = seen.indexOf(s) < 0 && seen.length <= MAX_SPELLINGS;
        if (fresh) seen.push(s);
        return fresh;
      });
    });
    return found;
  };

  Sounds.prototype.chars = function (syllable) {
    return this.charsOf.get(syllable) || [];
  };

  Sounds.prototype.byPinyin = function (term, lexicon) {
    var self = this;
    var out = [];
    this.cuts(term).forEach(function (cut) {
      var sets = cut.map(function (s) { return /^[a-z]/.test(s) ? self.chars(s) : [s]; });
      out = out.concat(spell(sets, lexicon));
    });
    return out;
  };

  Sounds.prototype.bySameSound = function (term, lexicon) {
    var self = this;
    var sets = [];
    var chars = Array.from(term);
    for (var i = 0; i < chars.length; i++) {
      var syllables = this.readings.get(chars[i]);
      if (!syllables) return [];
      var set = new Set();
      syllables.forEach(function (s) { self.chars(s).forEach(function (c) { set.add(c); }); });
      sets.push(Array.from(set).sort(function (a, b) { return a.codePointAt(0) - b.codePointAt(0); }));
    }
    var most = Math.max(Math.floor(sets.length / 2), 1);
    return spell(sets, lexicon).filter(function (s) {
      var spelled = Array.from(s);
      var differ = 0;
      for (var i = 0; i < spelled.length && i < chars.length; i++) if (spelled[i] !== chars[i]) differ++;
      return differ <= most;
    });
  };

  Sounds.prototype.byInitials = function (term, lexicon) {
    var self = this;
    var letters = Array.from(term);
    var found = new Map();
    lexicon.titles.forEach(function (title) {
      var chars = Array.from(title);
      var here = new Set();
      for (var i = 0; i + letters.length <= chars.length; i++) {
        var run = chars.slice(i, i + letters.length);
        if (run.every(function (c, k) { return self.startsWith(c, letters[k]); })) here.add(run.join(""));
      }
      here.forEach(function (run) { found.set(run, (found.get(run) || 0) + 1); });
    });
    return Array.from(found.keys()).sort(function (a, b) {
      return found.get(b) - found.get(a) || compareCodePoints(Array.from(a), Array.from(b));
    });
  };

  Sounds.prototype.startsWith = function (c, letter) {
    return (this.readings.get(c) || []).some(function (s) { return s.charAt(0) === letter; });
  };

  Sounds.prototype.cuts = function (term) {
    var self = this;
    var out = [];
    (function cutFrom(rest, soFar) {
      if (out.length >= MAX_CUTS) return;
      if (!rest) {
        if (soFar.length >= 2) out.push(soFar.slice());
        return;
      }
      if (!/^[\x00-\x7f]/.test(rest)) {
        var c = String.fromCodePoint(rest.codePointAt(0));
        soFar.push(c);
        cutFrom(rest.slice(c.length), soFar);
        soFar.pop();
        return;
      }
      var letters = /^[\x00-\x7f]*/.exec(rest)[0].length;
      for (var len = Math.min(LONGEST_SYLLABLE, letters); len >= 1; len--) {
        var syllable = rest.slice(0, len);
        if (self.charsOf.has(syllable)) {
          soFar.push(syllable);
          cutFrom(rest.slice(len), soFar);
          soFar.pop();
        }
      }
    })(term, []);
    return out;
  };

  /* One character from each set in turn whose neighbours occur together. */
  function spell(sets, lexicon) {
    if (sets.length < 2) return [];
    var paths = [];
    pairs: for (var a = 0; a < sets[0].length; a++) {
      for (var b = 0; b < sets[1].length; b++) {
        if (lexicon.hasBigram(sets[0][a] + sets[1][b])) {
          paths.push([sets[0][a], sets[1][b]]);
          if (paths.length >= MAX_PATHS) break pairs;
        }
      }
    }
    for (var i = 2; i < sets.length; i++) paths = extend(paths, sets[i], lexicon);
    return paths.map(function (p) { return p.join(""); });
  }

  function extend(paths, set, lexicon) {
    var next = [];
    for (var p = 0; p < paths.length; p++) {
      var last = paths[p][paths[p].length - 1];
      for (var c = 0; c < set.length; c++) {
        if (lexicon.hasBigram(last + set[c])) {
          next.push(paths[p].concat([set[c]]));
          if (next.length >= MAX_PATHS) return next;
        }
      }
    }
    return next;
  }

  Engine.prototype.hasBigram = function (gram) {
    return Object.prototype.hasOwnProperty.call(this.terms, gram) || this.vocabulary.bigrams.has(gram);
  };

  /* Regional vocabulary (src/search/vocabulary.rs): groups of normalized
     words that mean the same, "a,b;c,d" on the wire. */
  function Vocabulary(wire) {
    var self = this;
    this.groups = wire ? wire.split(";").map(function (g) { return g.split(","); }) : [];
    this.bigrams = new Set();
    this.groups.forEach(function (group) {
      group.forEach(function (word) { bigrams(word).forEach(function (g) { self.bigrams.add(g); }); });
    });
    /* Spellings by term: results and snippets ask for the same terms again. */
    this.spellings = new Map();
    this.groupOf = new Map();
    this.byFirst = new Map();
    this.groups.forEach(function (group, g) {
      group.forEach(function (word) {
        self.groupOf.set(word, g);
        var first = Array.from(word)[0];
        if (!self.byFirst.has(first)) self.byFirst.set(first, []);
        self.byFirst.get(first).push(Array.from(word));
      });
    });
    this.byFirst.forEach(function (words) {
      words.sort(function (a, b) { return b.length - a.length; });
    });
  }

  /* The term first, then its spellings with each vocabulary word (found
     leftmost-longest) replaced by the others of its group. */
  Vocabulary.prototype.alternatives = function (term) {
    var known = this.spellings.get(term);
    if (known) return known;
    var chars = Array.from(term);
    var spellings = [""];
    for (var i = 0; i < chars.length;) {
      var at = this.optionsAt(chars, i);
      var next = [];
      for (var s = 0; s < spellings.length && next.length < MAX_ALTERNATIVES; s++) {
        for (var o = 0; o < at.options.length && next.length < MAX_ALTERNATIVES; o++) {
          next.push(spellings[s] + at.options[o]);
        }
      }
      spellings = next;
      i += at.length;
    }
    this.spellings.set(term, spellings);
    return spellings;
  };

  Vocabulary.prototype.optionsAt = function (chars, i) {
    var words = this.byFirst.get(chars[i]) || [];
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      if (word.length > chars.length - i) continue;
      var same = true;
      for (var k = 0; k < word.length && same; k++) same = word[k] === chars[i + k];
      if (!same) continue;
      var text = word.join("");
      var group = this.groups[this.groupOf.get(text)];
      var others = group.filter(function (o) { return o !== text; });
      return { options: [text].concat(others), length: word.length };
    }
    return { options: [chars[i]], length: 1 };
  };

  /* [doc, role, title id, groups]; a group is [field, text ids, items
     joined by spaces or "", heading of a department's own section or ""]. */
  function decodeEntry(a) {
    var passages = [{ field: FIELD_TITLE, text: a[2], item: "", label: "" }];
    a[3].forEach(function (g) {
      var items = g[2] ? g[2].split(" ") : [];
      g[1].forEach(function (text, i) {
        passages.push({ field: g[0], text: text, item: items[i] || "", label: g[3] });
      });
    });
    return { doc: a[0], role: a[1], passages: passages };
  }

  /* Full-width ASCII to ASCII, ASCII to lower case, Traditional to
     Simplified; one UTF-16 unit for one, so positions carry over. */
  Engine.prototype.normalize = function (text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      else if (c === 0x3000) c = 0x20;
      if (c >= 65 && c <= 90) c += 32;
      var ch = String.fromCharCode(c);
      out += this.table.get(ch) || ch;
    }
    return out;
  };

  Engine.prototype.queryTerms = function (query) {
    var terms = [];
    words(this.normalize(query)).forEach(function (w) {
      if (terms.indexOf(w) < 0) terms.push(w);
    });
    return terms;
  };

  Engine.prototype.postings = function (gram) {
    var cached = this.postingsCache.get(gram);
    if (cached) return cached;
    var code = Object.prototype.hasOwnProperty.call(this.terms, gram) ? this.terms[gram] : "";
    var ids = decodePostings(code);
    this.postingsCache.set(gram, ids);
    return ids;
  };

  function TermMatch() {
    this.best = 0;
    this.count = 0;
    this.passage = null;
  }

  TermMatch.prototype.add = function (field, weight, position) {
    this.count += 1;
    this.best = Math.max(this.best, weight);
    if (field !== FIELD_TITLE) this.passage = better(this.passage, [weight, position]);
  };

  TermMatch.prototype.score = function () {
    return this.best + REPEAT_BONUS * Math.min(Math.max(this.count - 1, 0), REPEAT_CAP);
  };

  /* The higher weight, then the earlier passage. */
  function better(current, candidate) {
    if (current && (current[0] > candidate[0] || (current[0] === candidate[0] && current[1] <= candidate[1]))) {
      return current;
    }
    return candidate;
  }

  Engine.prototype.textsContaining = function (term) {
    var self = this;
    var candidates;
    if (charCount(term) < 2) {
      candidates = this.normalized.map(function (_, i) { return i; });
    } else {
      candidates = intersect(bigrams(term).map(function (g) { return self.postings(g); }));
    }
    return candidates.filter(function (t) {
      return findAll(self.normalized[t], term).length > 0;
    });
  };

  /* Matches of any spelling of the term, and the spellings tried: its
     vocabulary's, then, when none occurs whole, its spellings by sound. Per
     entry the best, the earlier spelling's on equal scores. */
  Engine.prototype.matchTerm = function (term) {
    var known = this.resolved.get(term);
    if (known) return known;
    var spellings = this.vocabulary.alternatives(term).slice();
    var best = new Map();
    if (!this.matchSpellings(spellings, best)) {
      var self = this;
      var sounds = this.sounds.spellings(term, this);
      var shares = this.byCommonness(sounds.read).map(function (sound, rank) {
        return [sound, rank === 0 ? 1 : RARER_SOUND];
      }).concat(sounds.initials.map(function (sound) { return [sound, 1]; }));
      shares.forEach(function (pair) {
        self.vocabulary.alternatives(pair[0]).forEach(function (spelling) {
          keepBest(best, self.matchSpelling(spelling).matches, pair[1]);
          spellings.push(spelling);
        });
      });
    }
    var result = { matches: best, spellings: spellings };
    // Typing makes a new term at every key: keep the last few only.
    if (this.resolved.size >= RESOLVED_KEPT) this.resolved.clear();
    this.resolved.set(term, result);
    return result;
  };

  /* Adds each spelling's matches to `best`; whether any occurs whole. */
  Engine.prototype.matchSpellings = function (spellings, best) {
    var self = this;
    var found = false;
    spellings.forEach(function (spelling) {
      var result = self.matchSpelling(spelling);
      found = found || result.whole;
      keepBest(best, result.matches, 1);
    });
    return found;
  };

  /* Spellings most like a word first: by the cohesion of their weakest
     pair of neighbours, then by how many passages contain them (in any of
     their vocabulary's spellings); the order given on ties. */
  Engine.prototype.byCommonness = function (spellings) {
    var self = this;
    var counted = spellings.map(function (s, i) {
      var count = 0;
      self.vocabulary.alternatives(s).forEach(function (a) { count += self.textsContaining(a).length; });
      return { spelling: s, weakest: self.weakestPair(s), count: count, at: i };
    });
    counted.sort(function (a, b) { return b.weakest - a.weakest || b.count - a.count || a.at - b.at; });
    return counted.map(function (c) { return c.spelling; });
  };

  Engine.prototype.weakestPair = function (spelling) {
    var chars = Array.from(spelling);
    var weakest = 1;
    for (var i = 0; i + 1 < chars.length; i++) weakest = Math.min(weakest, this.cohesion(chars[i], chars[i + 1]));
    return weakest;
  };

  /* Of the passages holding the rarer character, the share holding the
     pair (src/search/query.rs, cohesion). */
  Engine.prototype.cohesion = function (a, b) {
    var gram = a + b;
    if (!Object.prototype.hasOwnProperty.call(this.terms, gram)) return this.vocabulary.bigrams.has(gram) ? 1 : 0;
    var df = this.charDf();
    var rarer = Math.min(df.get(a) || 0, df.get(b) || 0);
    return this.postings(gram).length / Math.max(rarer, 1);
  };

  Engine.prototype.charDf = function () {
    if (this.charDfCache) return this.charDfCache;
    var df = new Map();
    this.normalized.forEach(function (text) {
      new Set(Array.from(text)).forEach(function (c) { df.set(c, (df.get(c) || 0) + 1); });
    });
    this.charDfCache = df;
    return df;
  };

  /* Adds matches, their scores times `share`, to `best`: per entry the
     better, the one already there on equal scores. */
  function keepBest(best, matches, share) {
    matches.forEach(function (m, e) {
      m.best *= share;
      var current = best.get(e);
      if (!current || current.score() < m.score()) best.set(e, m);
    });
  }

  Engine.prototype.matchSpelling = function (term) {
    var self = this;
    var matches = new Map();
    var texts = this.textsContaining(term);
    var length = charCount(term);
    texts.forEach(function (text) {
      var norm = self.normalized[text];
      var whole = findAll(norm, term).some(function (at) { return endsWord(norm, at + term.length, term); });
      var share = whole ? 1 : PREFIX_ONLY;
      var covered = length / charCount(norm);
      self.uses[text].forEach(function (use) {
        var field = self.entries[use[0]].passages[use[1]].field;
        var m = matches.get(use[0]);
        if (!m) matches.set(use[0], (m = new TermMatch()));
        m.add(field, self.weights[field] * share + LENGTH_BONUS * covered, use[1]);
      });
    });
    if (charCount(term) >= 3 && !isLatin(term)) this.matchPieces(term, matches);
    return { matches: matches, whole: texts.length > 0 };
  };

  /* Entries holding bigrams of the term that cover all its characters. */
  Engine.prototype.matchPieces = function (term, matches) {
    var self = this;
    var grams = bigrams(term);
    var found = new Map();
    grams.forEach(function (gram, i) {
      self.postings(gram).forEach(function (text) {
        self.uses[text].forEach(function (use) {
          if (matches.has(use[0])) return;
          var f = found.get(use[0]);
          if (!f) {
            f = { seen: grams.map(function () { return false; }), match: new TermMatch() };
            found.set(use[0], f);
          }
          f.seen[i] = true;
          var field = self.entries[use[0]].passages[use[1]].field;
          f.match.add(field, self.weights[field], use[1]);
        });
      });
    });
    found.forEach(function (f, e) {
      if (!covers(f.seen)) return;
      var partial = new TermMatch();
      partial.best = f.match.best * PARTIAL;
      partial.count = 1;
      partial.passage = f.match.passage;
      matches.set(e, partial);
    });
  };

  function covers(seen) {
    for (var c = 0; c <= seen.length; c++) {
      if (!((c > 0 && seen[c - 1]) || seen[c])) return false;
    }
    return true;
  }

  /* The best bonus any spelling of the whole query earns. */
  Engine.prototype.titleBonus = function (entry, wholes) {
    var title = words(this.normalized[this.entries[entry].passages[0].text] || "").join("");
    var bonus = 0;
    wholes.forEach(function (whole) {
      if (title === whole) bonus = Math.max(bonus, EXACT_TITLE);
      else if (title.indexOf(whole) === 0) bonus = Math.max(bonus, TITLE_PREFIX);
    });
    return bonus;
  };

  /* Results best first; of equal scores, the one matching more passages,
     then the shorter title, then the title's characters; `doc` narrows to one
     document's index. Each: {entry, score, passage, terms}. */
  Engine.prototype.search = function (query, doc) {
    var terms = this.withoutFiller(this.queryTerms(query));
    var hits = this.searchTerms(terms, doc);
    var pinyin = terms.every(function (t) { return /^[a-z]+$/.test(t); });
    if (!hits.length && terms.length > 1 && pinyin) {
      return this.searchTerms([words(this.normalize(query)).join("")], doc);
    }
    return hits;
  };

  /* Each term that occurs whole nowhere, cut at the words every job
     description has (店长职责): the rest are the terms. */
  Engine.prototype.withoutFiller = function (terms) {
    var self = this;
    var out = [];
    terms.forEach(function (term) {
      var parts = cutFiller(term);
      var keep = parts.length === 0 || (parts.length === 1 && parts[0] === term) ||
        self.vocabulary.alternatives(term).some(function (s) { return self.textsContaining(s).length > 0; });
      (keep ? [term] : parts).forEach(function (p) { if (out.indexOf(p) < 0) out.push(p); });
    });
    return out;
  };

  function cutFiller(term) {
    var parts = [term];
    FILLER.forEach(function (filler) {
      var next = [];
      parts.forEach(function (p) { p.split(filler).forEach(function (q) { if (q) next.push(q); }); });
      parts = next;
    });
    return parts;
  }

  Engine.prototype.searchTerms = function (terms, doc) {
    var self = this;
    if (!terms.length) return [];
    var resolved = terms.map(function (t) { return self.matchTerm(t); });
    var perTerm = resolved.map(function (r) { return r.matches; });
    var spellings = resolved.map(function (r) { return r.spellings; });
    var wholes = terms.length === 1 ? spellings[0] : this.vocabulary.alternatives(terms.join(""));
    var total = this.entries.length;
    var hits = [];
    perTerm[0].forEach(function (_, e) {
      if (!perTerm.every(function (m) { return m.has(e); })) return;
      if (doc != null && self.entries[e].doc !== doc) return;
      var score = self.titleBonus(e, wholes);
      var passage = null;
      var frequency = 0;
      perTerm.forEach(function (m) {
        frequency += m.get(e).count;
        var idf = Math.log(1 + total / m.size);
        var match = m.get(e);
        score += idf * match.score();
        if (match.passage) passage = better(passage, match.passage);
      });
      hits.push({
        entry: e,
        score: Math.round(score * 1e6) / 1e6,
        passage: passage ? passage[1] : null,
        spellings: spellings,
        frequency: frequency,
        title: Array.from(self.normalized[self.entries[e].passages[0].text] || "")
      });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || b.frequency - a.frequency ||
        a.title.length - b.title.length || compareCodePoints(a.title, b.title) || a.entry - b.entry;
    });
    return hits;
  };

  /* What a result shows and where it links, relative to the variant root. */
  Engine.prototype.describe = function (hit) {
    var entry = this.entries[hit.entry];
    var doc = this.docs[entry.doc];
    var page = entry.role ? doc.id + "/" + entry.role + ".html" : doc.id + "/index.html";
    var passage = hit.passage == null ? null : entry.passages[hit.passage];
    var titleRanges = this.ranges(entry.passages[0].text, hit.spellings);
    var ranges = passage ? this.ranges(passage.text, hit.spellings) : [];
    var title = this.texts[entry.passages[0].text];
    var text = passage ? this.texts[passage.text] : "";
    return {
      doc: doc,
      role: entry.role,
      title: title,
      titleRanges: titleRanges,
      passage: passage,
      text: text,
      ranges: ranges,
      href: page + highlightQuery(matched(title, titleRanges).concat(matched(text, ranges))) +
        this.anchor(entry, passage)
    };
  };

  /* Where a passage is on its page: a duty item (duty-3-2), the
     department's duties, a department's own section (section-2), or the
     field's section. */
  Engine.prototype.anchor = function (entry, passage) {
    if (!passage) return "";
    var id = this.anchors[passage.field];
    if (id === "duties" && passage.item) return "#duty-" + passage.item;
    if (id === "duties" && !entry.role) return "#department-duties";
    if (passage.label) return "#section-" + passage.item;
    return id ? "#" + id : "";
  };

  /* [start, end) ranges of a text to highlight: each term, in any of the
     spellings it was tried in, where it occurs whole, else their bigrams (a
     match pieced together). */
  Engine.prototype.ranges = function (text, termSpellings) {
    var norm = this.normalized[text] || "";
    var out = [];
    termSpellings.forEach(function (spellings) {
      var parts = spellings.map(function (s) { return [s, findAll(norm, s)]; });
      var whole = parts.filter(function (p) { return p[1].length; });
      if (!whole.length) {
        parts = [];
        spellings.forEach(function (s) {
          bigrams(s).forEach(function (g) { parts.push([g, findAll(norm, g)]); });
        });
      } else {
        parts = whole;
      }
      parts.forEach(function (p) {
        p[1].forEach(function (at) { out.push([at, at + p[0].length]); });
      });
    });
    return merge(out);
  };

  /* The text of each range. */
  function matched(text, ranges) {
    return ranges.map(function (r) { return text.slice(r[0], r[1]); });
  }

  /* `?hl=` with the words a result matched, as the page writes them, for
     the page to mark (see markHighlights). */
  function highlightQuery(words) {
    var seen = [];
    words.forEach(function (w) { if (w && seen.indexOf(w) < 0) seen.push(w); });
    return seen.length ? "?hl=" + encodeURIComponent(seen.join(" ")) : "";
  }

  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  /* ---- Loading the index ---- */

  var loading = null;
  /* The loaded engine, so typing after the first load runs synchronously. */
  var engine = null;

  function loadIndex(src) {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        function ready() {
          try {
            engine = new Engine(window.HANDBOOK_SEARCH);
            resolve(engine);
          } catch (error) {
            reject(error);
          }
        }
        if (window.HANDBOOK_SEARCH) return ready();
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = ready;
        script.onerror = function () {
          loading = null;
          script.remove();
          reject(new Error("cannot load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  /* ---- Showing results ---- */

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Appends `text` to `parent` with `ranges` wrapped in <mark>. */
  function appendMarked(parent, text, ranges, from, to) {
    var at = from;
    ranges.forEach(function (r) {
      var start = Math.max(r[0], from);
      var end = Math.min(r[1], to);
      if (start >= end) return;
      if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(el("mark", "", text.slice(start, end)));
      at = end;
    });
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  /* A window of the passage around its first match, not cutting a
     surrogate pair. */
  function snippetWindow(text, ranges) {
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - SNIPPET_LEAD);
    var end = Math.min(text.length, start + SNIPPET);
    start = Math.max(0, Math.min(start, end - SNIPPET));
    if (isLowSurrogate(text, start)) start -= 1;
    if (isLowSurrogate(text, end)) end += 1;
    return [start, end];
  }

  function isLowSurrogate(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  function resultOption(info, id, root, labels) {
    var a = el("a", "search-result");
    a.id = id;
    a.href = root + info.href;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    var title = el("span", "search-result-title");
    appendMarked(title, info.title, info.titleRanges, 0, info.title.length);
    if (!info.role) title.appendChild(el("span", "search-result-kind", labels.department));
    a.appendChild(title);
    var where = info.doc.source + " " + info.doc.title + "（" + info.doc.organization + "）";
    a.appendChild(el("span", "search-result-doc", where));
    if (info.text) {
      var snippet = el("span", "search-result-snippet");
      var field = !info.role ? labels.department : info.passage.label || labels.fields[info.passage.field];
      snippet.appendChild(el("span", "search-result-field", field + "："));
      var w = snippetWindow(info.text, info.ranges);
      if (w[0] > 0) snippet.appendChild(document.createTextNode("…"));
      appendMarked(snippet, info.text, info.ranges, w[0], w[1]);
      if (w[1] < info.text.length) snippet.appendChild(document.createTextNode("…"));
      a.appendChild(snippet);
    }
    return a;
  }

  /* ---- The combobox (WAI-ARIA 1.2 pattern, list autocomplete) ---- */

  function Box(form, options) {
    this.form = form;
    this.input = form.querySelector("[role=combobox]");
    this.list = document.getElementById(this.input.getAttribute("aria-controls"));
    this.status = document.getElementById(options.status);
    this.popup = options.popup;
    this.message = options.message;
    this.limit = options.limit;
    this.select = options.select;
    this.settings = options.settings;
    this.active = -1;
    this.query = null;
    this.bind();
  }

  Box.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("focus", function () {
      self.load();
      if (!self.popup || !self.input.value.trim()) return;
      /* A value the browser restored (back button) has not been searched yet. */
      if (self.query !== self.input.value) self.update();
      else self.setOpen(true);
    });
    this.input.addEventListener("input", function (e) {
      if (!e.isComposing) self.update();
    });
    this.input.addEventListener("compositionend", function () { self.update(); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    /* Keeps focus in the box while a result is clicked. */
    this.list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    if (this.popup) {
      this.form.addEventListener("focusout", function (e) {
        if (!self.form.contains(e.relatedTarget)) self.close();
      });
    }
    if (this.select) this.select.addEventListener("change", function () { self.update(true); });
  };

  Box.prototype.load = function () {
    var self = this;
    return loadIndex(this.settings.index).catch(function () {
      self.say(self.settings.msgError, true);
      self.setOpen(!!self.input.value.trim());
    });
  };

  Box.prototype.update = function (force) {
    var self = this;
    var query = this.input.value;
    var doc = this.select ? this.select.value : "";
    if (!force && query === this.query && doc === this.doc) return;
    this.query = query;
    this.doc = doc;
    if (this.onQuery) this.onQuery(query, doc);
    if (!query.trim()) return this.show([], query, 0);
    if (engine) return this.run(engine, query, doc);
    this.say(this.settings.msgLoading, false);
    this.load().then(function (loaded) {
      if (loaded && self.query === query && self.doc === doc) self.run(loaded, query, doc);
    });
  };

  Box.prototype.run = function (loaded, query, doc) {
    var docIndex = null;
    loaded.docs.forEach(function (d, i) {
      if (d.id === doc) docIndex = i;
    });
    var hits = loaded.search(query, docIndex);
    var infos = hits.slice(0, this.limit).map(function (h) { return loaded.describe(h); });
    this.show(infos, query, hits.length);
  };

  Box.prototype.show = function (infos, query, total) {
    var s = this.settings;
    var self = this;
    var options = infos.map(function (info, i) {
      return resultOption(info, self.list.id + "-" + i, s.root, s);
    });
    if (this.popup && total > infos.length) options.push(this.moreOption(query, total));
    this.list.replaceChildren.apply(this.list, options);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var text = "";
    if (query.trim()) {
      text = total ? format(s.msgCount, { n: total }) : format(s.msgNone, { q: query.trim() });
      if (!this.popup && total > infos.length) text += format(s.msgShown, { shown: infos.length });
    }
    this.say(text, !total && !!query.trim());
    this.list.hidden = !infos.length;
    this.list.setAttribute("data-query", query);
    this.setOpen(!!query.trim());
  };

  /* The last option of the drop-down: every result on the search page. */
  Box.prototype.moreOption = function (query, total) {
    var a = el("a", "search-result search-more", format(this.settings.msgMore, { n: total }));
    a.id = this.list.id + "-more";
    a.href = this.form.getAttribute("action") + "?q=" + encodeURIComponent(query);
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    return a;
  };

  Box.prototype.say = function (text, visible) {
    if (this.status.textContent !== text) this.status.textContent = text;
    if (this.message) {
      this.message.textContent = visible ? text : "";
      this.message.hidden = !visible;
    }
  };

  /* The drop-down shows the results, or says there are none; the
     combobox is expanded only while the list of results is shown. */
  Box.prototype.setOpen = function (open) {
    var hasList = !this.list.hidden;
    if (this.popup) {
      var hasMessage = !!this.message && !this.message.hidden;
      this.popup.hidden = !(open && (hasList || hasMessage));
      this.input.setAttribute("aria-expanded", String(open && hasList));
    } else {
      this.input.setAttribute("aria-expanded", String(hasList));
    }
  };

  Box.prototype.close = function () {
    this.setActive(-1);
    if (this.popup) this.setOpen(false);
  };

  Box.prototype.options = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("[role=option]"));
  };

  Box.prototype.setActive = function (index) {
    var options = this.options();
    options.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === index)); });
    this.active = index;
    if (index < 0 || !options[index]) {
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    this.input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  };

  Box.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    var count = this.options().length;
    var open = this.input.getAttribute("aria-expanded") === "true";
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!count) return;
      e.preventDefault();
      if (this.popup && !open) this.setOpen(true);
      var step = e.key === "ArrowDown" ? 1 : -1;
      var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
      this.setActive(next);
    } else if (e.key === "Enter" && this.active >= 0) {
      e.preventDefault();
      this.options()[this.active].click();
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (this.popup && open) this.close();
      else if (this.active >= 0) this.setActive(-1);
      else if (this.input.value) {
        this.input.value = "";
        this.update();
      }
    }
  };

  /* ---- Page wiring ---- */

  function settingsFrom(form) {
    var d = form.dataset;
    return {
      index: d.index,
      root: d.root || "",
      msgCount: d.msgCount,
      msgShown: d.msgShown,
      msgNone: d.msgNone,
      msgMore: d.msgMore,
      msgLoading: d.msgLoading,
      msgError: d.msgError,
      department: d.labelDepartment,
      fields: (d.fields || "").split("|")
    };
  }

  function setUpHeader(form) {
    return new Box(form, {
      popup: form.querySelector(".search-popup"),
      message: form.querySelector(".search-message"),
      status: form.getAttribute("data-status"),
      limit: POPUP_LIMIT,
      settings: settingsFrom(form)
    });
  }

  function setUpPage(form, settings) {
    var select = form.querySelector("select");
    var box = new Box(form, {
      popup: null,
      message: null,
      status: form.getAttribute("data-status"),
      limit: PAGE_LIMIT,
      select: select,
      settings: settings
    });
    var params = new URLSearchParams(location.search);
    box.input.value = params.get("q") || "";
    if (select) select.value = params.get("doc") || "";
    if (select && select.selectedIndex < 0) select.selectedIndex = 0;
    box.onQuery = function (query, doc) { keepInUrl(query, doc); };
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      box.update(true);
    });
    box.update(true);
    return box;
  }

  /* The query in the address, so a search can be shared or bookmarked,
     and carried over to the same page in the other scripts. */
  function keepInUrl(query, doc) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (doc) params.set("doc", doc);
    var search = params.toString() ? "?" + params.toString() : "";
    try {
      history.replaceState(null, "", location.pathname + search);
    } catch (e) {
      /* Some browsers refuse replaceState on file://; the search still works. */
    }
    document.querySelectorAll("a[data-variant]").forEach(function (a) {
      a.href = a.href.split(/[?#]/)[0] + search;
    });
  }

  /* `/` jumps to the search box, unless the reader is typing somewhere. */
  function focusShortcut(input) {
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* Duty items get ids (duty-3, duty-3-2) numbered as the index numbers
     them (src/search/entries.rs), so a result can point at one. */
  function numberItems(parent, prefix) {
    var n = 0;
    Array.prototype.forEach.call(parent.children, function (list) {
      if (list.tagName !== "OL" && list.tagName !== "UL") return;
      Array.prototype.forEach.call(list.children, function (li) {
        if (li.tagName !== "LI") return;
        n += 1;
        if (!li.id) li.id = prefix + n;
        numberItems(li, prefix + n + "-");
      });
    });
  }

  function showTarget() {
    document.querySelectorAll(".search-target").forEach(function (e) {
      e.classList.remove("search-target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^duty-\d+(-\d+)*$/.test(id)) return;
    var target = document.getElementById(id);
    if (!target) return;
    target.classList.add("search-target");
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  /* Marks the words a search result matched (?hl=, written by
     highlightQuery) in the page's main text. */
  function markHighlights() {
    var match = /[?&]hl=([^&#]*)/.exec(location.search);
    var main = document.getElementById("main");
    if (!match || !main) return;
    var words = decodeURIComponent(match[1].replace(/\+/g, " ")).split(" ").filter(Boolean);
    if (!words.length) return;
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("svg, script, style, mark, .breadcrumbs")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) { markWords(node, words); });
  }

  function markWords(node, words) {
    var text = node.nodeValue;
    var ranges = [];
    words.forEach(function (w) {
      for (var at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) {
        ranges.push([at, at + w.length]);
      }
    });
    if (!ranges.length) return;
    var fragment = document.createDocumentFragment();
    appendMarked(fragment, text, merge(ranges), 0, text.length);
    fragment.querySelectorAll("mark").forEach(function (m) { m.className = "search-hit"; });
    node.parentNode.replaceChild(fragment, node);
  }

  function start() {
    document.querySelectorAll(".duties").forEach(function (d) { numberItems(d, "duty-"); });
    markHighlights();
    showTarget();
    window.addEventListener("hashchange", showTarget);
    var header = document.getElementById("site-search");
    var page = document.getElementById("search-page");
    if (!header) return;
    header.classList.add("search-ready");
    setUpHeader(header);
    var main = header.querySelector("[role=combobox]");
    if (page) {
      page.classList.add("search-ready");
      main = setUpPage(page, settingsFrom(header)).input;
    }
    focusShortcut(main);
  }

  /* For the browser tests and for anyone scripting the page. */
  window.HandbookSearch = {
    load: function () {
      var header = document.getElementById("site-search");
      return loadIndex(header ? header.dataset.index : "search-index.js");
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
