// Tag picker: fills the checkbox list from /api/v1/tags/popular and /api/v1/tags?q=.
// Checked boxes are plain form inputs named "tag", so submitting the form puts the state in the URL.
(function () {
  "use strict";
  var picker = document.getElementById("tag-picker");
  var options = document.getElementById("tag-options");
  var search = document.getElementById("tag-search");
  var selected = document.getElementById("selected-tags");

  function selectedIds() {
    var ids = {};
    selected.querySelectorAll("input[name=tag]").forEach(function (el) { ids[el.value] = true; });
    return ids;
  }

  function render(tags) {
    var taken = selectedIds();
    options.textContent = "";
    tags.forEach(function (tag) {
      if (taken[tag.id]) { return; }
      var label = document.createElement("label");
      label.className = "tag-option";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = "tag";
      box.value = tag.id;
      box.dataset.name = tag.name;
      label.appendChild(box);
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

  load(picker.dataset.popularUrl);
})();

// Related tags: the tags occurring most among the current results (/api/v1/tags/related with the
// page's filter). Each chip is a link to the same page with that tag added to the selection.
(function () {
  "use strict";
  var panel = document.getElementById("related");
  if (!panel) { return; }
  var list = document.getElementById("related-tags");

  function withTag(id) {
    var params = new URLSearchParams(window.location.search);
    params.delete("cursor");
    params.append("tag", id);
    return "/?" + params.toString();
  }

  function render(tags) {
    list.textContent = "";
    tags.forEach(function (tag) {
      var item = document.createElement("li");
      item.className = "related-chip";
      item.dataset.id = tag.id;
      item.dataset.count = tag.count;
      var add = document.createElement("a");
      add.className = "add";
      add.href = withTag(tag.id);
      add.title = "add " + tag.name + " to the selected tags";
      add.textContent = tag.name;
      var count = document.createElement("small");
      count.textContent = " " + (tag.exact ? "" : "~") + tag.count.toLocaleString("en-US");
      item.appendChild(add);
      item.appendChild(count);
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
