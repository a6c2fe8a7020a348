// daihoi — administration: live preview of the Markdown body (progressive enhancement).
// Without JavaScript the "Xem trước" button posts the form and the server renders the preview.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var pane = document.getElementById("preview");
  var form = document.getElementById("article-form");
  if (!body || !pane || !form) {
    return;
  }
  var url = pane.getAttribute("data-preview-url");
  var tokenField = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var sent = 0;

  function refresh() {
    var ticket = ++sent;
    var data = new URLSearchParams();
    data.set("csrf_token", tokenField ? tokenField.value : "");
    data.set("body", body.value);
    // Lets `![chú thích](photo:ID)` show this article's photos in the preview.
    if (pane.hasAttribute("data-article-id")) {
      data.set("article_id", pane.getAttribute("data-article-id"));
    }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "text/html" },
      body: data
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    }).then(function (html) {
      // Only the latest answer counts; the server has sanitised the fragment.
      if (ticket === sent) {
        pane.innerHTML = html;
        pane.removeAttribute("data-stale");
      }
    }).catch(function () {
      if (ticket === sent) {
        pane.setAttribute("data-stale", "true");
      }
    });
  }

  body.addEventListener("input", function () {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(refresh, 400);
  });
  document.documentElement.classList.add("js-preview");
})();
