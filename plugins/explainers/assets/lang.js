/* The explainers: <html lang> follows the page after an instant page change.
 *
 * Material's instant navigation swaps the page's content and <head> elements but
 * keeps the first page's <html> element, so a Norwegian page reached from an
 * English one would be read out as English. Each page names its language in
 * <meta name="explainers:lang">, which the swap carries over; this script copies it
 * to <html lang> on every page change (Material's document$), or once without it.
 */
(function () {
  "use strict";
  function follow() {
    var meta = document.querySelector('meta[name="explainers:lang"]');
    var lang = meta && meta.getAttribute("content");
    if (lang && document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
    }
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(follow);
  } else {
    follow();
  }
})();
