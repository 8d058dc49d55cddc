/* explainers: the claims index, narrowed by verdict, claimant, dates, tag and language.
 *
 * The page holds every claim as HTML, newest first, each entry (li) with what the
 * filter reads in data attributes: data-claim, data-status, data-lang, data-date,
 * data-claimant and data-tags (space-separated, each percent-encoded). Without this
 * script every entry shows. With it, the newest 50 (or the first 50 matches) show and
 * "Show more" reveals the next 50; the others are hidden, never rebuilt, so the
 * entries a reader sees are the page's own. No data file and no fetch: it works from
 * file://. The filter lives in the URL (?verdict=false&claimant=...&from=YYYY-MM-DD
 * &to=...&tag=&lang=), so a link shares it and Back returns to the previous filter;
 * a live region says how many match.
 *
 * The script comes before the entries in the page: it marks <html> at once
 * (xp-claims-js), and explainers.css then hides the entries past the first 50 of a
 * list it has not set up yet, before the first paint. Material's instant navigation
 * swaps the page's content in (while its own "js" class on <html> keeps that rule on)
 * and runs this script again, keeping the first run's globals: init() is safe to call
 * many times.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("xp-claims-js");
  if (window.xpClaimsFilter) {
    window.xpClaimsFilter.init();
    return;
  }
  var PARAMS = ["verdict", "claimant", "from", "to", "tag", "lang"];

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

  function isFiltered(state) {
    return PARAMS.some(function (name) { return state[name]; });
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

  function decode(tag) {
    try {
      return decodeURIComponent(tag);
    } catch (error) {
      return tag;
    }
  }

  /* What the filter reads of an entry, read once. */
  function record(li) {
    var data = li.dataset;
    var claimant = data.claimant || "";
    return {
      li: li,
      status: data.status || "",
      claimant: claimant,
      who: claimant.toLocaleLowerCase(),
      date: data.date || "",
      lang: data.lang || "",
      tags: data.tags ? data.tags.split(" ").map(decode) : [],
    };
  }

  function matches(entry, state, who) {
    if (state.verdict && entry.status !== state.verdict) return false;
    if (who && entry.who.indexOf(who) < 0) return false;
    if (state.tag && entry.tags.indexOf(state.tag) < 0) return false;
    if (state.lang && entry.lang !== state.lang) return false;
    return inRange(entry.date, state.from, state.to);
  }

  function setup(root) {
    var form = root.querySelector("form.xp-claims-filter");
    var list = root.querySelector(".xp-claims-list");
    var status = root.querySelector(".xp-claims-count");
    var words = root.dataset;
    var size = parseInt(words.pageSize, 10) || 50;
    var entries = Array.prototype.map.call(list.children, record);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button xp-claims-more__button";
    more.textContent = words.more || "Show more";
    list.insertAdjacentElement("afterend", more);

    var found = entries;
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
      var filtered = isFiltered(state);
      var text;
      /* unfiltered, the words are the page's own, whichever of the two made the list */
      if (!filtered && found.length > shown) text = fmt(words.newest, { shown: shown, total: found.length });
      else if (!filtered) text = fmt(words.countAll, { total: found.length });
      else if (found.length === 0) text = words.countNone;
      else if (found.length === 1) text = words.countOne;
      else text = fmt(words.count, { count: found.length });
      if (filtered && found.length > shown) text += " " + fmt(words.showing, { shown: shown, count: found.length });
      if (status.textContent !== text) status.textContent = text;
    }

    /* Show found[0 .. upTo) and hide every other entry; only changed entries are touched. */
    function show(upTo) {
      var visible = new Set(found.slice(0, upTo));
      entries.forEach(function (entry) {
        var hide = !visible.has(entry);
        if (entry.li.hidden !== hide) entry.li.hidden = hide;
      });
      shown = Math.min(upTo, found.length);
      more.hidden = shown >= found.length;
      say();
    }

    function apply(next) {
      state = next;
      var who = state.claimant.toLocaleLowerCase();
      found = isFiltered(state)
        ? entries.filter(function (entry) { return matches(entry, state, who); })
        : entries;
      show(size);
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
      apply(next);
    }

    var named = false;
    function nameClaimants() {
      var datalist = root.querySelector("datalist");
      if (named || !datalist) return;
      named = true;
      var names = {};
      entries.forEach(function (entry) {
        if (entry.claimant) names[entry.claimant] = true;
      });
      var options = document.createDocumentFragment();
      Object.keys(names).sort().forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        options.appendChild(option);
      });
      datalist.appendChild(options);
    }

    var typing = null;
    form.addEventListener("focusin", nameClaimants);
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
      var first = found[shown];
      show(shown + size);
      var link = first && first.li.querySelector("a");
      if (link) link.focus(); /* keyboard readers go on where the new entries start */
    });

    root.xpOnUrl = function () {
      var next = stateFromUrl();
      fill(next);
      apply(next);
    };
    fill(state);
    apply(state);
    form.hidden = false;
    root.setAttribute("data-ready", ""); /* the entries' hidden attributes now rule */
  }

  function init() {
    if (document.readyState === "loading") return; /* DOMContentLoaded calls again */
    var roots = document.querySelectorAll(".xp-claims-archive");
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].xpOnUrl) continue;
      setup(roots[i]);
    }
  }

  window.addEventListener("popstate", function () {
    var roots = document.querySelectorAll(".xp-claims-archive[data-ready]");
    for (var i = 0; i < roots.length; i++) if (roots[i].xpOnUrl) roots[i].xpOnUrl();
  });

  window.xpClaimsFilter = { init: init };
  document.addEventListener("DOMContentLoaded", function () {
    init();
    /* Material's bundle has run by now: follow its page changes too */
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(init);
    }
  });
  init();
})();
