/* daihoi — the work schedule's print button (Lịch công tác). Without JavaScript the button stays
 * hidden and the browser's own print command prints the same page with the print stylesheet.
 */
(function () {
  "use strict";
  var button = document.querySelector('[data-action="print-schedule"]');
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
