/* daihoi — apply the reader's saved text size and contrast before the first paint.
 * Loaded in <head> as an external file (the CSP forbids inline scripts). Keys:
 *   daihoi.fontStep  — integer from -2 to 3 (0 = default), sets <html data-font-step>
 *   daihoi.contrast  — "high" sets <html data-contrast="high">; anything else is normal
 */
(function () {
  "use strict";
  var root = document.documentElement;
  /* Scripts run: the stylesheet may fold the menu on phones behind its button. */
  root.classList.add("js");
  try {
    var step = parseInt(window.localStorage.getItem("daihoi.fontStep"), 10);
    if (step >= -2 && step <= 3) {
      root.setAttribute("data-font-step", String(step));
    }
    if (window.localStorage.getItem("daihoi.contrast") === "high") {
      root.setAttribute("data-contrast", "high");
    }
  } catch (e) {
    /* localStorage can be disabled (privacy mode); the defaults then apply. */
  }
})();
