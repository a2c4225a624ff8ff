// The gallery's client side. The page itself is rendered by the server from the URL; this file
// only edits the form (the query box, the tag picker) and fills the panels that load later
// (picker options, suggestions, related tags). Submitting the form is a plain GET, so the query
// lands in the URL: bookmarkable, and the back button returns to the previous query.

// Tag-query text helpers (the grammar of docs/api.md, "Tag queries").
var TagQuery = (function () {
  "use strict";
  var SPACE = " \t\n\r\f\v";  // the grammar's whitespace, and nothing else
  var KEYWORDS = {and: true, or: true, not: true};

  function isSpace(c) { return SPACE.indexOf(c) >= 0; }
  // A bare name ends at whitespace or one of ( ) | ".
  function endsName(c) { return isSpace(c) || c === "(" || c === ")" || c === "|" || c === '"'; }

  // A name written so the grammar reads it back (the rule of SQL's tagpage_tag_query_quote).
  function quote(name) {
    var bare = name !== "" && !/[ \t\n\r\f\v()|"]/.test(name) && name[0] !== "-" && name[0] !== "~" &&
      !KEYWORDS[name.toLowerCase()];
    return bare ? name : '"' + name.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  // Index of the quote closing the quoted name opened at `open`, or -1.
  function closingQuote(text, open) {
    for (var i = open + 1; i < text.length; i++) {
      if (text[i] === "\\") { i++; } else if (text[i] === '"') { return i; }
    }
    return -1;
  }

  // The name being typed at the caret: {start, end, word} where [start, end) is what a chosen
  // name replaces (a leading - or ~ stays) and `word` the part before the caret, unquoted. Null
  // between names or on a keyword.
  function nameAt(text, caret) {
    for (var i = 0; i < caret; i++) {
      if (text[i] !== '"') { continue; }
      var close = closingQuote(text, i);
      if (close < 0 || close >= caret) {  // the caret is inside this quoted name
        var typed = text.slice(i + 1, caret).replace(/\\(.)/g, "$1");
        return {start: i, end: close < 0 ? text.length : close + 1, word: typed};
      }
      i = close;
    }
    var start = caret, end = caret;
    while (start > 0 && !endsName(text[start - 1])) { start--; }
    while (end < text.length && !endsName(text[end])) { end++; }
    while (start < caret && (text[start] === "-" || text[start] === "~")) { start++; }
    var word = text.slice(start, caret);
    if (!word || KEYWORDS[text.slice(start, end).toLowerCase()]) { return null; }
    return {start: start, end: end, word: word};
  }

  // The top-level terms of a query (outside parentheses and quotes), split at whitespace.
  function terms(text) {
    var out = [], depth = 0, start = -1;
    for (var i = 0; i <= text.length; i++) {
      var c = text[i];
      if (i === text.length || (depth === 0 && isSpace(c))) {
        if (start >= 0) { out.push(text.slice(start, i)); start = -1; }
        continue;
      }
      if (start < 0) { start = i; }
      if (c === '"') {
        var close = closingQuote(text, i);
        i = close < 0 ? text.length - 1 : close;
      } else if (c === "(") { depth++; } else if (c === ")" && depth > 0) { depth--; }
    }
    return out;
  }

  // Whether a term is the picked name, plain or in a ~ group.
  function isPick(term, name) {
    var t = term.toLowerCase(), q = quote(name).toLowerCase();
    return t === q || t === "~" + q;
  }

  function has(text, name) {
    return terms(text).some(function (t) { return isPick(t, name); });
  }

  function add(text, term) {
    var kept = text.replace(/[ \t\n\r\f\v]+$/, "");
    return kept ? kept + " " + term : term;
  }

  // The query without the picked name's top-level terms, and an `and` / `or` left dangling.
  function remove(text, name) {
    var list = terms(text);
    var out = [];
    for (var i = 0; i < list.length; i++) {
      if (!isPick(list[i], name)) { out.push(list[i]); continue; }
      var op = /^(and|or|\|)$/i;
      if (out.length && op.test(out[out.length - 1])) { out.pop(); } else if (i + 1 < list.length && op.test(list[i + 1])) { i++; }
    }
    return out.join(" ");
  }

  // The picked names' terms written with the prefix of a match mode (~ for any).
  function rematch(text, names, match) {
    return terms(text).map(function (t) {
      for (var i = 0; i < names.length; i++) {
        if (isPick(t, names[i])) { return (match === "any" ? "~" : "") + quote(names[i]); }
      }
      return t;
    }).join(" ");
  }

  return {quote: quote, nameAt: nameAt, terms: terms, has: has, add: add, remove: remove, rematch: rematch};
})();

// The query box: tag-name suggestions for the name under the caret (/api/v1/tags?q=), and the
// query checked while typing, the API's 400 message shown under the box.
(function () {
  "use strict";
  var box = document.getElementById("q");
  if (!box) { return; }
  var list = document.getElementById("q-suggestions");
  var errorLine = document.getElementById("q-error");
  var asked = 0;        // the latest suggestion request; older answers are dropped
  var checked = 0;      // the same for checks
  var target = null;    // the name the suggestions would replace
  var active = -1;
  var suggestTimer = null, checkTimer = null;

  function hide() {
    list.hidden = true;
    list.textContent = "";
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(n) {
    var options = list.querySelectorAll("li");
    options.forEach(function (li, i) { li.setAttribute("aria-selected", i === n ? "true" : "false"); });
    active = n;
    if (n >= 0) { box.setAttribute("aria-activedescendant", options[n].id); }
  }

  function choose(name) {
    var text = box.value;
    var written = TagQuery.quote(name);
    var after = text.slice(target.end);
    var spacer = after && /^[ \t\n\r\f\v)]/.test(after) ? "" : " ";
    box.value = text.slice(0, target.start) + written + spacer + after;
    var caret = target.start + written.length + spacer.length;
    box.setSelectionRange(caret, caret);
    hide();
    box.focus();
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function show(tags) {
    list.textContent = "";
    tags.forEach(function (tag, i) {
      var li = document.createElement("li");
      li.id = "q-suggestion-" + i;
      li.setAttribute("role", "option");
      li.dataset.name = tag.name;
      li.textContent = tag.name + " ";
      var count = document.createElement("small");
      count.textContent = tag.cardinality.toLocaleString("en-US");
      li.appendChild(count);
      // mousedown, not click: the box keeps the focus and the caret
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(tag.name); });
      list.appendChild(li);
    });
    list.hidden = !tags.length;
    box.setAttribute("aria-expanded", tags.length ? "true" : "false");
    active = -1;
  }

  function suggest() {
    var caret = box.selectionStart;
    target = caret === box.selectionEnd ? TagQuery.nameAt(box.value, caret) : null;
    var n = ++asked;
    if (!target) { hide(); return; }
    fetch(box.dataset.searchUrl + "?limit=8&q=" + encodeURIComponent(target.word),
          {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (tags) { if (n === asked && document.activeElement === box) { show(tags); } })
      .catch(function () { if (n === asked) { hide(); } });
  }

  function showError(message) {
    errorLine.textContent = message || "";
    errorLine.hidden = !message;
    if (message) { box.setAttribute("aria-invalid", "true"); } else { box.removeAttribute("aria-invalid"); }
  }

  // A one-row page without a total: the cheapest request that parses the query and resolves
  // its names, so the error shown is the API's own.
  function check() {
    var n = ++checked;
    var text = box.value;
    if (!text.trim()) { showError(""); return; }
    fetch(box.dataset.checkUrl + "?page_size=1&include_total=false&q=" + encodeURIComponent(text),
          {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json().then(function (body) { return {status: r.status, body: body}; }); })
      .then(function (answer) {
        if (n !== checked) { return; }
        var error = answer.status === 400 && answer.body.error && answer.body.error.field === "q";
        showError(error ? answer.body.error.message : "");
      })
      .catch(function () { /* the check is a convenience: submitting still reports the error */ });
  }

  box.addEventListener("input", function () {
    clearTimeout(suggestTimer);
    clearTimeout(checkTimer);
    suggestTimer = setTimeout(suggest, 120);
    checkTimer = setTimeout(check, 350);
  });
  box.addEventListener("click", suggest);
  // Back or forward into a page kept in the browser's memory: the form shows what was typed
  // before leaving it; put back the state of the page's own URL.
  var initialError = errorLine.hidden ? "" : errorLine.textContent;
  window.addEventListener("pageshow", function (e) {
    if (!e.persisted) { return; }
    box.form.reset();
    hide();
    showError(initialError);
    box.dispatchEvent(new Event("input", {bubbles: true}));  // the picker's boxes follow
  });
  box.addEventListener("blur", function () { setTimeout(hide, 100); });
  box.addEventListener("keydown", function (e) {
    var count = list.hidden ? 0 : list.children.length;
    if (e.key === "ArrowDown" && count) {
      e.preventDefault();
      highlight((active + 1) % count);
    } else if (e.key === "ArrowUp" && count) {
      e.preventDefault();
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if ((e.key === "Enter" || e.key === "Tab") && count && active >= 0) {
      e.preventDefault();  // take the suggestion; a second Enter submits
      choose(list.children[active].dataset.name);
    } else if (e.key === "Escape" && count) {
      e.preventDefault();
      hide();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") {
      setTimeout(suggest, 0);  // the caret moved to another name
    }
  });
})();

// Tag picker: checkboxes from /api/v1/tags/popular (or /api/v1/tags?q= while searching); checking
// one adds its name to the query box, unchecking takes it out. Tag ids already in the URL (`tag=`)
// are the server-rendered boxes of #selected-tags, submitted as they are.
(function () {
  "use strict";
  var picker = document.getElementById("tag-picker");
  var options = document.getElementById("tag-options");
  var search = document.getElementById("tag-search");
  var selected = document.getElementById("selected-tags");
  var box = document.getElementById("q");
  var match = document.getElementById("tag-match");

  function selectedIds() {
    var ids = {};
    selected.querySelectorAll("input[name=tag]").forEach(function (el) { ids[el.value] = true; });
    return ids;
  }

  function pickedNames() {
    return Array.prototype.map.call(options.querySelectorAll("input:checked"), function (el) { return el.dataset.name; });
  }

  // Boxes follow the query as it is edited by hand.
  function sync() {
    options.querySelectorAll("input[data-name]").forEach(function (el) {
      el.checked = TagQuery.has(box.value, el.dataset.name);
    });
  }

  function toggle(el) {
    var name = el.dataset.name;
    box.value = el.checked
      ? TagQuery.add(box.value, (match.value === "any" ? "~" : "") + TagQuery.quote(name))
      : TagQuery.remove(box.value, name);
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function render(tags) {
    var taken = selectedIds();
    options.textContent = "";
    tags.forEach(function (tag) {
      if (taken[tag.id]) { return; }
      var label = document.createElement("label");
      label.className = "tag-option";
      var check = document.createElement("input");
      check.type = "checkbox";  // no name: the query box carries the choice
      check.value = tag.id;
      check.dataset.name = tag.name;
      check.checked = TagQuery.has(box.value, tag.name);
      check.addEventListener("change", function () { toggle(check); });
      label.appendChild(check);
      label.appendChild(document.createTextNode(" " + tag.name + " "));
      var count = document.createElement("small");
      count.textContent = "(" + tag.cardinality + ")";
      label.appendChild(count);
      options.appendChild(label);
    });
    if (!options.children.length) {
      options.innerHTML = '<span class="hint">No tags found.</span>';
    }
    options.dataset.loaded = "true";
  }

  function load(url) {
    fetch(url, {headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(render)
      .catch(function (e) { options.innerHTML = '<span class="hint">Tags unavailable (' + e.message + ').</span>'; });
  }

  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = search.value.trim();
      load(q ? picker.dataset.searchUrl + "?limit=40&q=" + encodeURIComponent(q) : picker.dataset.popularUrl);
    }, 200);
  });
  // Enter in the search box must not submit a half-made selection.
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
  search.removeAttribute("name");
  box.addEventListener("input", sync);
  // Match "any" writes the picked tags as one OR group (~a ~b), "all" as plain terms.
  match.addEventListener("change", function () {
    var names = pickedNames();
    if (names.length) {
      box.value = TagQuery.rematch(box.value, names, match.value);
      box.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });

  load(picker.dataset.popularUrl);
})();

// Related tags: the tags occurring most among the current results (/api/v1/tags/related with the
// page's filter). A chip's name adds the tag to the query, its "−" excludes it (adds -name);
// both are links to the first page of the new query.
(function () {
  "use strict";
  var panel = document.getElementById("related");
  if (!panel) { return; }
  var list = document.getElementById("related-tags");

  function withTerm(term) {
    var params = new URLSearchParams(window.location.search);
    params.delete("cursor");
    params.set("q", TagQuery.add(params.get("q") || "", term));
    return "/?" + params.toString();
  }

  function render(tags) {
    list.textContent = "";
    tags.forEach(function (tag) {
      var item = document.createElement("li");
      item.className = "related-chip";
      item.dataset.id = tag.id;
      item.dataset.name = tag.name;
      item.dataset.count = tag.count;
      var add = document.createElement("a");
      add.className = "add";
      add.href = withTerm(TagQuery.quote(tag.name));
      add.title = "only results with " + tag.name;
      add.textContent = tag.name;
      var count = document.createElement("small");
      count.textContent = " " + (tag.exact ? "" : "~") + tag.count.toLocaleString("en-US");
      var exclude = document.createElement("a");
      exclude.className = "exclude";
      exclude.href = withTerm("-" + TagQuery.quote(tag.name));
      exclude.title = "results without " + tag.name;
      exclude.setAttribute("aria-label", "exclude " + tag.name);
      exclude.textContent = "−";
      item.appendChild(add);
      item.appendChild(count);
      item.appendChild(exclude);
      list.appendChild(item);
    });
    if (!tags.length) {
      list.innerHTML = '<li class="hint">No other tags among these results.</li>';
    }
    panel.dataset.loaded = "true";
  }

  fetch(panel.dataset.url, {headers: {"Accept": "application/json"}})
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(render)
    .catch(function (e) { list.innerHTML = '<li class="hint">Related tags unavailable (' + e.message + ').</li>'; });
})();
