// daihoi — hall screen (điểm danh tại hội trường). Progressive enhancement only: without this
// script every form posts and the page comes back; with it,
//  1. the figures and the list follow every change live (server-sent events, reconnecting),
//  2. the forms are sent with fetch and answered in JSON (no reload, the code field stays ready),
//  3. where the browser has BarcodeDetector and a camera, a button scans a card's QR code.
// Every text shown comes from the server (numbers already in Vietnamese format).
(function () {
  'use strict';

  var hall = document.getElementById('hall');
  if (!hall || !window.fetch) return;

  var result = document.getElementById('checkin-result');
  var liveState = document.getElementById('live-state');
  var codeForm = document.getElementById('checkin-form');
  var codeInput = document.getElementById('code');

  // ---- Figures and rows -------------------------------------------------------------------

  function setFigures(f) {
    if (!f || !f.text) return;
    var text = {
      present: f.text.present,
      convened: f.text.convened,
      needed: f.text.needed,
      absent: f.text.absent,
      verdict: f.text.verdict,
      summary: f.text.summary,
      quorum: f.quorum,
    };
    Object.keys(text).forEach(function (name) {
      hall.querySelectorAll('[data-figure="' + name + '"]').forEach(function (el) {
        if (el.textContent !== text[name]) el.textContent = text[name];
      });
    });
    hall.querySelectorAll('[data-figure="verdict"]').forEach(function (el) {
      el.setAttribute('data-met', f.quorum_met ? '1' : '0');
    });
  }

  function setRow(d, highlight) {
    if (!d) return;
    var row = document.getElementById('dai-bieu-' + d.id);
    if (!row) return;
    var changed = row.getAttribute('data-state') !== d.state;
    row.setAttribute('data-state', d.state);
    var label = row.querySelector('.state-label');
    if (label) label.textContent = d.state_label;
    var reason = row.querySelector('.state-reason');
    if (reason) reason.textContent = d.reason ? ': ' + d.reason : '';
    if (d.state !== 'none') {
      var details = row.querySelector('details[open]');
      if (details) details.open = false;
    }
    if (highlight && changed) {
      row.classList.add('just-changed');
      setTimeout(function () {
        row.classList.remove('just-changed');
      }, 2500);
    }
  }

  function say(message, isError) {
    if (!result) return;
    result.textContent = '';
    var p = document.createElement('p');
    p.className = isError ? 'form-error' : 'last-checkin';
    if (isError) p.id = 'code-error';
    p.textContent = message;
    result.appendChild(p);
    if (codeInput) {
      if (isError) {
        codeInput.setAttribute('aria-invalid', 'true');
        codeInput.setAttribute('aria-describedby', 'code-error');
      } else {
        codeInput.removeAttribute('aria-invalid');
        codeInput.removeAttribute('aria-describedby');
      }
    }
  }

  // ---- Live updates -----------------------------------------------------------------------

  var source = null;
  var retryMs = 1000;

  function connect() {
    var url = hall.getAttribute('data-events');
    if (!url || !window.EventSource) return;
    source = new EventSource(url);
    source.addEventListener('open', function () {
      retryMs = 1000;
      if (liveState) {
        liveState.hidden = false;
        liveState.textContent = 'Đang cập nhật trực tiếp.';
      }
    });
    source.addEventListener('snapshot', function (e) {
      var snap = JSON.parse(e.data);
      setFigures(snap.figures);
      (snap.delegates || []).forEach(function (d) {
        setRow(d, false);
      });
      hall.setAttribute('data-live', '1');
    });
    source.addEventListener('attendance', function (e) {
      var update = JSON.parse(e.data);
      setFigures(update.figures);
      setRow(update.delegate, true);
    });
    source.addEventListener('error', function () {
      if (liveState) {
        liveState.hidden = false;
        liveState.textContent = 'Mất kết nối cập nhật trực tiếp, đang kết nối lại…';
      }
      hall.setAttribute('data-live', '0');
      // The browser retries by itself unless the stream was refused or closed for good.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      }
    });
  }

  // ---- Forms sent with fetch --------------------------------------------------------------

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return { error: { message: 'Máy chủ trả lời không đọc được (mã ' + response.status + ').' } };
        })
        .then(function (data) {
          if (!response.ok || data.error) {
            throw new Error((data.error && data.error.message) || 'Không thực hiện được.');
          }
          return data;
        });
    });
  }

  function applyAnswer(data) {
    setFigures(data.figures);
    setRow(data.delegate, true);
    say(data.message, false);
  }

  // Codes are sent one after another, in the order typed or scanned: a card scanner types a
  // code and Enter faster than an answer comes back, and no card may be lost.
  var queue = [];
  var sending = false;
  var csrfField = codeForm ? codeForm.querySelector('input[name="csrf_token"]') : null;

  function pump() {
    if (sending || !queue.length) return;
    sending = true;
    var code = queue.shift();
    var body = new URLSearchParams();
    body.set('csrf_token', csrfField ? csrfField.value : '');
    body.set('code', code);
    post(codeForm.action, body)
      .then(applyAnswer)
      .catch(function (err) {
        say(err.message, true);
        // Give the code back to correct it, unless another one is being typed.
        if (!codeInput.value) {
          codeInput.value = code;
          codeInput.select();
        }
      })
      .then(function () {
        sending = false;
        pump();
      });
  }

  function submitCode(code) {
    code = (code || '').trim();
    if (!code) {
      say('Hãy gõ hoặc quét mã in trên thẻ đại biểu.', true);
      codeInput.focus();
      return;
    }
    queue.push(code);
    pump();
  }

  if (codeForm && codeInput) {
    codeForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var code = codeInput.value;
      codeInput.value = '';
      codeInput.focus();
      submitCode(code);
    });
  }

  document.querySelectorAll('table.attendance form').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      post(form.action, new URLSearchParams(new FormData(form)))
        .then(function (data) {
          applyAnswer(data);
          var reason = form.querySelector('input[name="reason"]');
          if (reason) reason.value = '';
        })
        .catch(function (err) {
          say(err.message, true);
        });
    });
  });

  // ---- Scanning with the camera -----------------------------------------------------------

  var scanStart = document.getElementById('scan-start');
  var scanStop = document.getElementById('scan-stop');
  var scanner = document.getElementById('scanner');
  var video = document.getElementById('scan-video');
  var stream = null;
  var detector = null;
  var lastCode = '';
  var lastAt = 0;

  function stopScanning() {
    if (stream) {
      stream.getTracks().forEach(function (t) {
        t.stop();
      });
    }
    stream = null;
    if (scanner) scanner.hidden = true;
    if (scanStart) scanStart.hidden = false;
  }

  function scanFrame() {
    if (!stream) return;
    detector
      .detect(video)
      .then(function (codes) {
        var now = Date.now();
        if (codes.length && codes[0].rawValue) {
          var code = codes[0].rawValue.trim();
          // The same card held in front of the camera is sent once every 3 s at most.
          if (code && (code !== lastCode || now - lastAt > 3000)) {
            lastCode = code;
            lastAt = now;
            submitCode(code);
          }
        }
      })
      .catch(function () {
        // A frame that could not be read: try the next one.
      })
      .then(function () {
        if (stream) setTimeout(scanFrame, 200);
      });
  }

  function startScanning() {
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        scanner.hidden = false;
        scanStart.hidden = true;
        return video.play();
      })
      .then(function () {
        scanFrame();
      })
      .catch(function (err) {
        stopScanning();
        say('Không mở được máy ảnh (' + (err && err.name ? err.name : 'lỗi') + '). Hãy gõ mã trên thẻ.', true);
      });
  }

  if (scanStart && scanner && video && 'BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    window.BarcodeDetector.getSupportedFormats()
      .then(function (formats) {
        if (formats.indexOf('qr_code') === -1) return;
        detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        scanStart.hidden = false;
        scanStart.addEventListener('click', startScanning);
        if (scanStop) scanStop.addEventListener('click', stopScanning);
      })
      .catch(function () {
        // No detector after all: the button stays hidden.
      });
  }

  connect();
  window.addEventListener('pagehide', function () {
    stopScanning();
    if (source) source.close();
  });
})();
