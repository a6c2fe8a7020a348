/* daihoi — progressive enhancement of the public portal (every page works without it).
 *
 * - Display tools (#display-tools, in the header of every page): text size A− A A+ and the
 *   high-contrast toggle, remembered in localStorage (see prefs.js, which applies them before
 *   the first paint). At a bound A− or A+ is disabled.
 * - Reader tools of an article (#reader-tools): native share sheet, copy link.
 * - The menu button of phones (.nav-toggle) folds and unfolds the sections' menu.
 * - The print view's button (data-action="print-now") opens the browser's print dialog.
 * - Rating (#rating-form): posts with fetch (Accept: application/json) and updates the block in
 *   place instead of reloading the page.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var FONT_KEY = "daihoi.fontStep";
  var CONTRAST_KEY = "daihoi.contrast";
  var MIN_STEP = -2;
  var MAX_STEP = 3;

  function store(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (e) {
      /* Not remembered, but still applied for this page. */
    }
  }

  function currentStep() {
    var n = parseInt(root.getAttribute("data-font-step"), 10);
    return n >= MIN_STEP && n <= MAX_STEP ? n : 0;
  }

  function setStep(n) {
    n = Math.max(MIN_STEP, Math.min(MAX_STEP, n));
    root.setAttribute("data-font-step", String(n));
    store(FONT_KEY, n === 0 ? null : String(n));
    syncTools();
  }

  function setContrast(high) {
    if (high) {
      root.setAttribute("data-contrast", "high");
      store(CONTRAST_KEY, "high");
    } else {
      root.removeAttribute("data-contrast");
      store(CONTRAST_KEY, null);
    }
    syncTools();
  }

  function button(action) {
    return document.querySelector('#display-tools [data-action="' + action + '"]');
  }

  function syncTools() {
    var step = currentStep();
    var high = root.getAttribute("data-contrast") === "high";
    var smaller = button("font-smaller");
    var larger = button("font-larger");
    var reset = button("font-reset");
    var contrast = button("contrast-toggle");
    if (smaller) smaller.disabled = step <= MIN_STEP;
    if (larger) larger.disabled = step >= MAX_STEP;
    if (reset) reset.setAttribute("aria-pressed", step === 0 ? "true" : "false");
    if (contrast) contrast.setAttribute("aria-pressed", high ? "true" : "false");
  }

  function say(text) {
    var status = document.getElementById("reader-tools-status");
    if (status) {
      status.textContent = text;
    }
  }

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : window.location.href;
  }

  function copyLink() {
    var url = pageUrl();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { say("Đã sao chép liên kết bài viết."); },
        function () { say("Không sao chép được. Liên kết: " + url); }
      );
    } else {
      say("Trình duyệt không cho sao chép tự động. Liên kết: " + url);
    }
  }

  function nativeShare() {
    if (!navigator.share) return;
    var title = document.querySelector("h1");
    navigator.share({
      title: title ? title.textContent.trim() : document.title,
      url: pageUrl()
    }).catch(function () { /* cancelled by the reader */ });
  }

  function reveal(scope) {
    scope.querySelectorAll("[data-needs-js]").forEach(function (el) {
      el.hidden = false;
    });
  }

  function setUpTools() {
    var display = document.getElementById("display-tools");
    if (display) {
      display.hidden = false;
      display.addEventListener("click", function (event) {
        var el = event.target.closest("button[data-action]");
        if (!el || el.disabled) return;
        switch (el.getAttribute("data-action")) {
          case "font-smaller": setStep(currentStep() - 1); break;
          case "font-reset": setStep(0); break;
          case "font-larger": setStep(currentStep() + 1); break;
          case "contrast-toggle": setContrast(root.getAttribute("data-contrast") !== "high"); break;
          default: return;
        }
      });
      syncTools();
    }
    var t = document.getElementById("reader-tools");
    if (t) {
      reveal(t);
      var share = t.querySelector('[data-action="share-native"]');
      if (share) share.hidden = !navigator.share;
      t.addEventListener("click", function (event) {
        var el = event.target.closest("button[data-action]");
        if (!el) return;
        switch (el.getAttribute("data-action")) {
          case "share-native": nativeShare(); break;
          case "copy-link": copyLink(); break;
          default: return;
        }
      });
    }
    var print = document.querySelector('[data-action="print-now"]');
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    });
  }

  function setUpRating() {
    var form = document.getElementById("rating-form");
    if (!form || !window.fetch) return;
    var message = document.getElementById("rating-message");
    function show(text, isError) {
      if (!message) return;
      message.textContent = text;
      message.classList.toggle("is-error", !!isError);
    }
    // Rated: the choice stays shown and the form cannot be sent again.
    function done() {
      form.setAttribute("data-done", "");
      var fieldset = form.querySelector("fieldset");
      if (fieldset) fieldset.disabled = true;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector('input[name="stars"]:checked');
      if (!chosen) {
        show("Vui lòng chọn số sao từ 1 đến 5.", true);
        return;
      }
      var body = new URLSearchParams(new FormData(form));
      var submit = form.querySelector('[type="submit"]');
      if (submit) submit.disabled = true;
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Accept": "application/json",
          "Content-Type": "application/x-www-form-urlencoded"
        },
        body: body.toString()
      }).then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        }, function () {
          return { ok: false, status: response.status, data: {} };
        });
      }).then(function (result) {
        var data = result.data || {};
        if (data.summary) {
          var summary = document.getElementById("rating-summary");
          var average = document.getElementById("rating-average");
          if (summary) summary.textContent = data.summary.sentence;
          if (average) average.textContent = data.summary.average;
        }
        if (result.ok) {
          show(data.message || "Cảm ơn bạn đã đánh giá bài viết.", false);
          done();
        } else {
          var text = data.error && data.error.message;
          show(text || "Không gửi được đánh giá (mã " + result.status + "). Vui lòng thử lại.", true);
          if (result.status === 409) done();
          else if (submit) submit.disabled = false;
        }
        // The button the reader pressed is now disabled: focus goes to the answer, which a
        // screen reader then reads, instead of falling back to the top of the page.
        if (message) message.focus();
      }).catch(function () {
        show("Không kết nối được máy chủ. Vui lòng thử lại.", true);
        if (submit) submit.disabled = false;
        if (message) message.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpTools(); setUpMenu(); setUpRating(); });
  } else {
    setUpTools();
    setUpMenu();
    setUpRating();
  }
})();
