/* explainers: citations on touch screens, Escape, and printing.
 *
 * - Touch: the first tap on a citation shows Material's footnote preview instead of
 *   jumping to the source list; a second tap on the same citation follows the link.
 *   (Material shows the preview while a citation is hovered or focused; a tap hovers
 *   and focuses it, so keeping the click from navigating is enough.)
 * - Escape closes an open preview.
 * - Printing opens every <details> (a verdict's history, folded admonitions) and
 *   closes again the ones that were closed.
 *
 * Listeners sit on the document once, so they survive Material's instant
 * navigation; per-page state is reset on each page change (document$).
 */
(function () {
  "use strict";
  if (window.__explainersReady) return;
  window.__explainersReady = true;

  var CITE = "a.xp-cite, a.footnote-ref";
  var armed = null; /* the citation whose preview the last tap opened */
  var finger = false; /* the last pointer down was a touch */

  function citationAt(target) {
    return target && target.closest ? target.closest(CITE) : null;
  }

  function close(cite) {
    if (!cite) return;
    cite.dispatchEvent(new MouseEvent("mouseleave", { bubbles: false }));
    cite.dispatchEvent(new MouseEvent("mouseout", { bubbles: true }));
    if (document.activeElement === cite) cite.blur();
  }

  function openPreviews() {
    return document.querySelectorAll(
      "[aria-describedby^='__tooltip2_'], [aria-controls^='__tooltip2_']"
    );
  }

  document.addEventListener(
    "pointerdown",
    function (event) {
      finger = event.pointerType === "touch";
    },
    true
  );

  document.addEventListener(
    "click",
    function (event) {
      var cite = citationAt(event.target);
      if (!cite || !finger) {
        armed = null;
        return;
      }
      if (armed === cite) {
        armed = null; /* second tap: follow the link */
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      armed = cite;
      cite.focus({ preventScroll: true });
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = Array.prototype.slice.call(openPreviews());
    if (armed) open.push(armed);
    if (document.activeElement && citationAt(document.activeElement)) {
      open.push(document.activeElement);
    }
    open.forEach(close);
    armed = null;
  });

  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    reopened.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) {
      d.open = false;
    });
    reopened = [];
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () {
      armed = null;
    });
  }
})();
