/* explainers: the claims index, narrowed by verdict, claimant, dates, tag and language.
 *
 * The page holds the newest claims as HTML. Every claim is in claims-data.js
 * (window.xpClaimsData), loaded as a <script src> (which works from file:// where
 * fetch does not) only once a reader needs it: the URL holds a filter, or the reader
 * turns to the form or asks for more. A large archive's first screen stays small.
 * The filter lives in the URL (?verdict=false&claimant=...&from=YYYY-MM-DD&to=...&tag=
 * &lang=), so a link shares it and Back returns to the previous filter. Matches are
 * rendered a page at a time ("Show more"); a live region says how many match.
 *
 * Material's instant navigation runs this script again on each visit to the page and
 * keeps the first run's globals: init() is safe to call many times, and also runs on
 * every page change (document$) and when the data file arrives.
 */
(function () {
  "use strict";
  if (window.xpClaimsFilter) {
    window.xpClaimsFilter.init();
    return;
  }
  var PARAMS = ["verdict", "claimant", "from", "to", "tag", "lang"];
  var C = { id: 0, text: 1, verdict: 2, claimant: 3, date: 4, lang: 5, tags: 6, pages: 7, draft: 8 };
  var waiting = []; /* callbacks for when the data file has loaded */

  /* Call back with the claims, loading them first if need be. */
  function withData(root, callback) {
    if (window.xpClaimsData) {
      callback(window.xpClaimsData);
      return;
    }
    waiting.push(callback);
    if (document.querySelector("script[data-xp-claims-data]")) return;
    var script = document.createElement("script");
    script.src = root.getAttribute("data-src");
    script.setAttribute("data-xp-claims-data", "");
    document.head.appendChild(script); /* it calls init(), which calls back */
  }

  function esc(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return Number(values[key]).toLocaleString("en").replace(/,/g, "\u202f");
    });
  }

  function stateFromUrl() {
    var query = new URLSearchParams(window.location.search);
    var state = {};
    PARAMS.forEach(function (name) {
      state[name] = (query.get(name) || "").trim();
    });
    return state;
  }

  function urlFor(state) {
    var query = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      if (state[name]) query.set(name, state[name]);
      else query.delete(name);
    });
    var text = query.toString();
    return window.location.pathname + (text ? "?" + text : "") + window.location.hash;
  }

  /* A partial date ("2025", "2025-03") is in a range when any day of it is. */
  function inRange(date, from, to) {
    if (!from && !to) return true;
    if (!date) return false;
    if (from && (date + "-99-99").slice(0, 10) < from) return false;
    if (to && date.slice(0, 10) > to) return false;
    return true;
  }

  function matches(row, state) {
    if (state.verdict && row[C.verdict] !== state.verdict) return false;
    if (state.claimant) {
      var who = row[C.claimant].toLocaleLowerCase();
      if (who.indexOf(state.claimant.toLocaleLowerCase()) < 0) return false;
    }
    if (state.tag && row[C.tags].indexOf(state.tag) < 0) return false;
    if (state.lang && row[C.lang] !== state.lang) return false;
    return inRange(row[C.date], state.from, state.to);
  }

  function entryHtml(data, row) {
    var labels = data.labels;
    var meta = [];
    if (row[C.claimant]) meta.push(esc(labels.claimed_by) + " " + esc(row[C.claimant]));
    if (row[C.date]) {
      meta.push(
        '<time datetime="' + esc(row[C.date]) + '">' + esc(data.dates[row[C.date]] || row[C.date]) + "</time>"
      );
    }
    if (row[C.pages].length) {
      meta.push(
        esc(labels.shown_in) +
          " " +
          row[C.pages]
            .map(function (i) {
              var page = data.pages[i];
              return '<a href="' + esc(page[1]) + '">' + esc(page[0]) + "</a>";
            })
            .join(", ")
      );
    }
    var tail = meta.length ? '<span class="xp-claim-entry__meta">' + meta.join(" · ") + "</span>" : "";
    return (
      '<li class="xp-claim-entry"><a href="' + esc(data.href.replace("{id}", row[C.id])) +
      '" data-claim="' + esc(row[C.id]) + '">' +
      esc(row[C.text]) + "</a> " + (data.badges[row[C.verdict]] || "") +
      (row[C.draft] ? ' <span class="xp-draft" data-draft>' + esc(data.labels.draft) + "</span>" : "") +
      " " + tail + "</li>"
    );
  }

  function setup(root) {
    var form = root.querySelector("form.xp-claims-filter");
    var list = root.querySelector(".xp-claims-list");
    var status = root.querySelector(".xp-claims-count");
    var allLink = root.querySelector(".xp-claims-more");
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 50;
    var total = parseInt(root.getAttribute("data-total"), 10) || 0;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button xp-claims-more__button";
    more.textContent = root.getAttribute("data-more") || "Show more";
    more.hidden = total <= list.children.length;
    list.insertAdjacentElement("afterend", more);
    if (allLink) allLink.hidden = true; /* the script lists them all */

    var data = null;
    var found = [];
    var shown = 0;
    var state = stateFromUrl();

    function fill(next) {
      PARAMS.forEach(function (name) {
        var field = form.elements[name];
        if (!field) return;
        if (field.tagName === "SELECT" && next[name]) {
          var known = false;
          for (var i = 0; i < field.options.length; i++) known = known || field.options[i].value === next[name];
          if (!known) {
            var option = document.createElement("option");
            option.value = option.textContent = next[name];
            field.appendChild(option);
          }
        }
        field.value = next[name];
      });
    }

    function read() {
      var next = {};
      PARAMS.forEach(function (name) {
        var field = form.elements[name];
        next[name] = field ? field.value.trim() : "";
      });
      return next;
    }

    function say() {
      var labels = data.labels;
      var filtered = PARAMS.some(function (name) { return state[name]; });
      var text;
      /* unfiltered, the words are the page's own, whichever of the two made the list */
      if (!filtered && found.length > shown) text = fmt(labels.newest, { shown: shown, total: found.length });
      else if (!filtered) text = fmt(labels.count_all, { total: found.length });
      else if (found.length === 0) text = labels.count_none;
      else if (found.length === 1) text = labels.count_one;
      else text = fmt(labels.count, { count: found.length });
      if (filtered && found.length > shown) text += " " + fmt(labels.showing, { shown: shown, count: found.length });
      status.textContent = text;
    }

    function showMore() {
      var next = found.slice(shown, shown + size);
      list.insertAdjacentHTML("beforeend", next.map(function (row) { return entryHtml(data, row); }).join(""));
      shown += next.length;
      more.hidden = shown >= found.length;
      say();
    }

    function apply(next) {
      state = next;
      found = data.claims.filter(function (row) { return matches(row, state); });
      list.innerHTML = "";
      shown = 0;
      showMore();
    }

    function loaded(claims) {
      if (data) return;
      data = claims;
      var names = {};
      data.claims.forEach(function (row) {
        if (row[C.claimant]) names[row[C.claimant]] = true;
      });
      var datalist = root.querySelector("datalist");
      if (datalist) {
        datalist.innerHTML = Object.keys(names).sort().map(function (name) {
          return '<option value="' + esc(name) + '">';
        }).join("");
      }
      /* what the reader has typed meanwhile counts, else what the URL holds */
      apply(read());
    }

    function change(push) {
      var next = read();
      var url = urlFor(next);
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        try {
          if (push) window.history.pushState(null, "", url);
          else window.history.replaceState(null, "", url);
        } catch (error) {
          /* a browser that will not change a file:// URL: the filter still works */
        }
      }
      if (data) apply(next);
      else withData(root, loaded);
    }

    var typing = null;
    form.addEventListener("focusin", function () { withData(root, loaded); });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "claimant") return;
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { change(false); }, 250);
    });
    form.addEventListener("change", function () {
      window.clearTimeout(typing);
      change(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      change(true);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { change(true); }, 0); /* once the fields are cleared */
    });
    more.addEventListener("click", function () {
      withData(root, function (claims) {
        loaded(claims);
        var first = shown;
        showMore();
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus(); /* keyboard readers go on where the new entries start */
      });
    });

    root.xpOnUrl = function () {
      var next = stateFromUrl();
      fill(next);
      if (data) apply(next);
      else withData(root, loaded);
    };
    fill(state);
    form.hidden = false;
    if (PARAMS.some(function (name) { return state[name]; })) withData(root, loaded);
  }

  function init() {
    var roots = document.querySelectorAll(".xp-claims-archive");
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].getAttribute("data-ready") === "") continue;
      roots[i].setAttribute("data-ready", "");
      setup(roots[i]);
    }
    if (window.xpClaimsData) {
      var calls = waiting;
      waiting = [];
      calls.forEach(function (callback) { callback(window.xpClaimsData); });
    }
  }

  window.addEventListener("popstate", function () {
    var roots = document.querySelectorAll(".xp-claims-archive[data-ready]");
    for (var i = 0; i < roots.length; i++) if (roots[i].xpOnUrl) roots[i].xpOnUrl();
  });

  window.xpClaimsFilter = { init: init };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  }
  init();
})();
