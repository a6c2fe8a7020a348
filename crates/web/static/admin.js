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

// Bản đang gõ — keeps what is typed in the editor in this tab's sessionStorage, so a refusal the
// server cannot answer with the form (the session ran out, a connection broke) loses nothing:
// when the editor opens again with other text, a banner offers to put the typed text back.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  if (!form || !window.sessionStorage) {
    return;
  }
  var names = ["title", "lead", "body"];
  var key = "daihoi-ban-dang-go:" + form.getAttribute("action");
  var fields = names.map(function (name) { return form.elements.namedItem(name); });
  if (fields.some(function (field) { return !field || field.readOnly; })) {
    return;
  }
  function current() {
    var values = {};
    names.forEach(function (name, i) { values[name] = fields[i].value; });
    return values;
  }
  function same(a, b) {
    return names.every(function (name) { return (a[name] || "") === (b[name] || ""); });
  }
  function read() {
    try {
      return JSON.parse(sessionStorage.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }
  function write() {
    try {
      var values = current();
      values.at = Date.now();
      sessionStorage.setItem(key, JSON.stringify(values));
    } catch (e) {
      // Storage full or refused: the server-side checks still keep refused forms filled in.
    }
  }
  // A new article that was just created: its "new article" copy is stored on the server now.
  if (/[?&]thong_bao=da-tao\b/.test(location.search)) {
    sessionStorage.removeItem("daihoi-ban-dang-go:/quan-tri/bai-viet");
  }
  var kept = read();
  if (kept && same(kept, current())) {
    sessionStorage.removeItem(key);
  } else if (kept) {
    var banner = document.createElement("div");
    banner.className = "draft-banner";
    banner.setAttribute("role", "status");
    var text = document.createElement("p");
    var at = new Date(kept.at || Date.now());
    text.textContent = "Có nội dung bạn đã gõ lúc " +
      at.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) +
      " nhưng chưa được lưu.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Khôi phục nội dung đã gõ";
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "secondary";
    drop.textContent = "Bỏ qua";
    restore.addEventListener("click", function () {
      names.forEach(function (name, i) {
        if (typeof kept[name] === "string") {
          fields[i].value = kept[name];
        }
      });
      fields[2].dispatchEvent(new Event("input"));
      banner.remove();
      fields[0].focus();
    });
    drop.addEventListener("click", function () {
      sessionStorage.removeItem(key);
      banner.remove();
    });
    banner.appendChild(text);
    banner.appendChild(restore);
    banner.appendChild(drop);
    var anchor = form.closest(".editor") || form;
    anchor.parentNode.insertBefore(banner, anchor);
  }
  var timer = null;
  form.addEventListener("input", function () {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(write, 500);
  });
  form.addEventListener("submit", write);
})();

// Chưa lưu — the editor warns before a page change would drop typed text, and the page's other
// forms (a photo upload, a caption, a photo deleted) do not drop it: what is typed goes with them
// (sessionStorage) and is put back when the editor comes back, with a notice that it is not
// saved yet.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  if (!form) {
    return;
  }
  var names = ["title", "lead", "body"];
  var fields = names.map(function (name) { return form.elements.namedItem(name); });
  if (fields.some(function (field) { return !field || field.readOnly; })) {
    return;
  }
  var saved = fields.map(function (field) { return field.value; });
  var leaving = false;
  function dirty() {
    return fields.some(function (field, i) { return field.value !== saved[i]; });
  }
  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && dirty()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  var key = "daihoi-ban-dang-go:" + form.getAttribute("action");
  var carry = "daihoi-giu-khi-tai-anh:" + form.getAttribute("action");
  // The page's other forms (upload, caption, delete a photo) come back to this editor: what is
  // typed is carried over them instead of asking the editor to choose.
  document.addEventListener("submit", function (event) {
    if (event.target === form || event.defaultPrevented) return;
    leaving = true;
    if (dirty() && window.sessionStorage) {
      try {
        var values = {};
        names.forEach(function (name, i) { values[name] = fields[i].value; });
        sessionStorage.setItem(carry, JSON.stringify(values));
      } catch (e) {
        // Not kept: the draft banner above still offers the copy it keeps.
      }
    }
  });
  var kept = null;
  try {
    kept = window.sessionStorage && JSON.parse(sessionStorage.getItem(carry) || "null");
    if (kept) sessionStorage.removeItem(carry);
  } catch (e) {
    kept = null;
  }
  if (kept) {
    names.forEach(function (name, i) {
      if (typeof kept[name] === "string") fields[i].value = kept[name];
    });
    fields[2].dispatchEvent(new Event("input"));
    // The banner of the copy kept while typing is about the same text: not needed now.
    var banner = document.querySelector(".draft-banner");
    if (banner) banner.remove();
    try { sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    var note = document.createElement("p");
    note.className = "unsaved-note";
    note.setAttribute("role", "status");
    note.textContent = "Nội dung bạn đang sửa đã được giữ lại nhưng chưa lưu: hãy bấm «Lưu thay đổi».";
    form.insertBefore(note, form.firstChild);
  }
  var refusal = document.getElementById("upload-error");
  if (refusal) refusal.focus();
})();

// Hỏi lại trước khi xoá — a button with data-confirm asks before its form is sent (in the
// capture phase, before the editor's listener above decides the page is being left).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
})();
