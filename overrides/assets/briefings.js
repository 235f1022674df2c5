/* Sortable tables. Runs on every page view, including instant-loading ones (document$). */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/,/g, "").replace(/^[^\d-]+/, ""));
    return { text: text.toLowerCase(), number: /\d/.test(text) && !isNaN(number) ? number : null };
  }

  function compare(a, b) {
    if (a.number !== null && b.number !== null) return a.number - b.number;
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = compare(cellValue(a, index), cellValue(b, index));
      return descending ? -order : order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function makeSortable(table) {
    if (table.dataset.sortable || !table.tHead || !table.tBodies.length) return;
    if (table.classList.contains("stance-matrix") || table.tBodies[0].rows.length < 2) return;
    table.dataset.sortable = "yes";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "Sort by this column";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  }

  // Material's search dialog has no accessible name; screen readers announce it as "Search".
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  // Highlights the sentence a link points to. CSS :target alone is not enough: instant loading
  // moves between anchors with history.pushState, which does not update :target.
  function markTarget() {
    document.querySelectorAll(".source-text > .is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    // A sentence is a span of the source text with an id (render.source_html).
    var sentence = target && target.parentElement &&
      target.parentElement.classList.contains("source-text");
    if (sentence) target.classList.add("is-target");
  }

  window.addEventListener("hashchange", markTarget);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#s']");
    if (link) setTimeout(markTarget, 0);
  });
  if (typeof location$ !== "undefined") {
    location$.subscribe(function () { setTimeout(markTarget, 0); });
  }

  // "Correct this": copies a ready-to-edit correction of the item for the site's
  // corrections.yaml, written from its data-correct (kind first, then its current values; the
  // build writes them) and the page's article. JSON strings, numbers, lists and null are YAML
  // too. No server: the clipboard where the page may use it, else the correction shown
  // selected in a text box, to copy by hand.
  var HINTS = {
    position: "words of what was said", speaker: "who said it; null: nobody named",
    issues: "issue ids", stance: "support | oppose | conditional | mixed | neutral",
    figure: "words of the figure", unit: "what is counted",
    event: "killed, wounded, detained, displaced, destroyed, lost, other or null",
    claimed_by: "null: the article states it", about: "whose losses, which side",
    type: "person, state, government, military, armed_group, igo, ngo, media, group, other",
    affiliation: "the state or body it belongs to"
  };
  var ALTERNATIVES = {
    actor: ['merge_into: "Name"  # the same actor as another',
            "place: true  # a place, not an actor", "drop: true  # not an actor at all"],
    position: ["drop: true  # not a position at all"],
    figure: ["drop: true  # not a figure that matters"],
    cell: ["drop: true  # clear the cell"]
  };

  function yamlLine(key, value) {
    var hint = HINTS[key] ? "  # " + HINTS[key] : "";
    return key + ": " + JSON.stringify(value) + hint;
  }

  // data-correct leaves out the fields that are null; the page's data-fields gives every field
  // of each kind, in order.
  function correctionOf(button) {
    var fields = JSON.parse(button.getAttribute("data-correct"));
    var holder = document.querySelector(".correct-article");
    var article = holder ? holder.getAttribute("data-article") : null;
    var kind = Object.keys(fields)[0];
    var order = holder && holder.hasAttribute("data-fields") ?
      JSON.parse(holder.getAttribute("data-fields")) : {};
    var keys = order[kind] || Object.keys(fields);
    var lines = [yamlLine(kind, fields[kind])];
    var articleLine = yamlLine("article", article);
    if (kind === "actor") lines.push(articleLine + "  # remove this line to correct every briefing");
    else lines.unshift(articleLine);
    keys.slice(1).forEach(function (key) {
      lines.push(yamlLine(key, key in fields ? fields[key] : null));
    });
    (ALTERNATIVES[kind] || []).forEach(function (line) { lines.push("# " + line); });
    lines.push("note: null  # why, shown to readers", "by: null  # who corrected it");
    return lines.map(function (line, n) { return (n ? "  " : "- ") + line; }).join("\n") + "\n";
  }

  function announce(message) {
    var box = document.querySelector(".correct-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "correct-status";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.textContent = message;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { box.textContent = ""; }, 8000);
  }

  function showSnippet(button, snippet) {
    var area = button.nextElementSibling;
    if (!area || !area.classList.contains("correct-snippet")) {
      area = document.createElement("textarea");
      area.className = "correct-snippet";
      area.readOnly = true;
      area.setAttribute("aria-label", "Correction for corrections.yaml");
      button.parentNode.insertBefore(area, button.nextSibling);
    }
    area.value = snippet;
    area.rows = snippet.split("\n").length;
    area.focus();
    area.select();
    announce("Copy the selected correction into corrections.yaml, then edit it.");
  }

  function copySnippet(button) {
    var snippet = correctionOf(button);
    if (!navigator.clipboard || !window.isSecureContext) return showSnippet(button, snippet);
    navigator.clipboard.writeText(snippet).then(function () {
      announce("Correction copied: paste it into corrections.yaml, then edit it.");
    }, function () { showSnippet(button, snippet); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.correct-this");
    if (button) copySnippet(button);
  });

  var KIND_WORDS = {actor: "actor", position: "position", figure: "figure", cell: "stance cell"};

  // The controls come hidden and unnamed: without this script they would do nothing.
  function showCorrectButtons() {
    document.querySelectorAll("button.correct-this").forEach(function (button) {
      var kind = Object.keys(JSON.parse(button.getAttribute("data-correct")))[0];
      button.setAttribute("aria-label", "Correct this " + KIND_WORDS[kind]);
      button.type = "button";
      button.title = "Copy a correction for corrections.yaml";
      button.hidden = false;
    });
  }

  function init() {
    markTarget();
    showCorrectButtons();
    nameSearchDialog();
    document.querySelectorAll(".md-typeset table").forEach(makeSortable);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
